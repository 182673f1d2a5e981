import {
  createOpenAIError,
  type ChatCompletionTool,
  type ChatCompletionToolChoiceOption,
  type OpenAIErrorResponse,
  type TranslationWarning,
  type WebSearchOptions,
} from '@interlingua/openai-schema';
import type { ResponseTool, ResponseToolChoice } from '@interlingua/responses-schema';

const WEB_SEARCH_TYPES = new Set(['web_search', 'web_search_2025_08_26', 'web_search_preview', 'web_search_preview_2025_03_11']);

export type MapToolsResult =
  | { ok: true; tools: ChatCompletionTool[] | undefined; webSearch: WebSearchOptions | undefined; toolChoice: ChatCompletionToolChoiceOption | undefined }
  | { ok: false; error: OpenAIErrorResponse };

/**
 * `tools` and `tool_choice` → the hub's. Function tools become `{type: 'function', function: {name, description,
 * parameters, strict}}`. A web search tool becomes `web_search_options` (which the Anthropic mapper turns into its
 * `web_search` server tool, and which the other mappers report as they do on the chat path); one asking for cache-only
 * search (`external_web_access: false`) is a 400, as no upstream search tool offers that. Any other hosted tool
 * (`file_search`, `code_interpreter`, `mcp`, `computer`, `image_generation`, `shell`, `apply_patch`, `custom`, …)
 * runs on OpenAI's servers only: a 400 naming it.
 */
export function mapResponsesTools(
  tools: readonly ResponseTool[] | undefined,
  toolChoice: ResponseToolChoice | undefined,
  options: { strict: boolean },
  warnings: TranslationWarning[],
): MapToolsResult {
  const mapped: ChatCompletionTool[] = [];
  let webSearch: WebSearchOptions | undefined;
  for (const [i, tool] of (tools ?? []).entries()) {
    if (tool.type === 'function') {
      const fn = tool as Extract<ResponseTool, { type: 'function' }>;
      const definition: ChatCompletionTool & { type: 'function' } = { type: 'function', function: { name: fn.name } };
      if (typeof fn.description === 'string') definition.function.description = fn.description;
      if (fn.parameters) definition.function.parameters = fn.parameters;
      if (typeof fn.strict === 'boolean') definition.function.strict = fn.strict;
      mapped.push(definition);
      continue;
    }
    if (WEB_SEARCH_TYPES.has(tool.type)) {
      if (webSearch) {
        return { ok: false, error: createOpenAIError(400, `Only one web search tool may be given (tools[${i}]).`, { param: `tools[${i}]`, code: 'unsupported_tool' }) };
      }
      if (tool.external_web_access === false) {
        // OpenAI's `WebSearchTool.external_web_access: false` asks for cache-only search (no live fetch). The search
        // tools behind this gateway (Anthropic's `web_search` server tool, Gemini's Google Search grounding) search the
        // live web and have no cache-only mode: honouring the tool would do what the client forbade, so it is refused.
        return {
          ok: false,
          error: createOpenAIError(
            400,
            `tools[${i}].external_web_access: false (cache-only web search) is not supported by this gateway: the upstream search tools fetch live web content.`,
            { param: `tools[${i}].external_web_access`, code: 'unsupported_parameter' },
          ),
        };
      }
      webSearch = {};
      const size = tool.search_context_size;
      if (size === 'low' || size === 'medium' || size === 'high') webSearch.search_context_size = size;
      const location = tool.user_location as { type?: string; [key: string]: unknown } | null | undefined;
      if (location && typeof location === 'object') {
        const { type: _type, ...approximate } = location;
        webSearch.user_location = { type: 'approximate', approximate };
      }
      if (tool.filters !== undefined && tool.filters !== null) {
        if (options.strict) {
          return { ok: false, error: createOpenAIError(400, `tools[${i}].filters is not supported by this gateway.`, { param: `tools[${i}].filters`, code: 'unsupported_parameter' }) };
        }
        warnings.push({ code: 'parameter_dropped', param: `tools[${i}].filters`, message: 'Web search filters have no Chat Completions form; dropped.' });
      }
      continue;
    }
    return {
      ok: false,
      error: createOpenAIError(
        400,
        `The tool type '${tool.type}' (tools[${i}]) is not supported by this gateway: it runs on OpenAI's servers. Function tools and web_search are supported.`,
        { param: `tools[${i}].type`, code: 'unsupported_tool' },
      ),
    };
  }

  let choice: ChatCompletionToolChoiceOption | undefined;
  if (toolChoice === undefined) choice = undefined;
  else if (typeof toolChoice === 'string') choice = toolChoice;
  else if (toolChoice.type === 'function') choice = { type: 'function', function: { name: String(toolChoice.name) } };
  else if (toolChoice.type === 'allowed_tools') {
    const allowed = toolChoice as Extract<ResponseToolChoice, { type: 'allowed_tools' }>;
    const references: Array<{ [key: string]: unknown }> = [];
    for (const [j, reference] of allowed.tools.entries()) {
      if (reference.type === 'function' && typeof reference.name === 'string') references.push({ type: 'function', function: { name: reference.name } });
      else if (!WEB_SEARCH_TYPES.has(reference.type)) {
        return {
          ok: false,
          error: createOpenAIError(400, `tool_choice.tools[${j}] names a tool type this gateway does not support ('${reference.type}').`, {
            param: `tool_choice.tools[${j}]`,
            code: 'unsupported_tool',
          }),
        };
      }
    }
    choice = { type: 'allowed_tools', allowed_tools: { mode: allowed.mode, tools: references } };
  } else if (WEB_SEARCH_TYPES.has(toolChoice.type)) {
    // Forcing the hosted search tool: the hub can only offer it.
    if (options.strict) {
      return { ok: false, error: createOpenAIError(400, `tool_choice '${toolChoice.type}' cannot be forced through this gateway.`, { param: 'tool_choice', code: 'unsupported_parameter' }) };
    }
    warnings.push({ code: 'tool_choice_relaxed', param: 'tool_choice', message: `tool_choice '${toolChoice.type}' cannot be forced here; the model may use the search tool (auto).` });
    choice = 'auto';
  } else {
    return {
      ok: false,
      error: createOpenAIError(400, `tool_choice '${toolChoice.type}' names a tool type this gateway does not support.`, { param: 'tool_choice', code: 'unsupported_tool' }),
    };
  }
  return { ok: true, tools: mapped.length ? mapped : undefined, webSearch, toolChoice: choice };
}
