import type { ByteSource } from './gateway-exchange.js';

/** One read of a `ByteReader`. */
export type ByteReadResult = { done: true; value?: undefined } | { done: false; value: Uint8Array };

/** Pull-reading a `ByteSource` of either kind, one chunk at a time. */
export interface ByteReader {
  read(): Promise<ByteReadResult>;
  /** Stops the source (cancels the stream or returns the iterator); never rejects. */
  cancel(): Promise<void>;
}

/** Opens a reader on a Web stream (its own reader) or on an async iterable (its iterator). */
export function openByteReader(source: ByteSource): ByteReader {
  if ('getReader' in source && typeof source.getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    return {
      read: () => reader.read() as Promise<ByteReadResult>,
      cancel: () => reader.cancel().catch(() => {}),
    };
  }
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let ended = false;
  return {
    async read() {
      if (ended) return { done: true };
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        return { done: true };
      }
      return { done: false, value: next.value };
    },
    async cancel() {
      if (ended) return;
      ended = true;
      try {
        await iterator.return?.();
      } catch {
        // A source that fails while stopping is stopped all the same.
      }
    },
  };
}
