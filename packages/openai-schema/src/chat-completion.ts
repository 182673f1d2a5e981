/**
 * A non-streaming Chat Completions response (`CreateChatCompletionResponse`, `object: "chat.completion"`).
 *
 * Relaxations from the spec, each forced by real OpenAI-compatible replies (see the recordings and the seed
 * fixtures): `choices[].logprobs`, `message.content` and `message.refusal` may be absent, `finish_reason` and
 * `system_fingerprint` may be null, and `service_tier` is any string (Groq sends `on_demand`).
 */
import type { Integer } from './json-integer.js';
import type {
  ChatCompletionFunctionCall,
  ChatCompletionMessageToolCall,
  ChatCompletionThinkingBlock,
} from './chat-completion-message-param.js';
import type { CompletionUsage } from './completion-usage.js';

export type ChatCompletionFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatCompletionTopLogprob {
  token: string;
  logprob: number;
  /** UTF-8 bytes of the token. */
  bytes: number[] | null;
  [key: string]: unknown;
}

export interface ChatCompletionTokenLogprob {
  token: string;
  logprob: number;
  /** UTF-8 bytes of the token. */
  bytes: number[] | null;
  top_logprobs: ChatCompletionTopLogprob[];
  [key: string]: unknown;
}

export interface ChatCompletionChoiceLogprobs {
  content?: ChatCompletionTokenLogprob[] | null;
  refusal?: ChatCompletionTokenLogprob[] | null;
  [key: string]: unknown;
}

export interface ChatCompletionUrlCitation {
  start_index: Integer;
  end_index: Integer;
  url: string;
  title: string;
  [key: string]: unknown;
}

export interface ChatCompletionAnnotation {
  type: 'url_citation';
  url_citation: ChatCompletionUrlCitation;
  [key: string]: unknown;
}

export interface ChatCompletionAudio {
  id: string;
  expires_at: Integer;
  data: string;
  transcript: string;
  [key: string]: unknown;
}

export interface ChatCompletionMessage {
  role: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ChatCompletionMessageToolCall[];
  annotations?: ChatCompletionAnnotation[];
  /** @deprecated legacy function calling. */
  function_call?: ChatCompletionFunctionCall | null;
  audio?: ChatCompletionAudio | null;
  /** Extension (DeepSeek, xAI, many gateways): the model's reasoning text. */
  reasoning_content?: string | null;
  /** Extension (LiteLLM-style gateways): provider reasoning blocks. */
  thinking_blocks?: ChatCompletionThinkingBlock[];
  [key: string]: unknown;
}

export interface ChatCompletionChoice {
  index: Integer;
  message: ChatCompletionMessage;
  finish_reason: ChatCompletionFinishReason | null;
  logprobs?: ChatCompletionChoiceLogprobs | null;
  [key: string]: unknown;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  /**
   * Unix time in seconds.
   */
  created: Integer;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: CompletionUsage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  metadata?: { [key: string]: string } | null;
  moderation?: { [key: string]: unknown } | null;
  [key: string]: unknown;
}
