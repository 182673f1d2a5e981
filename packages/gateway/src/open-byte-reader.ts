import type { ByteSource } from './gateway-exchange.js';

/** One read of a `ByteReader`. */
export type ByteReadResult = { done: true; value?: undefined } | { done: false; value: Uint8Array };

/** Pull-reading a `ByteSource` of either kind, one chunk at a time. */
export interface ByteReader {
  read(): Promise<ByteReadResult>;
  /** Stops the source (cancels the stream or returns the iterator); never rejects. */
  cancel(): Promise<void>;
}

const DONE: ByteReadResult = { done: true };
const RESOLVED: Promise<void> = Promise.resolve();

/** Opens a reader on a Web stream (its own reader) or on an async iterable (its iterator). */
export function openByteReader(source: ByteSource): ByteReader {
  if ('getReader' in source && typeof source.getReader === 'function') return new WebStreamByteReader((source as ReadableStream<Uint8Array>).getReader());
  return new IteratorByteReader((source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]());
}

/**
 * One read of `reader` with callbacks instead of an awaited promise (what a long-lived reader such as a stream's
 * supervisor uses: its callbacks are made once). A read that throws at once (an iterator may) fails as a rejected one
 * would. The callbacks are always called later, never during the call. One read at a time per reader.
 */
export function readByteReader(reader: ByteReader, onRead: (result: ByteReadResult) => void, onFail: (error: unknown) => void): void {
  if (reader instanceof IteratorByteReader) {
    reader.readInto(onRead, onFail);
    return;
  }
  let read: Promise<ByteReadResult>;
  try {
    read = reader.read();
  } catch (error) {
    read = Promise.reject(error);
  }
  read.then(onRead, onFail);
}

// Classes rather than closures: a reader lives as long as its stream, and an open stream mostly waits.
class WebStreamByteReader implements ByteReader {
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  read(): Promise<ByteReadResult> {
    return this.reader.read() as Promise<ByteReadResult>;
  }

  cancel(): Promise<void> {
    return this.reader.cancel().catch(ignore);
  }
}

class IteratorByteReader implements ByteReader {
  private ended = false;

  constructor(private readonly iterator: AsyncIterator<Uint8Array>) {}

  /** The read `readInto` is waiting for: its callback. */
  private pendingRead: ((result: ByteReadResult) => void) | undefined = undefined;

  /** The iterator's own result (an iterator result is a `ByteReadResult`): one `then`, no async function around it. */
  read(): Promise<ByteReadResult> {
    if (this.ended) return Promise.resolve(DONE);
    return this.iterator.next().then(this.onNext);
  }

  /**
   * `read` with callbacks: the iterator's promise calls them directly, where `read().then(…)` would make a second
   * promise and take a second microtask turn for every chunk (`readByteReader`'s path for an iterator).
   */
  readInto(onRead: (result: ByteReadResult) => void, onFail: (error: unknown) => void): void {
    let next: Promise<IteratorResult<Uint8Array>>;
    if (this.ended) next = Promise.resolve({ done: true, value: undefined });
    else {
      try {
        next = this.iterator.next();
      } catch (error) {
        next = Promise.reject(error);
      }
    }
    this.pendingRead = onRead;
    next.then(this.deliver, onFail);
  }

  private readonly deliver = (next: IteratorResult<Uint8Array>): void => {
    const onRead = this.pendingRead!;
    this.pendingRead = undefined;
    onRead(this.onNext(next));
  };

  /** Stops the iterator (its `return`); after the end, nothing to do (no async function runs for it). */
  cancel(): Promise<void> {
    if (this.ended) return RESOLVED;
    this.ended = true;
    return this.stop();
  }

  private async stop(): Promise<void> {
    try {
      await this.iterator.return?.();
    } catch {
      // A source that fails while stopping is stopped all the same.
    }
  }

  private readonly onNext = (next: IteratorResult<Uint8Array>): ByteReadResult => {
    // An iterator may leave `done` out of a value's result.
    if (next.done === false) return next as ByteReadResult;
    if (!next.done) return { done: false, value: next.value };
    this.ended = true;
    return DONE;
  };
}

function ignore(): void {}
