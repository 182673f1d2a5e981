/**
 * The Anthropic Messages stream events the transducer reads (`MessageStreamEvent` in the Anthropic spec,
 * `RawMessageStreamEvent` in `@anthropic-ai/sdk`). Inbound payloads: these types describe what the step reads, and
 * every member is optional or open where the provider may grow (new block, delta and event types are skipped).
 * The interfaces have no index signatures, so the official SDK's `RawMessageStreamEvent` is assignable to them.
 */

export interface AnthropicStreamUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

export interface AnthropicMessageStartEvent {
  type: 'message_start';
  message: {
    id?: string;
    model?: string;
    usage?: AnthropicStreamUsage | null;
    };
}

/** A content block as announced by `content_block_start` (text, tool_use, thinking, redacted_thinking, server blocks …). */
export interface AnthropicStreamContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
  data?: string;
  citations?: readonly unknown[] | null;
}

export interface AnthropicContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block: AnthropicStreamContentBlock;
}

/** `text_delta`, `input_json_delta`, `thinking_delta`, `signature_delta`, `citations_delta`, or a newer kind (skipped). */
export interface AnthropicStreamDelta {
  type: string;
  text?: string;
  partial_json?: string;
  thinking?: string;
  signature?: string;
  citation?: unknown;
}

export interface AnthropicContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta: AnthropicStreamDelta;
}

export interface AnthropicContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}

export interface AnthropicMessageDeltaEvent {
  type: 'message_delta';
  delta: { stop_reason?: string | null; stop_sequence?: string | null };
  usage?: AnthropicStreamUsage | null;
}

export interface AnthropicMessageStopEvent {
  type: 'message_stop';
}

export interface AnthropicPingEvent {
  type: 'ping';
}

export interface AnthropicErrorEvent {
  type: 'error';
  error: { type?: string; message?: string };
}

/** Any other event type: skipped (Anthropic: "your code should handle unknown event types gracefully"). */
export interface AnthropicUnknownStreamEvent {
  type: string;
  [key: string]: unknown;
}

export type AnthropicStreamEvent =
  | AnthropicMessageStartEvent
  | AnthropicContentBlockStartEvent
  | AnthropicContentBlockDeltaEvent
  | AnthropicContentBlockStopEvent
  | AnthropicMessageDeltaEvent
  | AnthropicMessageStopEvent
  | AnthropicPingEvent
  | AnthropicErrorEvent;
