import type { ChatCompletionRequest, TranslationWarning } from '@interlingua/openai-schema';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiGenerationConfig } from './gemini-request-types.js';
import { mapReasoningEffortToGeminiThinking } from './map-reasoning-effort-to-gemini-thinking.js';
import { normalizeJsonSchemaForGemini } from './normalize-json-schema-for-gemini.js';
import type { GeminiModelCapabilities } from './resolve-gemini-model-capabilities.js';

/** Request fields with no Gemini equivalent: dropped with a warning (400 in strict mode). */
const UNSUPPORTED = [
  'logit_bias',
  'audio',
  'prediction',
  'service_tier',
  'store',
  'metadata',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'verbosity',
  'moderation',
] as const;

/** Fields the mapper reads elsewhere or that carry no meaning upstream. */
const HANDLED = new Set([
  'model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice', 'parallel_tool_calls', 'functions', 'function_call',
  'temperature', 'top_p', 'top_k', 'max_tokens', 'max_completion_tokens', 'stop', 'n', 'seed', 'presence_penalty',
  'frequency_penalty', 'logprobs', 'top_logprobs', 'reasoning_effort', 'response_format', 'modalities', 'web_search_options', 'google', ...UNSUPPORTED,
]);

export interface ConvertOpenAIGenerationConfigOptions {
  capabilities: GeminiModelCapabilities;
  useJsonSchemaField: boolean;
  strict: boolean;
  warnings: TranslationWarning[];
}

/**
 * Sampling, limits, JSON mode and thinking → `generationConfig`.
 *
 * | OpenAI | Gemini |
 * |---|---|
 * | temperature, top_p, top_k (extension) | temperature, topP, topK |
 * | max_completion_tokens ?? max_tokens | maxOutputTokens (clamped to the catalog's maxOutputTokens with a warning; 400 in strict mode) |
 * | stop (string or list) | stopSequences (first 5, warning beyond) |
 * | n | candidateCount |
 * | seed | seed |
 * | presence_penalty, frequency_penalty | presencePenalty, frequencyPenalty (not Gemini 3: dropped, warning) |
 * | logprobs, top_logprobs | responseLogprobs, logprobs |
 * | reasoning_effort | thinkingConfig (see mapReasoningEffortToGeminiThinking) |
 * | response_format text / json_object / json_schema | responseMimeType text/plain / application/json / application/json + responseSchema (converted, propertyOrdering) or responseJsonSchema |
 * | logit_bias, audio, prediction, service_tier, store, metadata, user, … | dropped with a warning; 400 in strict mode |
 * | web_search_options, google | read elsewhere (built-in tools; the escape hatch) |
 */
