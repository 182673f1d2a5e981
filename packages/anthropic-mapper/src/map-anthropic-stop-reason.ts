/** OpenAI `finish_reason` values a translation can produce. */
export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * Anthropic `stop_reason` → OpenAI `finish_reason`.
 *
 * | stop_reason | finish_reason | why |
 * |---|---|---|
 * | `end_turn`, `stop_sequence` | `stop` | natural end, or one of the caller's stop sequences |
 * | `max_tokens` | `length` | |
 * | `model_context_window_exceeded` | `length` | the output was cut by the context window: a length limit |
 * | `tool_use` | `tool_calls` | |
 * | `refusal` | `content_filter` | the model's streaming classifiers stopped the answer |
 * | `pause_turn` | `stop` | a server-tool loop paused; the caller continues by sending the turn back. OpenAI has no equivalent |
 * | `null` / unknown | `stop` | a new reason must not break clients; the caller reports it |
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined): OpenAIFinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Whether {@link mapAnthropicStopReason} knows this reason (an unknown one deserves a warning). */
export function isKnownAnthropicStopReason(stopReason: string | null | undefined): boolean {
  return (
    stopReason === 'end_turn' ||
    stopReason === 'stop_sequence' ||
    stopReason === 'max_tokens' ||
    stopReason === 'model_context_window_exceeded' ||
    stopReason === 'tool_use' ||
    stopReason === 'refusal' ||
    stopReason === 'pause_turn'
  );
}
