import {
  createOpenAIError,
  type ChatCompletionMessageParam,
  type ChatCompletionRequest,
  type OpenAIErrorEnvelope,
  type TranslationEnvironment,
  type TranslationWarning,
} from '@interlingua/openai-schema';
import { parseResponsesRequest, type ResponseInputItem, type ResponseOutputItem, type ResponsesRequest } from '@interlingua/responses-schema';
import { responsesFieldPaths, type HubPathEntry } from './hub-request-paths.js';
import { mapResponsesInputToMessages } from './map-responses-input-to-messages.js';
import { mapResponsesTools } from './map-responses-tools.js';
import type { ResponsesTranslationContext } from './responses-context.js';

export interface ConvertResponsesRequestOptions {
  /**
   * Gives the response its id (`resp_…` from `generateId('chatcmpl')`) and `created_at`. Absent: the context's
   * `responseId` is empty and `createdAt` 0 until `identifyResponse(context, environment)` sets them (a gateway
   * that has its per-request environment only at reply time does that).
   */
  environment?: TranslationEnvironment;
  /** Unsupported parameters are a 400 (`unsupported_parameter`) instead of dropped with a warning. */
  strict?: boolean;
  /** The request already passed `parseResponsesRequest`. */
  validated?: boolean;
  /**
   * The conversation of `previous_response_id` (its input and output items, oldest first), loaded by the caller
   * from its response store. Required when the request has `previous_response_id`: without it the request is a
   * 400 `previous_response_not_found`, never a silent fresh conversation.
   */
  history?: ReadonlyArray<ResponseInputItem | ResponseOutputItem>;
}

export type ConvertResponsesRequestResult =
  | {
      ok: true;
      request: ChatCompletionRequest;
      context: ResponsesTranslationContext;
      warnings: TranslationWarning[];
      /** Where each hub path came from in this request, for errors about the hub request (`translateHubErrorForResponses`). */
      paths: HubPathEntry[];
    }
  | { ok: false; status: 400; error: OpenAIErrorEnvelope; warnings: TranslationWarning[] };

/** Request fields the hub carries under the same name (and meaning). */
const SAME_NAME = ['temperature', 'top_p', 'metadata', 'user', 'safety_identifier', 'prompt_cache_key', 'service_tier', 'parallel_tool_calls'] as const;

/** Responses-only fields, each with what a non-default value means here. */
const RESPONSES_ONLY: Record<string, { isDefault: (value: unknown) => boolean; unsupported?: boolean }> = {
  truncation: { isDefault: (value) => value === 'disabled' || value === null },
  background: { isDefault: (value) => value === false || value === null, unsupported: true },
  conversation: { isDefault: (value) => value === null, unsupported: true },
  prompt: { isDefault: (value) => value === null, unsupported: true },
  max_tool_calls: { isDefault: (value) => value === null },
  stream_options: { isDefault: () => true },
  prompt_cache_retention: { isDefault: (value) => value === null },
  context_management: { isDefault: (value) => value === null },
};

const HANDLED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'text',
  'reasoning',
  'max_output_tokens',
  'include',
  'store',
  'previous_response_id',
  'stream',
  'top_logprobs',
  ...SAME_NAME,
  ...Object.keys(RESPONSES_ONLY),
]);

const KNOWN_INCLUDES = new Set(['reasoning.encrypted_content', 'message.output_text.logprobs']);

/**
 * A Responses request → the hub's Chat Completions request, plus the context the reply side needs. Pure; never
 * throws; never mutates its input. Every dropped setting is a warning (or, in strict mode, a 400 naming it).
 */