export function convertOpenAIGenerationConfigToGemini(request: ChatCompletionRequest, options: ConvertOpenAIGenerationConfigOptions): GeminiGenerationConfig | undefined {
  const { warnings, capabilities } = options;
  const drop = (param: string, message: string) => {
    if (options.strict) throw new GeminiMapperInputError(`${message} (strict mode)`, param, 'unsupported_parameter');
    warnings.push({ code: 'parameter_dropped', param, message });
  };
  const config: GeminiGenerationConfig = {};
  for (const [field, target] of [['temperature', 'temperature'], ['top_p', 'topP'], ['top_k', 'topK']] as const) {
    const value = request[field];
    if (typeof value !== 'number') continue;
    if (capabilities.samplingParameters) config[target] = value;
    else drop(field, `This Gemini model (generation ${capabilities.generation}) ignores ${field}; it is not sent.`);
  }
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') {
    const limit = capabilities.maxOutputTokens;
    const param = request.max_completion_tokens !== undefined && request.max_completion_tokens !== null ? 'max_completion_tokens' : 'max_tokens';
    if (limit !== null && maxTokens > limit) {
      if (options.strict) throw new GeminiMapperInputError(`This Gemini model writes at most ${limit} output tokens (strict mode).`, param, 'unsupported_parameter');
      warnings.push({ code: 'max_tokens_clamped', param, message: `This Gemini model writes at most ${limit} output tokens; maxOutputTokens ${limit} is sent instead of ${maxTokens}.` });
      config.maxOutputTokens = limit;
    } else config.maxOutputTokens = maxTokens;
  }
  if (request.stop !== undefined && request.stop !== null) {
    const stops = (typeof request.stop === 'string' ? [request.stop] : request.stop).filter((entry) => entry !== '');
    if (stops.length > 5) {
      if (options.strict) throw new GeminiMapperInputError('Gemini accepts at most 5 stop sequences (strict mode).', 'stop', 'unsupported_parameter');
      warnings.push({ code: 'stop_sequences_truncated', param: 'stop', message: `Gemini accepts at most 5 stop sequences; ${stops.length - 5} are dropped.` });
    }
    if (stops.length > 0) config.stopSequences = stops.slice(0, 5);
  }
  if (typeof request.n === 'number') {
    if (request.n > 1 && !capabilities.multipleCandidates) drop('n', `This Gemini model answers one candidate only; n ${request.n} is dropped (one choice comes back).`);
    else config.candidateCount = request.n;
  }
  if (typeof request.seed === 'number') config.seed = request.seed;
  for (const [field, target] of [['presence_penalty', 'presencePenalty'], ['frequency_penalty', 'frequencyPenalty']] as const) {
    const value = request[field];
    if (typeof value !== 'number') continue;
    if (capabilities.penalties) config[target] = value;
    else drop(field, `This Gemini model (generation ${capabilities.generation}) does not take ${field}; it is dropped.`);
  }
  if (request.logprobs === true) {
    config.responseLogprobs = true;
    if (typeof request.top_logprobs === 'number') config.logprobs = request.top_logprobs;
  } else if (typeof request.top_logprobs === 'number') {
    drop('top_logprobs', 'top_logprobs needs logprobs: true; it is dropped.');
  }
  if (typeof request.reasoning_effort === 'string') {
    const thinking = mapReasoningEffortToGeminiThinking(request.reasoning_effort, capabilities, warnings);
    if (thinking) config.thinkingConfig = thinking;
  }
  if (Array.isArray(request.modalities) && request.modalities.some((modality) => modality !== 'text')) {
    drop('modalities', 'Only text output is mapped; modalities other than text are dropped.');
  }

  const format = request.response_format;
  if (format) {
    if (format.type === 'text') config.responseMimeType = 'text/plain';
    else if (format.type === 'json_object') config.responseMimeType = 'application/json';
    else if (format.type === 'json_schema') {
      config.responseMimeType = 'application/json';
      const options_ = format.json_schema;
      const schema = options_.schema ?? options_.parameters;
      const schemaPath = options_.schema !== undefined ? 'response_format.json_schema.schema' : 'response_format.json_schema.parameters';
      for (const key of ['name', 'description'] as const) {
        if (options_[key] !== undefined) {
          warnings.push({ code: 'parameter_dropped', param: `response_format.json_schema.${key}`, message: `Gemini's generationConfig has no place for the schema ${key}; it is dropped.` });
        }
      }
      if (schema !== undefined) {
        if (options.useJsonSchemaField) {
          const normalized = normalizeJsonSchemaForGemini(schema, schemaPath, 'response');
          warnings.push(...normalized.warnings);
          config.responseJsonSchema = normalized.schema;
        } else {
          const converted = convertJsonSchemaToGeminiSchema(schema, { path: schemaPath, purpose: 'response' });
          warnings.push(...converted.warnings);
          config.responseSchema = converted.schema;
        }
      }
    }
  }

  for (const field of UNSUPPORTED) {
    const value = request[field];
    if (value !== undefined && value !== null) drop(field, `Gemini has no equivalent of ${field}; it is dropped.`);
  }
  for (const key of Object.keys(request)) {
    if (!HANDLED.has(key)) drop(key, `Unknown request field ${key} is not sent to Gemini.`);
  }
  return Object.keys(config).length > 0 ? config : undefined;
}
