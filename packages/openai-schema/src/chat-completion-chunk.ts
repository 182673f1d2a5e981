/**
 * One streamed Chat Completions event (`CreateChatCompletionStreamResponse`, `object: "chat.completion.chunk"`),
 * the JSON of one SSE `data:` line.
 *
 * Relaxations from the spec, each forced by real replies: `object` may be `""` (Azure's first
 * `prompt_filter_results` chunk, which also has empty `id` and `model`), `finish_reason` and `logprobs` may be
 * absent, `system_fingerprint` may be null, `service_tier` is any string.
 */
import type { Integer } from './json-integer.js';
import type { ChatCompletionThinkingBlock } from './chat-completion-message-param.js';
import type { ChatCompletionChoiceLogprobs, ChatCompletionFinishReason } from './chat-completion.js';
import type { CompletionUsage } from './completion-usage.js';

export interface ChatCompletionChunkFunctionCallDelta {
  name?: string;
  arguments?: string;
  [key: string]: unknown;
}

export interface ChatCompletionChunkToolCall {
  /**
   * Position of the tool call in the message; deltas of the same call share it.
   */
  index: Integer;
  id?: string;
  type?: 'function';
  function?: ChatCompletionChunkFunctionCallDelta;
  [key: string]: unknown;
}

export interface ChatCompletionChunkDelta {
  role?: 'developer' | 'system' | 'user' | 'assistant' | 'tool';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ChatCompletionChunkToolCall[];
  /** @deprecated legacy function calling. */
  function_call?: ChatCompletionChunkFunctionCallDelta;
  /** Extension (DeepSeek, xAI, many gateways): a piece of the model's reasoning text. */
  reasoning_content?: string | null;
  /** Extension (LiteLLM-style gateways): provider reasoning blocks. */
  thinking_blocks?: ChatCompletionThinkingBlock[];
  [key: string]: unknown;
}

export interface ChatCompletionChunkChoice {
  index: Integer;
  delta: ChatCompletionChunkDelta;
  finish_reason?: ChatCompletionFinishReason | null;
  logprobs?: ChatCompletionChoiceLogprobs | null;
  [key: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk' | '';
  /**
   * Unix time in seconds.
   */
  created: Integer;
  model: string;
  /** Empty in the usage-only final chunk (`stream_options.include_usage`). */
  choices: ChatCompletionChunkChoice[];
  usage?: CompletionUsage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  obfuscation?: string;
  moderation?: { [key: string]: unknown } | null;
  [key: string]: unknown;
}
