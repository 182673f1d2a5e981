import { createOpenAIError, parseChatCompletionRequest, type ChatCompletionRequest, type ChatCompletionTool, type OpenAIErrorEnvelope, type TranslationWarning } from '@interlingua/openai-schema';
import type { AnthropicCustomTool, AnthropicMessage, AnthropicMessageCreateBody, AnthropicMessageCreateFields, AnthropicNativeTool, AnthropicTool, AnthropicToolChoice, AnthropicUpstreamRequest } from './anthropic-request-types.js';
import type { AnthropicTranslationContext } from './anthropic-translation-context.js';
import { ANTHROPIC_BLOCKS_FIELD } from './anthropic-extension-fields.js';
import { convertJsonSchemaToAnthropicSubset } from './convert-json-schema-to-anthropic-subset.js';
import { convertOpenAIMessagesToAnthropic } from './convert-openai-messages-to-anthropic.js';
import {
  convertOpenAIParametersToAnthropicInputSchema,
  convertOpenAIToolChoiceToAnthropic,
  convertOpenAIToolsToAnthropic,
  convertOpenAIWebSearchOptionsToAnthropic,
} from './convert-openai-tools-to-anthropic.js';
import { ANTHROPIC_THINKING_BINDING_BETA } from './convert-anthropic-input-transformations.js';
import { locateThinkingBlockParams } from './locate-thinking-block-params.js';
import { mergeAnthropicBetas, mergeAnthropicEscapeHatch } from './merge-anthropic-escape-hatch.js';
import { planAnthropicPromptCaching, type AnthropicPromptCaching } from './plan-anthropic-prompt-caching.js';
import { planAnthropicThinking } from './plan-anthropic-thinking.js';
import { addWarning, dropUnsupported, RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';
import type { AnthropicModelCapabilities, AnthropicModelCatalog } from './anthropic-model-capabilities.js';
import { resolveAnthropicModelCapabilities } from './resolve-anthropic-model-capabilities.js';

/** The Anthropic API version every request is sent with. */
export const ANTHROPIC_VERSION = '2023-06-01';
/** The beta header value the Files API (`file_id` documents) needs. */
export const ANTHROPIC_FILES_API_BETA = 'files-api-2025-04-14';
/** The name of the forced tool that carries JSON answers on models without native structured output. */
export const JSON_RESPONSE_TOOL_NAME = 'json_tool_call';

export interface ConvertOpenAIRequestToAnthropicOptions {
  /** Unsupported parameters are a 400 (`unsupported_parameter`) instead of dropped with a warning. Default false. */
  strict?: boolean;
  /**
   * The request is the `value` of a successful `parseChatCompletionRequest` (as in a gateway that validated it to
   * route it): it is not validated a second time. Default false.
   */
  validated?: boolean;
  /** The model catalog (the shipped one merged with an operator's override). Default: the shipped catalog. */
  catalog?: AnthropicModelCatalog;
  /** An operator's capabilities for this exact model, over the catalog family's. */
  capabilities?: Partial<AnthropicModelCapabilities>;
  /**
   * `auto`: Anthropic's automatic prompt caching (top-level `cache_control`) on every request; `off`: only what the
   * client asks for (`prompt_cache_*`, part breakpoints). Default `off` (the README says why).
   */
  promptCaching?: AnthropicPromptCaching;
  /**
   * The client's `anthropic-beta` header values (the gateway forwards them when its config allows): merged with the
   * betas the mapping adds, into one `anthropic-beta` header.
   */
  betas?: string | readonly string[];
}

export type ConvertOpenAIRequestToAnthropicResult =
  | { ok: true; upstream: AnthropicUpstreamRequest; context: AnthropicTranslationContext; warnings: TranslationWarning[] }
  | { ok: false; status: 400; error: OpenAIErrorEnvelope; warnings: TranslationWarning[] };

/** Parameters that have no Anthropic equivalent: dropped with a warning (400 in strict mode) when set to a non-default value. */
const UNSUPPORTED: Record<string, (value: unknown) => boolean> = {
  logprobs: (value) => value === true,
  top_logprobs: (value) => value !== null && value !== undefined,
  logit_bias: (value) => !!value && Object.keys(value as object).length > 0,
  seed: (value) => value !== null && value !== undefined,
  frequency_penalty: (value) => typeof value === 'number' && value !== 0,
  presence_penalty: (value) => typeof value === 'number' && value !== 0,
  metadata: (value) => !!value && Object.keys(value as object).length > 0,
  service_tier: (value) => value !== null && value !== undefined,
  modalities: (value) => Array.isArray(value) && value.some((modality) => modality !== 'text'),
  audio: (value) => value !== null && value !== undefined,
  verbosity: (value) => value !== null && value !== undefined,
  store: (value) => value === true,
  prediction: (value) => value !== null && value !== undefined,
  moderation: (value) => value !== null && value !== undefined,
};

/** Parameters this mapper reads (everything else that is set is reported). */
const HANDLED = new Set([
  'model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k', 'stop', 'user', 'safety_identifier',
  'stream', 'stream_options', 'n', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'reasoning_effort',
  'web_search_options', 'anthropic', 'functions', 'function_call', 'prompt_cache_key', 'prompt_cache_retention', 'prompt_cache_options',
]);

function pickJsonToolName(tools: readonly AnthropicTool[]): string {
  const names = new Set(tools.map((tool) => tool.name));
  let name = JSON_RESPONSE_TOOL_NAME;
  for (let n = 2; names.has(name); n++) name = `${JSON_RESPONSE_TOOL_NAME}_${n}`;
  return name;
}

/** A thinking config (possibly the escape hatch's) under which the reply may carry thinking blocks. */
function isThinkingOn(thinking: unknown): boolean {
  const type = (thinking as { type?: unknown } | undefined)?.type;
  return type === 'enabled' || type === 'adaptive' || type === 'between_tools';
}

/** Legacy `function_call` (`none`, `auto`, `{name}`) as a tool choice. */
function legacyToolChoice(functionCall: ChatCompletionRequest['function_call']): ChatCompletionRequest['tool_choice'] {
  if (functionCall === 'none' || functionCall === 'auto') return functionCall;
  if (functionCall && typeof functionCall === 'object' && typeof functionCall.name === 'string') return { type: 'function', function: { name: functionCall.name } };
  return undefined;
}

function isForcing(choice: AnthropicToolChoice | undefined): boolean {
  return choice?.type === 'any' || choice?.type === 'tool';
}

/** Anthropic's own tool objects (server tools such as `web_search_20250305`, `code_execution_20260120`, `bash_20250124`). */
const NATIVE_TOOL_TYPE = /^[a-z][a-z0-9_]*_\d{8}$/;

function isAnthropicNativeTool(tool: unknown): tool is AnthropicNativeTool {
  if (!tool || typeof tool !== 'object') return false;
  const { type, name } = tool as { type?: unknown; name?: unknown };
  return typeof type === 'string' && NATIVE_TOOL_TYPE.test(type) && typeof name === 'string';
}

/**
 * The OpenAI index of the assistant message whose tool calls the conversation's final tool results answer, when that
 * message has no signed thinking block to send back (null when there is no tool loop in progress or it kept one).
 */
function findOpenToolTurnWithoutThinking(request: ChatCompletionRequest, messages: readonly AnthropicMessage[]): number | null {
  // A mid-conversation system turn after the tool results does not end the loop.
  const end = messages[messages.length - 1]?.role === 'system' ? messages.length - 1 : messages.length;
  const last = messages[end - 1];
  const previous = messages[end - 2];
  if (!last || last.role !== 'user' || !last.content.some((block) => block.type === 'tool_result')) return null;
  if (!previous || previous.role !== 'assistant' || !previous.content.some((block) => block.type === 'tool_use')) return null;
  const first = previous.content[0];
  if (first && (first.type === 'thinking' || first.type === 'redacted_thinking')) return null;
  return request.messages.findLastIndex((message) => message.role === 'assistant');
}

function convert(request: ChatCompletionRequest, state: RequestMappingState, options: ConvertOpenAIRequestToAnthropicOptions): { upstream: AnthropicUpstreamRequest; context: AnthropicTranslationContext } {
  if (typeof request.n === 'number' && request.n > 1) {
    throw new RequestMappingFailure('Anthropic returns one choice per request; n greater than 1 is not supported.', 'n', 'unsupported_value');
  }
  const capabilityOptions: Parameters<typeof resolveAnthropicModelCapabilities>[1] = {};
  if (options.catalog) capabilityOptions.catalog = options.catalog;
  if (options.capabilities) capabilityOptions.capabilities = options.capabilities;
  const capabilities = resolveAnthropicModelCapabilities(request.model, capabilityOptions);
  const record = request as Record<string, unknown>;
  // for-in over the own keys (no entries array per request).
  for (const key in record) {
    if (!Object.hasOwn(record, key) || HANDLED.has(key)) continue;
    const value = record[key];
    if (value === undefined) continue;
    const isSet = UNSUPPORTED[key];
    if (isSet) {
      if (isSet(value)) dropUnsupported(state, key, `Anthropic has no equivalent of \`${key}\``);
    } else if (value !== null) {
      dropUnsupported(state, key, `\`${key}\` is not a parameter Interlingua can send to Anthropic`);
    }
  }

  const converted = convertOpenAIMessagesToAnthropic(request.messages, state, { midConversationSystemMessages: capabilities.midConversationSystemMessages });
  const system = converted.system;
  const lastTurn = converted.messages[converted.messages.length - 1];
  const index = request.messages.findLastIndex((message) => message.role === 'assistant');
  // A final assistant message that carries server-tool blocks (anthropic_blocks) continues a paused turn: not a prefill.
  const continuesPausedTurn = index >= 0 && Array.isArray((request.messages[index] as Record<string, unknown>)[ANTHROPIC_BLOCKS_FIELD]);
  if (!capabilities.prefill && lastTurn?.role === 'assistant' && !continuesPausedTurn) {
    throw new RequestMappingFailure(
      `${capabilities.family} does not accept a final assistant message (prefill): end the conversation with a user message, and ask for the answer's shape with response_format or a system instruction.`,
      `messages[${index}]`,
      'unsupported_value',
    );
  }

  // Tools and tool choice.
  let tools: AnthropicTool[] = [];
  (request.tools ?? []).forEach((tool, index) => {
    if (isAnthropicNativeTool(tool)) tools.push({ ...tool });
    else if (!('type' in tool) || typeof tool.type !== 'string' || !/_\d+$/.test(tool.type) && tool.type !== 'function' && tool.type !== 'custom') {
      // Another provider's built-in tool (Google's `{google_search: {}}` or `{type: 'url_context'}`).
      const name = 'type' in tool && typeof tool.type === 'string' ? tool.type : Object.keys(tool)[0] ?? 'unknown';
      throw new RequestMappingFailure(
        `The tool "${name}" is a built-in tool of another provider; Claude takes function tools and Anthropic's own tool types (e.g. web_search_20250305).`,
        `tools[${index}]`,
        'unsupported_value',
      );
    } else if (tool.type === 'function' || tool.type === 'custom') {
      tools.push(...convertOpenAIToolsToAnthropic([tool as ChatCompletionTool], state, capabilities.structuredOutput, index));
    } else {
      throw new RequestMappingFailure(`Provider-native tool "${tool.type}" needs a name and an Anthropic tool type (e.g. web_search_20250305).`, `tools[${index}]`, 'unsupported_value');
    }
  });
  // Legacy function calling: `functions` are function tools, `function_call` the tool choice (when tool_choice is absent).
  const legacyFunctions = Array.isArray(request.functions) ? request.functions : [];
  legacyFunctions.forEach((definition, index) => {
    const tool = { type: 'function', function: definition } as ChatCompletionTool;
    const [converted] = convertOpenAIToolsToAnthropic([tool], state, capabilities.structuredOutput, index);
    if (converted) tools.push(converted);
  });
  const legacyChoice = request.tool_choice === undefined || request.tool_choice === null ? legacyToolChoice(request.function_call) : undefined;
  let { toolChoice, allowedNames } = convertOpenAIToolChoiceToAnthropic(legacyChoice ?? request.tool_choice ?? undefined, request.parallel_tool_calls);
  if (allowedNames) tools = tools.filter((tool) => allowedNames!.has(tool.name));
  if (request.web_search_options) tools.push(convertOpenAIWebSearchOptionsToAnthropic(request.web_search_options));
  if (toolChoice && tools.length === 0) {
    addWarning(state, 'parameter_dropped', request.tool_choice !== undefined ? 'tool_choice' : 'parallel_tool_calls', 'No tools are declared; the tool choice was dropped.');
    toolChoice = undefined;
  }
  const clientToolCount = tools.length;

  // Thinking (budget or adaptive + effort, per the catalog).
  if (!capabilities.forcedToolChoice && isForcing(toolChoice)) {
    const param = request.tool_choice !== undefined ? 'tool_choice' : 'parallel_tool_calls';
    if (state.strict) throw new RequestMappingFailure(`${capabilities.family} rejects a forced tool choice; strict mode rejects it.`, param, 'unsupported_value');
    addWarning(state, 'tool_choice_relaxed', param, `${capabilities.family} rejects a forced tool choice (it always thinks); the tool choice was sent as auto.`);
    toolChoice = { type: 'auto', ...(toolChoice && 'disable_parallel_tool_use' in toolChoice ? { disable_parallel_tool_use: toolChoice.disable_parallel_tool_use } : {}) } as AnthropicToolChoice;
  }
  const plan = planAnthropicThinking(
    {
      reasoningEffort: request.reasoning_effort,
      capabilities,
      forcedToolChoice: isForcing(toolChoice),
      openToolTurnWithoutThinking: findOpenToolTurnWithoutThinking(request, converted.messages),
    },
    state,
  );
  let budget = plan.budget;
  if (budget !== null) {
    const limit = capabilities.maxOutputTokens;
    if (limit !== null && budget >= limit) {
      const reduced = Math.max(1024, limit - 4096);
      addWarning(state, 'thinking_budget_reduced', 'reasoning_effort', `The ${String(request.reasoning_effort)} thinking budget (${budget}) does not fit ${capabilities.family}'s output limit (${limit}); ${reduced} was used.`);
      budget = reduced;
    }
  }

  // Structured output.
  let jsonResponse: AnthropicTranslationContext['jsonResponse'] = null;
  let outputConfig: AnthropicMessageCreateFields['output_config'];
  const responseFormat = request.response_format;
  if (responseFormat && (responseFormat.type === 'json_schema' || responseFormat.type === 'json_object')) {
    const options = responseFormat.type === 'json_schema' ? responseFormat.json_schema : undefined;
    const schema = options ? (options.schema ?? options.parameters) : undefined;
    const subset = schema && capabilities.structuredOutput ? convertJsonSchemaToAnthropicSubset(schema, 'response_format.json_schema.schema') : null;
    if (subset && !subset.ok) {
      addWarning(state, 'structured_output_fallback', 'response_format.json_schema.schema', `Anthropic's structured outputs cannot express this schema (${subset.reason}); the answer is requested through a tool instead (the schema is not enforced).`);
    }
    if (subset?.ok) {
      state.warnings.push(...subset.warnings);
      outputConfig = { format: { type: 'json_schema', schema: subset.schema } };
      jsonResponse = { mode: 'native' };
    } else {
      const name = pickJsonToolName(tools);
      const inputSchema: AnthropicCustomTool['input_schema'] = schema
        ? convertOpenAIParametersToAnthropicInputSchema(schema, 'response_format.json_schema.schema', state)
        : { type: 'object' };
      tools.push({
        name,
        description: options?.description ?? 'Respond with your final answer as the input of this tool (a JSON object).',
        input_schema: inputSchema,
      });
      jsonResponse = { mode: 'tool', toolName: name };
      const userToolsCallable = clientToolCount > 0 && toolChoice?.type !== 'none';
      if (budget !== null || (plan.active && !capabilities.forcedToolChoice) || userToolsCallable) {
        if (toolChoice === undefined || toolChoice.type === 'none') toolChoice = { type: 'auto' };
        system.push({ type: 'text', text: `When you give your final answer, call the ${name} tool with the answer as its input; do not write the answer as text.` });
        addWarning(
          state,
          'json_tool_not_forced',
          'response_format',
          budget !== null || (plan.active && !capabilities.forcedToolChoice)
            ? 'With extended thinking Anthropic does not allow a forced tool; the JSON tool is requested by instruction.'
            : 'Other tools are callable, so the JSON tool is requested by instruction instead of being forced.',
        );
      } else {
        toolChoice = { type: 'tool', name };
      }
    }
  }

  // max_tokens.
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const requestedParam = request.max_completion_tokens !== null && request.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
  if (requested !== undefined && requested < 1) throw new RequestMappingFailure('max_tokens must be at least 1.', requestedParam, 'invalid_value');
  let maxTokens = requested ?? capabilities.defaultMaxTokens;
  if (budget !== null && maxTokens <= budget) {
    let raised = budget + (requested ?? 4096);
    if (capabilities.maxOutputTokens !== null) raised = Math.min(raised, capabilities.maxOutputTokens);
    if (requested !== undefined) {
      addWarning(state, 'max_tokens_raised', requestedParam, `Anthropic needs max_tokens above the thinking budget (${budget}); ${raised} was sent instead of ${requested}.`);
    }
    maxTokens = raised;
  }

  // Sampling.
  let temperature = request.temperature ?? undefined;
  let topP = request.top_p ?? undefined;
  let topK = typeof record['top_k'] === 'number' ? (record['top_k'] as number) : undefined;
  if (capabilities.samplingParameters === 'none') {
    const defaults: Record<string, number | undefined> = { temperature: 1, top_p: 1, top_k: undefined };
    for (const [name, value] of [['temperature', temperature], ['top_p', topP], ['top_k', topK]] as const) {
      if (value === undefined) continue;
      const reason = `${capabilities.family} rejects \`${name}\` (sampling parameters are set by the model)`;
      if (value === defaults[name]) addWarning(state, 'parameter_dropped', name, `${reason}; the default value was dropped.`);
      else dropUnsupported(state, name, reason);
    }
    temperature = topP = topK = undefined;
  } else if (plan.active) {
    if (temperature !== undefined && temperature !== 1) {
      addWarning(state, 'parameter_dropped', 'temperature', 'Extended thinking requires temperature 1; temperature was dropped.');
      temperature = undefined;
    }
    if (topP !== undefined && topP < 0.95) {
      addWarning(state, 'parameter_dropped', 'top_p', 'Extended thinking allows top_p between 0.95 and 1 only; top_p was dropped.');
      topP = undefined;
    }
    if (topK !== undefined) {
      addWarning(state, 'parameter_dropped', 'top_k', 'Extended thinking does not allow top_k; top_k was dropped.');
      topK = undefined;
    }
  } else if (temperature !== undefined && (temperature > 1 || temperature < 0)) {
    const clamped = Math.min(1, Math.max(0, temperature));
    addWarning(state, 'temperature_clamped', 'temperature', `Anthropic's temperature range is 0 to 1; ${temperature} was sent as ${clamped}.`);
    temperature = clamped;
  }
  if (capabilities.samplingParameters === 'temperature-or-top-p' && temperature !== undefined && topP !== undefined) {
    addWarning(state, 'parameter_dropped', 'top_p', `${capabilities.family} accepts temperature or top_p, not both; top_p was dropped.`);
    topP = undefined;
  }

  // Stop sequences.
  let stopSequences: string[] | undefined;
  const stop = request.stop;
  if (stop !== null && stop !== undefined) {
    const entries = typeof stop === 'string' ? [stop] : stop;
    stopSequences = [];
    entries.forEach((entry, i) => {
      if (entry.trim() === '') {
        addWarning(state, 'stop_sequence_dropped', typeof stop === 'string' ? 'stop' : `stop[${i}]`, 'Anthropic rejects empty or whitespace-only stop sequences; it was dropped.');
      } else stopSequences!.push(entry);
    });
    if (stopSequences.length === 0) stopSequences = undefined;
  }

  // OpenAI's `safety_identifier` supersedes the deprecated `user` (both identify the end user); either becomes
  // Anthropic's metadata.user_id, the newer one winning when a client sends both.
  let userId = request.safety_identifier ?? request.user ?? undefined;
  if (userId !== undefined && userId.length > 256) {
    addWarning(state, 'parameter_dropped', request.safety_identifier != null ? 'safety_identifier' : 'user', "Anthropic's metadata.user_id holds at most 256 characters; the user id was dropped.");
    userId = undefined;
  }
  const stream = request.stream === true;

  const fields: AnthropicMessageCreateFields = { model: request.model, max_tokens: maxTokens, messages: converted.messages };
  if (system.length > 0) fields.system = system;
  if (tools.length > 0) fields.tools = tools;
  if (toolChoice) fields.tool_choice = toolChoice;
  if (plan.thinking) fields.thinking = plan.thinking.type === 'enabled' && budget !== null ? { ...plan.thinking, budget_tokens: budget } : plan.thinking;
  if (plan.effort) outputConfig = { ...outputConfig, effort: plan.effort };
  if (outputConfig) fields.output_config = outputConfig;
  if (temperature !== undefined) fields.temperature = temperature;
  if (topP !== undefined) fields.top_p = topP;
  if (topK !== undefined) (fields as AnthropicMessageCreateFields & { top_k?: number }).top_k = topK;
  if (stopSequences) fields.stop_sequences = stopSequences;
  if (userId) fields.metadata = { user_id: userId };
  const cacheControl = planAnthropicPromptCaching(request, fields, options.promptCaching ?? 'off', state);
  if (cacheControl) fields.cache_control = cacheControl;
  const mapped: AnthropicMessageCreateBody = stream ? { ...fields, stream: true } : fields;
  const body = mergeAnthropicEscapeHatch(mapped, record['anthropic'], state);

  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json' };
  // `thinking.block_binding` (given through the escape hatch) is taken only under its beta.
  const binding = (body.thinking as { block_binding?: unknown } | undefined)?.block_binding;
  const bindsThinking = typeof binding === 'object' && binding !== null;
  const betas = mergeAnthropicBetas(
    converted.usesFilesApi ? (capabilities.betas['files-api'] ?? ANTHROPIC_FILES_API_BETA) : undefined,
    bindsThinking ? (capabilities.betas['thinking-binding-controls'] ?? ANTHROPIC_THINKING_BINDING_BETA) : undefined,
    options.betas,
  );
  if (betas.length > 0) headers['anthropic-beta'] = betas.join(',');
  const thinkingBlockParams = converted.thinkingBlockSources ? locateThinkingBlockParams(body.messages, converted.thinkingBlockSources) : undefined;

  return {
    upstream: { method: 'POST', path: '/v1/messages', headers, body },
    context: {
      requestedModel: request.model,
      stream,
      includeUsage: stream && request.stream_options?.include_usage === true,
      thinking: plan.active || isThinkingOn(body.thinking),
      jsonResponse,
      ...(thinkingBlockParams ? { thinkingBlockParams } : {}),
    },
  };
}

/**
 * An OpenAI Chat Completions request body → the Anthropic Messages request (path, headers, body) plus the context
 * the response side needs. Synchronous and pure: never throws, never mutates `request`; unsupported input is a 400
 * result naming the offending field, every lossy step a warning.
 */
export function convertOpenAIRequestToAnthropic(request: unknown, options: ConvertOpenAIRequestToAnthropicOptions = {}): ConvertOpenAIRequestToAnthropicResult {
  const state: RequestMappingState = { warnings: [], strict: options.strict === true };
  try {
    const parsed = options.validated === true ? { ok: true as const, value: request as ChatCompletionRequest } : parseChatCompletionRequest(request);
    if (!parsed.ok) return { ok: false, status: 400, error: parsed.error, warnings: state.warnings };
    const { upstream, context } = convert(parsed.value, state, options);
    return { ok: true, upstream, context, warnings: state.warnings };
  } catch (failure) {
    if (failure instanceof RequestMappingFailure) return { ok: false, status: 400, error: failure.error, warnings: state.warnings };
    const { body } = createOpenAIError(400, 'The request could not be translated for Anthropic.', { type: 'invalid_request_error' });
    return { ok: false, status: 400, error: body, warnings: state.warnings };
  }
}
