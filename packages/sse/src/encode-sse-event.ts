import { formatSseEvent } from './format-sse-event.js';
import type { SseDone, SseEvent } from './sse-event.js';

const encoder = new TextEncoder();

/**
 * Encodes one event as UTF-8 `text/event-stream` bytes; the text is that of {@link formatSseEvent}.
 *
 * @throws TypeError as {@link formatSseEvent} does.
 */
export function encodeSseEvent(event: SseEvent | SseDone): Uint8Array {
  return encoder.encode(formatSseEvent(event));
}
