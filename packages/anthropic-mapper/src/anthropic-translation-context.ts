/**
 * The per-request state the request mapper hands to the response side (`convertAnthropicResponseToOpenAI`) and to
 * the stream transducer (`@interlingua/anthropic-transducer`). A plain, JSON-serialisable object: a gateway may store
 * it between the two halves of a call.
 */
export interface AnthropicTranslationContext {
  /** The `model` the client asked for (the reply's `model` falls back to it when Anthropic's reply has none). */
  requestedModel: string;
  /** Whether the client asked for a stream (`stream: true`). */
  stream: boolean;
  /** `stream_options.include_usage`: send the final usage chunk (stream only). */
  includeUsage: boolean;
  /** Whether extended thinking was enabled upstream (the reply may carry thinking blocks). */
  thinking: boolean;
  /**
   * How `response_format` (json_object / json_schema) reached Anthropic, or null when it was not asked for.
   *
   * - `{ mode: 'native' }`: sent as `output_config.format`; the JSON arrives as ordinary text, nothing to undo.
   * - `{ mode: 'tool', toolName }`: sent as an extra tool named `toolName`. A `tool_use` block with that name is NOT
   *   a tool call for the client: its `input` is the answer, serialised with `JSON.stringify` as the message
   *   *content*, and it does not make `finish_reason` `tool_calls` (streamed: its `input_json_delta` fragments are
   *   content deltas, and a `tool_use` stop reason with no other tool call is `stop`).
   */
  jsonResponse: null | { mode: 'native' } | { mode: 'tool'; toolName: string };
  /**
   * The client's field of each thinking block sent back (`messages[i].thinking_blocks[k]`) by its path in the body
   * as sent (`messages.{i}.content.{j}`), so that a block Anthropic's `input_transformations` says it dropped is
   * reported in the client's terms. Absent when the request sent no thinking block back.
   */
  thinkingBlockParams?: Record<string, string>;
}
