import type { MessagesCreateRequest } from '@interlingua/messages-schema';
import type { ChatCompletionFunctionTool, ChatCompletionRequest, FunctionDefinition } from '@interlingua/openai-schema';
import { MessagesMappingFailure, warn, type MappingState } from './mapping-failure.js';

/**
 * `tools` → function tools (`input_schema` → `parameters`, `strict` kept). A server tool (any `type` other than
 * absent / `custom`: `web_search_*`, `web_fetch_*`, `code_execution_*`, `bash_*`, `text_editor_*`, memory, tool
 * search, MCP toolsets) → 400 naming `tools.<i>.type`: the hub has no equivalent that every upstream honours, and
 * a Claude model behind an Anthropic upstream receives the request unchanged (so server tools work there).
 */
export function convertMessagesToolsToChat(tools: MessagesCreateRequest['tools'], state: MappingState): ChatCompletionFunctionTool[] | undefined {
  if (tools === undefined) return undefined;
  return tools.map((tool, index) => {
    const param = `tools.${index}`;
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      throw new MessagesMappingFailure(`${param}.type`, `the server tool "${tool.type}" is available only with an Anthropic upstream`);
    }
    const schema = tool['input_schema'];
    if (typeof schema !== 'object' || schema === null) throw new MessagesMappingFailure(`${param}.input_schema`, 'Field required');
    if (tool.cache_control) warn(state, 'cache_control_dropped', `${param}.cache_control`, 'A cache breakpoint on a tool has no Chat Completions form; it was dropped.');
    for (const key of Object.keys(tool)) {
      if (!['type', 'name', 'description', 'input_schema', 'strict', 'cache_control'].includes(key)) {
        warn(state, 'parameter_dropped', `${param}.${key}`, `The tool field "${key}" has no Chat Completions form; it was dropped.`);
      }
    }
    const fn: FunctionDefinition = { name: tool.name, parameters: schema as Record<string, unknown> };
    if (typeof tool.description === 'string') fn.description = tool.description;
    if (typeof tool.strict === 'boolean') fn.strict = tool.strict;
    return { type: 'function', function: fn };
  });
}

/** `tool_choice` → the hub's `tool_choice` and `parallel_tool_calls`. */
export function convertMessagesToolChoiceToChat(
  choice: MessagesCreateRequest['tool_choice'],
): Pick<ChatCompletionRequest, 'tool_choice' | 'parallel_tool_calls'> {
  if (choice === undefined) return {};
  const parallel = 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true ? { parallel_tool_calls: false } : {};
  switch (choice.type) {
    case 'auto':
      return { tool_choice: 'auto', ...parallel };
    case 'any':
      return { tool_choice: 'required', ...parallel };
    case 'tool':
      return { tool_choice: { type: 'function', function: { name: (choice as { name: string }).name } }, ...parallel };
    default:
      return { tool_choice: 'none' };
  }
}
