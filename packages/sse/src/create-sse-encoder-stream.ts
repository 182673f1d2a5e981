import { encodeSseEvent } from './encode-sse-event.js';
import type { SseDone, SseEvent } from './sse-event.js';

/**
 * A `TransformStream` from events (or the `'[DONE]'` sentinel) to UTF-8 `text/event-stream` bytes.
 *
 * It enqueues exactly one `Uint8Array` per event, as soon as the event is written: it never batches, so every event
 * can be flushed to the client on its own. An invalid event name or id errors the stream (see {@link formatSseEvent}).
 */
export function createSseEncoderStream(): TransformStream<SseEvent | SseDone, Uint8Array> {
  return new TransformStream<SseEvent | SseDone, Uint8Array>({
    transform(event, controller) {
      controller.enqueue(encodeSseEvent(event));
    },
  });
}
