import type { MessagesStopReason } from '@interlingua/messages-schema';

/**
 * The hub's `finish_reason` → Anthropic's `stop_reason`.
 *
 * | `finish_reason` | `stop_reason` |
 * |---|---|
 * | `stop` | `end_turn`, or `stop_sequence` when the upstream says which of the client's stop sequences matched (vLLM's `choices[].stop_reason`) |
 * | `length` | `max_tokens` |
 * | `tool_calls`, `function_call` | `tool_use` |
 * | `content_filter` | `refusal` |
 * | null / other | `end_turn` (the caller warns) |
 *
 * `pause_turn` never comes out of the hub: it is a server-tool loop state, and server tools run only with an
 * Anthropic upstream, whose replies pass through untouched.
 */
export function mapFinishReasonToStopReason(
  finishReason: unknown,
  matchedStop: unknown,
  stopSequences: readonly string[],
): { stopReason: MessagesStopReason; stopSequence: string | null; known: boolean } {
  switch (finishReason) {
    case 'stop':
      if (typeof matchedStop === 'string' && stopSequences.includes(matchedStop)) return { stopReason: 'stop_sequence', stopSequence: matchedStop, known: true };
      return { stopReason: 'end_turn', stopSequence: null, known: true };
    case 'length':
      return { stopReason: 'max_tokens', stopSequence: null, known: true };
    case 'tool_calls':
    case 'function_call':
      return { stopReason: 'tool_use', stopSequence: null, known: true };
    case 'content_filter':
      return { stopReason: 'refusal', stopSequence: null, known: true };
    default:
      return { stopReason: 'end_turn', stopSequence: null, known: false };
  }
}
