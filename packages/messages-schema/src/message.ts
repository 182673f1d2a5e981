/**
 * What a Messages client receives: the Message object (non-stream reply), its content blocks and usage, every
 * stream event and the error envelope. Outbound shapes, so plain TypeScript types; tests validate them against
 * the vendored spec (`Message`, `MessageStreamEvent`, `ErrorResponse`) and `@anthropic-ai/sdk`'s types.
 */

export type MessagesStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export interface MessagesTextBlock {
  type: 'text';
  text: string;
  citations: unknown[] | null;
}

export interface MessagesThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface MessagesRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export interface MessagesToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type MessagesContentBlock = MessagesThinkingBlock | MessagesRedactedThinkingBlock | MessagesTextBlock | MessagesToolUseBlock;

export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } | null;
  server_tool_use: { web_search_requests: number } | null;
  service_tier: 'standard' | 'priority' | 'batch' | null;
}

export interface MessagesMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  content: MessagesContentBlock[];
  model: string;
  stop_reason: MessagesStopReason | null;
  stop_sequence: string | null;
  usage: MessagesUsage;
}

/** The cumulative usage of `message_delta` (`MessageDeltaUsage`). */
export interface MessagesDeltaUsage {
  input_tokens: number | null;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  server_tool_use: { web_search_requests: number } | null;
}

export interface MessagesMessageStartEvent {
  type: 'message_start';
  message: MessagesMessage;
}

export type MessagesContentBlockStart =
  | { type: 'text'; text: ''; citations: null }
  | { type: 'thinking'; thinking: ''; signature: '' }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, never> };

export interface MessagesContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block: MessagesContentBlockStart;
}

export type MessagesContentBlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string };

export interface MessagesContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta: MessagesContentBlockDelta;
}

export interface MessagesContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}

export interface MessagesMessageDeltaEvent {
  type: 'message_delta';
  delta: { stop_reason: MessagesStopReason | null; stop_sequence: string | null };
  usage: MessagesDeltaUsage;
}

export interface MessagesMessageStopEvent {
  type: 'message_stop';
}

export interface MessagesPingEvent {
  type: 'ping';
}

export interface MessagesErrorEvent {
  type: 'error';
  error: { type: MessagesErrorType; message: string };
}

/** Every event of a Messages stream (the spec's `MessageStreamEvent` plus `ping` and `error`). */
export type MessagesStreamEvent =
  | MessagesMessageStartEvent
  | MessagesContentBlockStartEvent
  | MessagesContentBlockDeltaEvent
  | MessagesContentBlockStopEvent
  | MessagesMessageDeltaEvent
  | MessagesMessageStopEvent
  | MessagesPingEvent
  | MessagesErrorEvent;

/** The error types of Anthropic's envelope (`ErrorResponse.error.type`). */
export type MessagesErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

/** Anthropic's error envelope: `{type: "error", error: {type, message}, request_id}`. */
export interface MessagesErrorEnvelope {
  type: 'error';
  error: { type: MessagesErrorType; message: string };
  request_id: string | null;
}

/** The reply of `POST /v1/messages/count_tokens`. */
export interface MessagesCountTokensResponse {
  input_tokens: number;
}
