import { createSseDecoder, type SseDecoder, type SseDecoderOptions } from './create-sse-decoder.js';
import type { SseEvent } from './sse-event.js';

/**
 * A `TransformStream` from `text/event-stream` bytes (or text) to events: a thin wrapper over
 * {@link createSseDecoder}. Each event is enqueued as soon as its chunk is written. When the writable side closes,
 * a final event without its blank line is still emitted (see {@link SseDecoder.end}). A `maxBufferSize` overflow
 * errors the stream.
 */
export function createSseDecoderStream(options?: SseDecoderOptions): TransformStream<Uint8Array | string, SseEvent> {
  let decoder: SseDecoder;
  return new TransformStream<Uint8Array | string, SseEvent>({
    start(controller) {
      decoder = createSseDecoder((event) => controller.enqueue(event), options);
    },
    transform(chunk) {
      decoder.push(chunk);
    },
    flush() {
      decoder.end();
    },
  });
}