export function convertResponsesRequestToChat(body: unknown, options: ConvertResponsesRequestOptions): ConvertResponsesRequestResult {
  const warnings: TranslationWarning[] = [];
  const strict = options.strict === true;
  let request: ResponsesRequest;
  if (options.validated) request = body as ResponsesRequest;
  else {
    const parsed = parseResponsesRequest(body);
    if (!parsed.ok) return { ok: false, status: 400, error: parsed.error, warnings };
    request = parsed.value;
  }
  const fail = (param: string, message: string, code = 'unsupported_parameter'): ConvertResponsesRequestResult => ({
    ok: false,
    status: 400,
    error: createOpenAIError(400, message, { param, code }).body,
    warnings,
  });
  const drop = (param: string, message: string): ConvertResponsesRequestResult | undefined => {
    if (strict) return fail(param, `${message} (rejected in strict mode).`);
    warnings.push({ code: 'parameter_dropped', param, message });
    return undefined;
  };

  if (typeof request.previous_response_id === 'string' && options.history === undefined) {
    return {
      ok: false,
      status: 400,
      error: createOpenAIError(400, `Previous response with id '${request.previous_response_id}' not found.`, {
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      }).body,
      warnings,
    };
  }

  const chat: ChatCompletionRequest = { model: request.model, messages: [] };
  const messages: ChatCompletionMessageParam[] = [];
  const paths: HubPathEntry[] = [];
  if (typeof request.instructions === 'string' && request.instructions !== '') {
    paths.push({ hub: 'messages[0]', client: 'instructions' }, { hub: 'messages[0].content', client: 'instructions' });
    messages.push({ role: 'system', content: request.instructions });
  }
  if (options.history?.length) {
    const history = mapResponsesInputToMessages(options.history, warnings, 'previous_response.items', { entries: paths, offset: messages.length });
    if (!history.ok) return { ok: false, status: 400, error: history.error.body, warnings };
    messages.push(...history.messages);
  }
  if (typeof request.input === 'string') {
    paths.push({ hub: `messages[${messages.length}]`, client: 'input' }, { hub: `messages[${messages.length}].content`, client: 'input' });
    messages.push({ role: 'user', content: request.input });
  } else if (request.input) {
    const input = mapResponsesInputToMessages(request.input, warnings, 'input', { entries: paths, offset: messages.length });
    if (!input.ok) return { ok: false, status: 400, error: input.error.body, warnings };
    messages.push(...input.messages);
  }
  if (!messages.length) return fail('input', 'The request has no input (and no instructions or previous response to continue).', 'missing_input');
  chat.messages = messages;

  const tools = mapResponsesTools(request.tools, request.tool_choice, { strict }, warnings);
  if (!tools.ok) return { ok: false, status: 400, error: tools.error.body, warnings };
  if (tools.tools) chat.tools = tools.tools;
  if (tools.webSearch) chat.web_search_options = tools.webSearch;
  if (tools.toolChoice !== undefined) chat.tool_choice = tools.toolChoice;

  for (const key of SAME_NAME) {
    const value = request[key];
    if (value !== undefined && value !== null) (chat as Record<string, unknown>)[key] = value;
  }
  if (typeof request.max_output_tokens === 'number') chat.max_completion_tokens = request.max_output_tokens;

  const format = request.text?.format;
  if (format?.type === 'json_object') chat.response_format = { type: 'json_object' };
  else if (format?.type === 'json_schema') {
    const jsonSchema: { name: string; schema: { [key: string]: unknown }; description?: string; strict?: boolean | null } = {
      name: format.name,
      schema: format.schema,
    };
    if (typeof format.description === 'string') jsonSchema.description = format.description;
    if (typeof format.strict === 'boolean') jsonSchema.strict = format.strict;
    chat.response_format = { type: 'json_schema', json_schema: jsonSchema };
  }
  if (request.text?.verbosity) chat.verbosity = request.text.verbosity;

  // Log probabilities: `include: ['message.output_text.logprobs']` and/or `top_logprobs` → the hub's `logprobs`
  // (and `top_logprobs`), which each provider mapper serves or reports as on the chat path.
  const topLogprobs = typeof request.top_logprobs === 'number' && Number.isInteger(request.top_logprobs) ? request.top_logprobs : 0;
  if ((request.include ?? []).includes('message.output_text.logprobs') || topLogprobs > 0) chat.logprobs = true;
  if (topLogprobs > 0) chat.top_logprobs = Math.min(20, topLogprobs);

  const reasoning = request.reasoning;
  if (reasoning?.effort) chat.reasoning_effort = reasoning.effort;
  const summary = reasoning?.summary ?? reasoning?.generate_summary;
  if (summary === 'concise' || summary === 'detailed') {
    const dropped = drop(
      'reasoning.summary',
      `reasoning.summary '${summary}' has no Chat Completions form; the summary is the provider's own thinking text whenever it returns one`,
    );
    if (dropped) return dropped;
  }

  for (const [i, include] of (request.include ?? []).entries()) {
    if (KNOWN_INCLUDES.has(include)) continue;
    const dropped = drop(`include[${i}]`, `include '${include}' is not supported by this gateway`);
    if (dropped) return dropped;
  }

  for (const [key, rule] of Object.entries(RESPONSES_ONLY)) {
    const value = request[key];
    if (value === undefined || rule.isDefault(value)) continue;
    if (rule.unsupported) return fail(key, `'${key}' is not supported by this gateway.`);
    const dropped = drop(key, `'${key}' has no Chat Completions form; dropped`);
    if (dropped) return dropped;
  }
  // Anything else is passed on to the hub, where the provider mapper treats it as on the chat path
  // (an extension such as `top_k`, or dropped with a warning, or a 400 in strict mode).
  const passed: HubPathEntry[] = [];
  for (const [key, value] of Object.entries(request)) {
    if (HANDLED.has(key)) continue;
    (chat as Record<string, unknown>)[key] = value;
    passed.push({ hub: key, client: key });
  }

  const stream = request.stream === true;
  if (stream) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }

  const unidentified: ResponsesTranslationContext = {
    responseId: '',
    createdAt: 0,
    model: request.model,
    stream,
    echo: {
      instructions: typeof request.instructions === 'string' ? request.instructions : null,
      // Function tools as a Response shows them: `description`, `parameters` and `strict` always present (null when not given).
      tools: (request.tools ?? []).map((tool) =>
        tool.type === 'function'
          ? { ...tool, description: tool.description ?? null, parameters: tool.parameters ?? null, strict: tool.strict ?? null }
          : tool,
      ),
      tool_choice: request.tool_choice ?? 'auto',
      parallel_tool_calls: request.parallel_tool_calls ?? true,
      text: { format: request.text?.format ?? { type: 'text' }, ...(request.text?.verbosity ? { verbosity: request.text.verbosity } : { verbosity: 'medium' }) },
      // `effort` and `summary` always present (null when not given), as OpenAI's Response objects show them and
      // as Open Responses' `Reasoning` requires them.
      reasoning: request.reasoning
        ? { ...request.reasoning, effort: request.reasoning.effort ?? null, summary: request.reasoning.summary ?? request.reasoning.generate_summary ?? null }
        : null,
      temperature: request.temperature ?? 1,
      top_p: request.top_p ?? 1,
      top_logprobs: topLogprobs,
      max_output_tokens: request.max_output_tokens ?? null,
      previous_response_id: request.previous_response_id ?? null,
      store: request.store ?? true,
      metadata: request.metadata ?? {},
      user: request.user ?? null,
      safety_identifier: request.safety_identifier ?? null,
      prompt_cache_key: request.prompt_cache_key ?? null,
      service_tier: typeof request.service_tier === 'string' ? request.service_tier : 'default',
    },
  };
  const context = options.environment ? identifyResponse(unidentified, options.environment) : unidentified;
  const logprobsParam = chat.logprobs !== true ? undefined : topLogprobs > 0 ? 'top_logprobs' : 'include';
  paths.push(...responsesFieldPaths(request.tools, logprobsParam), ...passed);
  return { ok: true, request: chat, context, warnings, paths };
}

/** The context with the response's id and creation time set (unchanged when it already has an id). */
export function identifyResponse(context: ResponsesTranslationContext, environment: TranslationEnvironment): ResponsesTranslationContext {
  if (context.responseId !== '') return context;
  const chatId = environment.generateId('chatcmpl');
  return {
    ...context,
    responseId: `resp_${chatId.startsWith('chatcmpl-') ? chatId.slice('chatcmpl-'.length) : chatId}`,
    createdAt: environment.now(),
  };
}
