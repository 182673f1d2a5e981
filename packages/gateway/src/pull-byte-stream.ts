import type { GatewayReply, ReplyByteStream } from './gateway-exchange.js';
import type { ByteReadResult } from './open-byte-reader.js';

/** Where a pull writes: a Web stream's controller, or a `PullByteStream`'s queue. */
export interface ByteSink {
  enqueue(bytes: Uint8Array): void;
  close(): void;
}

/** A byte source pulled on demand, as a Web `ReadableStream`'s underlying source with `highWaterMark: 0` is. */
export interface PullSource {
  /**
   * Called when a read waits and nothing is queued; not again before its promise settles. A pull may also return
   * nothing (as a Web stream's may) and enqueue later: the read waits for it, and the next read that finds nothing
   * queued pulls again.
   */
  pull(sink: ByteSink): Promise<void> | void;
  /** The reader went away before the end. */
  cancel(): void;
}

const DONE: ByteReadResult = { done: true };

/**
 * A `PullSource` read either directly (`read()`, `cancel()`) or as a Web `ReadableStream` (`toReadableStream()`),
 * with the same bytes and the same pulls: `read()` follows the Streams standard's rules for `highWaterMark: 0` — a
 * pull only when a read finds nothing queued (and once more after a pull during which a read came), one pull at a
 * time, bytes enqueued during a pull (a keep-alive event) delivered at once, `cancel()` ending a waiting read with
 * `done` and ignored after the end. Node's adapter
 * reads it directly: Node 20's `ReadableStream` costs about 10 µs to create (`makeTransferable`) and 0.4 µs more per
 * read than an awaited call. One reader only: the two ways do not mix.
 */
export class PullByteStream implements ReplyByteStream {
  private readonly queue: Uint8Array[] = [];
  private closed = false;
  private cancelled = false;
  private failure: { error: unknown } | undefined = undefined;
  private pulling = false;
  private pullAgain = false;
  /** The read waiting for bytes (one reader, one read at a time), fulfilled as a Web stream fulfils a read request. */
  private waiting: { resolve: (result: ByteReadResult) => void; reject: (error: unknown) => void } | undefined = undefined;
  private mode: 'direct' | 'web' | undefined = undefined;
  private readonly sink: ByteSink = new QueueSink(this);

  constructor(private readonly source: PullSource) {}

  /** The sink's `enqueue` (see `QueueSink`). */
  sinkEnqueue(bytes: Uint8Array): void {
    if (this.closed || this.cancelled) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting.resolve({ done: false, value: bytes });
    } else this.queue.push(bytes);
  }

  /** The sink's `close` (see `QueueSink`). */
  sinkClose(): void {
    if (this.closed || this.cancelled) return;
    this.closed = true;
    if (this.queue.length === 0) this.settle({ done: true });
  }

  read(): Promise<ByteReadResult> {
    this.use('direct');
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve({ done: false, value: queued });
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed || this.cancelled) return Promise.resolve(DONE);
    if (this.waiting) return Promise.reject(new Error('PullByteStream: one read at a time'));
    const read = new Promise<ByteReadResult>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    // A read with nothing queued asks for a pull; one that comes during a pull, for another after it.
    if (this.pulling) this.pullAgain = true;
    else this.startPull();
    return read;
  }

  cancel(): Promise<void> {
    this.use('direct');
    // As a Web stream: a close still waiting for its queued bytes to be read is not the end yet.
    if ((this.closed && this.queue.length === 0) || this.cancelled || this.failure) return Promise.resolve();
    this.cancelled = true;
    this.queue.length = 0;
    this.settle(DONE);
    this.source.cancel();
    return Promise.resolve();
  }

  /** The same stream as a Web `ReadableStream` (made once). */
  toReadableStream(): ReadableStream<Uint8Array> {
    this.use('web');
    const source = this.source;
    return new ReadableStream<Uint8Array>({ pull: (controller) => source.pull(controller), cancel: () => source.cancel() }, { highWaterMark: 0 });
  }

  private use(mode: 'direct' | 'web'): void {
    if (this.mode === undefined) this.mode = mode;
    else if (this.mode !== mode || mode === 'web') throw new Error('PullByteStream: read directly or as one ReadableStream, not both');
  }

  private startPull(): void {
    this.pulling = true;
    let pulled: Promise<void> | void;
    try {
      pulled = this.source.pull(this.sink);
    } catch (error) {
      this.onPullFailed(error);
      return;
    }
    // A pull that returns nothing has ended (as a Web stream's, whose undefined is a settled promise): no read can
    // have come during it, so there is no pull again to make.
    if (pulled) {
      pulled.then(
        () => this.onPulled(),
        (error: unknown) => this.onPullFailed(error),
      );
    } else this.pulling = false;
  }

  private onPulled(): void {
    this.pulling = false;
    // As the standard's pullAgain: a read that came during the pull and still waits gets another pull. A pull that
    // gave nothing otherwise leaves the read waiting, as a Web stream does.
    if (this.pullAgain) {
      this.pullAgain = false;
      if (this.waiting !== undefined) this.startPull();
    }
  }

  private onPullFailed(error: unknown): void {
    // As a Web stream whose pull rejects (or throws): errored (what was queued before is still read; a Web stream
    // drops it or not depending on when its reader reads).
    this.pulling = false;
    this.failure = { error };
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private settle(result: ByteReadResult): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(result);
  }
}

/**
 * A `PullByteStream`'s sink: what a pull may call, and nothing else of the stream. A small object that forwards,
 * rather than two closures per stream.
 */
class QueueSink implements ByteSink {
  constructor(private readonly stream: PullByteStream) {}

  enqueue(bytes: Uint8Array): void {
    this.stream.sinkEnqueue(bytes);
  }

  close(): void {
    this.stream.sinkClose();
  }
}

/** A stream reply: `stream` for an adapter that reads it directly, `body` (a `ReadableStream`) made on first use. */
export class StreamReply implements GatewayReply {
  private web: ReadableStream<Uint8Array> | undefined = undefined;

  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly stream: PullByteStream,
  ) {}

  get body(): ReadableStream<Uint8Array> {
    return (this.web ??= this.stream.toReadableStream());
  }
}
