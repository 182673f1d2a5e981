import type { ChatCompletionTool, ChatCompletionToolChoiceOption, WebSearchOptions } from '@interlingua/openai-schema';
import type { AnthropicCustomTool, AnthropicTool, AnthropicToolChoice, AnthropicWebSearchTool } from './anthropic-request-types.js';
import { convertJsonSchemaToAnthropicSubset } from './convert-json-schema-to-anthropic-subset.js';
import { readCacheControl } from './convert-openai-content-part-to-anthropic.js';
import { addWarning, RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';

/** The input schema of a function tool: the root is always an object (`{type:'object', properties:{}}` when absent). */
export function convertOpenAIParametersToAnthropicInputSchema(
  parameters: Record<string, unknown> | undefined,
  param: string,
  state: RequestMappingState,
): AnthropicCustomTool['input_schema'] {
  if (parameters === undefined || parameters === null) return { type: 'object', properties: {} };
  if (parameters['type'] === 'object') return parameters as AnthropicCustomTool['input_schema'];
  if (parameters['type'] === undefined) {
    addWarning(state, 'tool_schema_repaired', param, 'The parameters schema has no type; `type: "object"` was added (Anthropic needs an object root).');
    return { ...parameters, type: 'object' };
  }
  throw new RequestMappingFailure('Tool parameters must be a JSON Schema whose root is an object.', `${param}.type`, 'invalid_value');
}

/**
 * `tools` → Anthropic client tools `{name, description, input_schema}`. `strict` is kept for models with
 * structured outputs and dropped (warned) otherwise; custom (grammar) tools are a 400.
 */
export function convertOpenAIToolsToAnthropic(
  tools: readonly ChatCompletionTool[],
  state: RequestMappingState,
  supportsStrictTools: boolean,
  firstIndex = 0,
): AnthropicCustomTool[] {
  return tools.map((tool, position) => {
    const i = firstIndex + position;
    if (tool.type !== 'function') {
      throw new RequestMappingFailure('Custom (free-form) tools are not supported by Anthropic; use function tools.', `tools[${i}].type`, 'unsupported_value');
    }
    const fn = tool.function;
    const converted: AnthropicCustomTool = {
      name: fn.name,
      ...(fn.description !== undefined ? { description: fn.description } : {}),
      input_schema: convertOpenAIParametersToAnthropicInputSchema(fn.parameters, `tools[${i}].function.parameters`, state),
    };
    if (fn.strict === true) {
      if (!supportsStrictTools) addWarning(state, 'parameter_dropped', `tools[${i}].function.strict`, 'This model has no strict tool use; `strict` was dropped.');
      else {
        const subset = convertJsonSchemaToAnthropicSubset(converted.input_schema, `tools[${i}].function.parameters`);
        if (subset.ok) {
          state.warnings.push(...subset.warnings);
          converted.input_schema = subset.schema as AnthropicCustomTool['input_schema'];
          converted.strict = true;
        } else {
          addWarning(state, 'parameter_dropped', `tools[${i}].function.strict`, `Anthropic's strict tool use cannot express this schema (${subset.reason}); \`strict\` was dropped and the schema sent as is.`);
        }
      }
    }
    const cacheControl = readCacheControl(tool as Record<string, unknown>);
    if (cacheControl) converted.cache_control = cacheControl;
    return converted;
  });
}

/**
 * `tool_choice` (+ `parallel_tool_calls`) → Anthropic `tool_choice`.
 *
 * | OpenAI | Anthropic |
 * |---|---|
 * | `auto` | `{type: 'auto'}` |
 * | `required` | `{type: 'any'}` |
 * | `{type: 'function', function: {name}}` | `{type: 'tool', name}` |
 * | `none` | `{type: 'none'}` (tools stay declared, the model may not call them) |
 * | `{type: 'allowed_tools', allowed_tools: {mode, tools}}` | `auto` / `any`, and only the listed tools are sent |
 * | `parallel_tool_calls: false` | `disable_parallel_tool_use: true` on the choice (`auto` when none given; never on `none`) |
 *
 * Returns the choice (undefined when nothing needs sending) and the tool names to keep (null = all).
 */
export function convertOpenAIToolChoiceToAnthropic(
  toolChoice: ChatCompletionToolChoiceOption | undefined,
  parallelToolCalls: boolean | undefined,
): { toolChoice: AnthropicToolChoice | undefined; allowedNames: Set<string> | null } {
  let choice: AnthropicToolChoice | undefined;
  let allowedNames: Set<string> | null = null;
  if (toolChoice === 'auto') choice = { type: 'auto' };
  else if (toolChoice === 'required') choice = { type: 'any' };
  else if (toolChoice === 'none') choice = { type: 'none' };
  else if (toolChoice && typeof toolChoice === 'object') {
    if (toolChoice.type === 'function') choice = { type: 'tool', name: toolChoice.function.name };
    else if (toolChoice.type === 'allowed_tools') {
      choice = { type: toolChoice.allowed_tools.mode === 'required' ? 'any' : 'auto' };
      allowedNames = new Set(
        toolChoice.allowed_tools.tools
          .map((reference) => (reference['function'] as { name?: unknown } | undefined)?.name ?? reference['name'])
          .filter((name): name is string => typeof name === 'string'),
      );
    } else {
      throw new RequestMappingFailure('Custom tool choices are not supported by Anthropic.', 'tool_choice', 'unsupported_value');
    }
  }
  if (parallelToolCalls === false && choice?.type !== 'none') {
    choice = { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: true } as AnthropicToolChoice;
  }
  return { toolChoice: choice, allowedNames };
}

/**
 * `web_search_options` → Anthropic's `web_search_20250305` server tool. `search_context_size` → `max_uses`
 * (low 1, medium 5, high 10); `user_location.approximate` → `user_location` (city, region, country, timezone).
 */
export function convertOpenAIWebSearchOptionsToAnthropic(options: WebSearchOptions): AnthropicWebSearchTool {
  const tool: AnthropicWebSearchTool = { type: 'web_search_20250305', name: 'web_search' };
  const size = options.search_context_size;
  if (size === 'low') tool.max_uses = 1;
  else if (size === 'medium') tool.max_uses = 5;
  else if (size === 'high') tool.max_uses = 10;
  const approximate = options.user_location?.approximate;
  if (approximate) {
    const location: NonNullable<AnthropicWebSearchTool['user_location']> = { type: 'approximate' };
    for (const key of ['city', 'region', 'country', 'timezone'] as const) {
      const value = approximate[key];
      if (typeof value === 'string' && value !== '') location[key] = value;
    }
    tool.user_location = location;
  }
  return tool;
}

export type { AnthropicTool };
