/**
 * The body of `POST /v1/chat/completions` (`CreateChatCompletionRequest` in OpenAI's OpenAPI spec, including the
 * properties inherited through `allOf` from `CreateModelResponseProperties` / `ModelResponseProperties`).
 *
 * Numeric bounds follow the spec and are annotated for typescript-json-schema (`@minimum`, `@maximum`, `@TJS-type`).
 */
import type { Integer } from './json-integer.js';
import type { ChatCompletionMessageParam } from './chat-completion-message-param.js';
import type {
  ChatCompletionFunctionCallOption,
  ChatCompletionFunctions,
  ChatCompletionTool,
  ChatCompletionProviderNativeTool,
  ChatCompletionToolChoiceOption,
  PredictionContent,
  ResponseFormat,
} from './chat-completion-tool.js';

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export type ServiceTier = 'auto' | 'default' | 'flex' | 'scale' | 'priority' | 'fast';
export type Verbosity = 'low' | 'medium' | 'high';
export type ResponseModality = 'text' | 'audio';
export type AudioOutputFormat = 'wav' | 'aac' | 'mp3' | 'flac' | 'opus' | 'pcm16';

export interface ChatCompletionCustomVoice {
  id: string;
  [key: string]: unknown;
}

export interface ChatCompletionAudioParam {
  /** A built-in voice name (`alloy`, `ash`, `ballad`, `coral`, `echo`, `sage`, `shimmer`, `verse`, `marin`, `cedar`, …) or a custom voice. */
  voice: string | ChatCompletionCustomVoice;
  format: AudioOutputFormat;
  [key: string]: unknown;
}

export interface ChatCompletionStreamOptions {
  /** Send a final chunk with `usage` and empty `choices` before `[DONE]`. */
  include_usage?: boolean;
  /** Add random `obfuscation` padding fields to chunks (default true at OpenAI). */
  include_obfuscation?: boolean;
  [key: string]: unknown;
}

export interface WebSearchLocation {
  country?: string;
  region?: string;
  city?: string;
  timezone?: string;
  [key: string]: unknown;
}

export interface WebSearchUserLocation {
  type: 'approximate';
  approximate: WebSearchLocation;
  [key: string]: unknown;
}

export interface WebSearchOptions {
  user_location?: WebSearchUserLocation | null;
  search_context_size?: 'low' | 'medium' | 'high';
  [key: string]: unknown;
}

export interface PromptCacheOptions {
  ttl?: '30m';
  mode?: 'implicit' | 'explicit';
  [key: string]: unknown;
}

export interface ModerationConfig {
  mode: string;
  [key: string]: unknown;
}

export interface ModerationPolicy {
  input?: ModerationConfig | null;
  output?: ModerationConfig | null;
  [key: string]: unknown;
}

export interface ModerationOptions {
  model: string;
  policy?: ModerationPolicy | null;
  [key: string]: unknown;
}

/** `stop`: one sequence or a list of them. */
export type StopConfiguration = string | string[] | null;

export interface ChatCompletionRequest {
  /** Model id, e.g. `gpt-4o`, `claude-sonnet-4-5`, `gemini-2.5-pro`. */
  model: string;
  /** @minItems 1 */
  messages: ChatCompletionMessageParam[];

  /** Up to 16 string key/value pairs. */
  metadata?: { [key: string]: string } | null;
  /**
   * @minimum 0
   * @maximum 2
   */
  temperature?: number | null;
  /**
   * @minimum 0
   * @maximum 1
   */
  top_p?: number | null;
  /** @deprecated use `safety_identifier` and `prompt_cache_key`. */
  user?: string;
  /** @maxLength 64 */
  safety_identifier?: string | null;
  prompt_cache_key?: string | null;
  /** @deprecated */
  prompt_cache_retention?: 'in_memory' | '24h' | null;
  prompt_cache_options?: PromptCacheOptions;

  service_tier?: ServiceTier | null;
  modalities?: ResponseModality[] | null;
  verbosity?: Verbosity | null;
  reasoning_effort?: ReasoningEffort | null;
  /** @TJS-type ["integer", "null"] */
  max_completion_tokens?: Integer | null;
  /**
   * @deprecated use `max_completion_tokens` (reasoning models reject `max_tokens`).
   * @TJS-type ["integer", "null"]
   */
  max_tokens?: Integer | null;
  /**
   * @minimum -2
   * @maximum 2
   */
  frequency_penalty?: number | null;
  /**
   * @minimum -2
   * @maximum 2
   */
  presence_penalty?: number | null;
  web_search_options?: WebSearchOptions;
  /**
   * @minimum 0
   * @maximum 20
   * @TJS-type ["integer", "null"]
   */
  top_logprobs?: Integer | null;
  response_format?: ResponseFormat;
  audio?: ChatCompletionAudioParam | null;
  store?: boolean | null;
  moderation?: ModerationOptions | null;
  stream?: boolean | null;
  stop?: StopConfiguration;
  /** Token id (as a string) → bias from -100 to 100. */
  logit_bias?: { [token: string]: number } | null;
  logprobs?: boolean | null;
  /**
   * @minimum 1
   * @maximum 128
   * @TJS-type ["integer", "null"]
   */
  n?: Integer | null;
  prediction?: PredictionContent | null;
  /** @TJS-type ["integer", "null"] */
  seed?: Integer | null;
  stream_options?: ChatCompletionStreamOptions | null;
  /** OpenAI tools, and provider-native tool objects passed through to their provider. */
  tools?: Array<ChatCompletionTool | ChatCompletionProviderNativeTool>;
  tool_choice?: ChatCompletionToolChoiceOption;
  parallel_tool_calls?: boolean;
  /** @deprecated use `tool_choice`. */
  function_call?: 'none' | 'auto' | ChatCompletionFunctionCallOption;
  /** @deprecated use `tools`. */
  functions?: ChatCompletionFunctions[];

  [key: string]: unknown;
}
