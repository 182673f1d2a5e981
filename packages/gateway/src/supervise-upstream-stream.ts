import type { OpenAIErrorEnvelope, OpenAIStreamFrame } from '@interlingua/openai-schema';
import type { UpstreamStreamTranscoder } from './bridges/provider-bridge.js';
import { concatBytes } from './concat-bytes.js';
import { formatWarningsHeader } from './format-warnings-header.js';
import type { ClientStreamTranscoder } from './fronts/client-front.js';
import { MAX_TIMER_DELAY_MS, type Deadline, type DeadlineWatch } from './create-deadline.js';
import type { ByteSource } from './gateway-exchange.js';
import type { LazyAbortController } from './lazy-abort-controller.js';
import { openByteReader, readByteReader, type ByteReader, type ByteReadResult } from './open-byte-reader.js';
import { PullByteStream, type ByteSink, type PullSource } from './pull-byte-stream.js';

/** How a supervised stream ended (for the log). */
export type StreamOutcome =
  | { kind: 'completed' }
  | { kind: 'upstream_broken'; detail: string }
  | { kind: 'upstream_idle_timeout' }
  | { kind: 'request_timeout' }
  | { kind: 'client_cancelled' };

export interface SuperviseUpstreamStreamOptions {
  transcoder: UpstreamStreamTranscoder;
  /** The client API's side (Responses, Messages): turns the hub's OpenAI SSE bytes into the client's. */
  clientTranscoder?: ClientStreamTranscoder;
  /**
   * The hub frames the transcoder delivered as objects (its `onFrames` appends here) since the last step: passed to
   * `clientTranscoder.pushFrames` before the step's bytes. Only with a client transcoder that has `pushFrames`.
   */
  hubFrames?: OpenAIStreamFrame[];
  /** Aborts the upstream request (fetch and body). */
  controller: LazyAbortController;
  deadline: Deadline;
  /** Longest wait for the next upstream bytes. */
  idleTimeoutMs: number;
  /** Called once, when the client stream is over for any reason. */
  onFinish: (outcome: StreamOutcome) => void;
}

const encoder = new TextEncoder();
const DONE_FRAME = encoder.encode('data: [DONE]\n\n');
const EMPTY: Uint8Array = new Uint8Array(0);

/** The parts joined (the one part itself when the others are empty). */
function joinBytes(parts: Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((part) => part.byteLength > 0);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  return concatBytes(nonEmpty, nonEmpty.reduce((size, part) => size + part.byteLength, 0));
}

/** Whether `bytes` ends with the hub's `data: [DONE]` frame. */
function endsWithDone(bytes: Uint8Array): boolean {
  if (bytes.byteLength < DONE_FRAME.byteLength) return false;
  const offset = bytes.byteLength - DONE_FRAME.byteLength;
  for (let i = 0; i < DONE_FRAME.byteLength; i++) if (bytes[offset + i] !== DONE_FRAME[i]) return false;
  return true;
}

/**
 * The stream's warnings as an SSE comment (`: x-interlingua-warnings: code(param), …`), which SSE clients ignore and
 * a person or a test can read: the stream's counterpart of the `x-interlingua-warnings` header for what is only
 * found once the reply is under way (a dropped block, an unknown event).
 */
export function formatWarningsComment(warnings: Parameters<typeof formatWarningsHeader>[0]): Uint8Array {
  return encoder.encode(`: x-interlingua-warnings: ${formatWarningsHeader(warnings)}\n\n`);
}

function errorFrame(message: string, code: string): Uint8Array {
  const envelope: OpenAIErrorEnvelope = { error: { message, type: 'timeout_error', param: null, code } };
  return encoder.encode(`data: ${JSON.stringify(envelope)}\n\n`);
}

/** After a complete answer: how long the end of the upstream body is waited for, and how many bytes read meanwhile. */
const DRAIN_TIMEOUT_MS = 1000;
const DRAIN_MAX_BYTES = 64 * 1024;

/**
 * After a complete answer, reads what the upstream still sends — normally nothing but the end of its body, already on
 * its way — so that the body ends on its own; cancels it when more than `DRAIN_MAX_BYTES` arrive or the end does not
 * within `DRAIN_TIMEOUT_MS`. Cancelling a body that was about to end costs more than reading its end: undici builds an
 * abort error with its stack trace for it and the stream is destroyed with it (572 against 451 µs of CPU for a
 * 64-event stream in `serve`, measured with `bench/diagnostics/cpu-per-request-ab.mjs`).
 */
async function drainThenCancel(reader: ByteReader): Promise<void> {
  let bytes = 0;
  const timer = setTimeout(() => void reader.cancel(), DRAIN_TIMEOUT_MS);
  try {
    for (;;) {
      const result = await reader.read();
      if (result.done) return;
      bytes += result.value.byteLength;
      if (bytes > DRAIN_MAX_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // A body that breaks now holds nothing to free.
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The client's stream: upstream bytes are read on demand (the client's pace sets the upstream's), translated by the
 * transcoder and passed on. It guards the stream on every side:
 *
 * - a read error (a connection reset) is a normal end for the transcoder, which answers with its truncation error
 *   payload unless the answer was complete;
 * - no upstream bytes for `idleTimeoutMs` while waiting for them, or the request's deadline passing, ends the stream
 *   with an error payload (`upstream_idle_timeout`, `request_timeout`) and aborts the upstream; after a complete
 *   answer (`settled`, or `complete`: every finish reason given) the stream ends normally instead;
 * - the client going away (cancel) aborts the upstream;
 * - while a read waits, the client API's keep-alive event (`clientTranscoder.keepAlive`, Anthropic's `ping`) is sent
 *   every `intervalMs`.
 *
 * `onFinish` runs exactly once in every case. Warnings the transcoder collected are written as a last SSE comment
 * (before the hub's `data: [DONE]`, or after the client API's last event).
 */
export function superviseUpstreamStream(upstream: ByteSource, options: SuperviseUpstreamStreamOptions): ReadableStream<Uint8Array> {
  return createSupervisedStream(upstream, options).toReadableStream();
}

/** `superviseUpstreamStream`'s stream as a `PullByteStream`: read directly (the Node adapter) or as a Web stream. */
export function createSupervisedStream(upstream: ByteSource, options: SuperviseUpstreamStreamOptions): PullByteStream {
  return new PullByteStream(new SupervisedSource(upstream, options));
}

type TripCode = 'upstream_idle_timeout' | 'request_timeout';

/**
 * The supervisor's state and steps as one object per stream (an open stream waits for the upstream for most of its
 * life: one object, a pair of callbacks for the pending upstream read and no suspended async function hold less
 * memory than a closure per step and a race per read). A pull starts one upstream read; its result is translated and
 * enqueued, or, when it gives the client nothing, the next read starts. A trip (idle timeout, deadline) during a read
 * ends the stream at once; the read's late result is then ignored.
 */
class SupervisedSource implements PullSource, DeadlineWatch {
  private readonly reader: ByteReader;
  private readonly transcoder: UpstreamStreamTranscoder;
  private readonly clientTranscoder: ClientStreamTranscoder | undefined;
  private readonly hubFrames: OpenAIStreamFrame[] | undefined;
  private readonly controller: LazyAbortController;
  private readonly deadline: Deadline;
  private readonly idleTimeoutMs: number;
  private readonly idleMs: number;
  private readonly onFinish: (outcome: StreamOutcome) => void;
  private readonly stopDeadline: () => void;
  /** Where the current pull writes (set by every pull). */
  private sink: ByteSink | undefined = undefined;
  private finished = false;
  private failed = false;
  private tripped: { message: string; code: TripCode } | undefined = undefined;
  /**
   * When the upstream read in flight started (for the idle timeout, `dueAt`); `undefined` when none is in flight. A read's result
   * is for the client read that started it, or a later one.
   */
  private waitingSince: number | undefined = undefined;
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined = undefined;

  constructor(upstream: ByteSource, options: SuperviseUpstreamStreamOptions) {
    this.reader = openByteReader(upstream);
    this.transcoder = options.transcoder;
    this.clientTranscoder = options.clientTranscoder;
    this.hubFrames = options.hubFrames;
    this.controller = options.controller;
    this.deadline = options.deadline;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.idleMs = Math.min(options.idleTimeoutMs, MAX_TIMER_DELAY_MS);
    this.onFinish = options.onFinish;
    this.stopDeadline = this.deadline.onExpire(this.onDeadline);
  }

  pull(sink: ByteSink): void {
    this.sink = sink;
    // A keep-alive event answered the client's last read while the upstream read is still in flight: its result
    // answers this one.
    if (this.waitingSince !== undefined || this.finished) return;
    this.readUpstream();
  }

  cancel(): void {
    this.controller.abort(new Error('client cancelled'));
    void this.reader.cancel();
    this.finish({ kind: 'client_cancelled' });
  }

  private readUpstream(): void {
    if (this.tripped) {
      this.endTripped();
      return;
    }
    this.waitingSince = Date.now();
    // One timer per request: the deadline's checks the idle timeout. Told at every read: between reads (the client
    // not reading) `dueAt` is Infinity, and the timer may have been armed past this read's idle time meanwhile.
    this.deadline.watch(this);
    // While the upstream is quiet, the client API's keep-alive event (Anthropic's `ping`) keeps the client reading.
    const keepAlive = this.clientTranscoder?.keepAlive;
    if (keepAlive) this.keepAliveTimer = setInterval(onKeepAliveTimer, Math.min(keepAlive.intervalMs, MAX_TIMER_DELAY_MS), this);
    readByteReader(this.reader, this.onRead, this.onReadFailed);
  }

  private readonly onRead = (result: ByteReadResult): void => {
    if (this.stopWaiting()) this.afterRead(result, undefined);
  };

  private readonly onReadFailed = (error: unknown): void => {
    if (this.stopWaiting()) this.afterRead(undefined, error ?? new Error('read failed'));
  };

  /** The read in flight is over: whether its result is still wanted (not after the end or a trip). */
  private stopWaiting(): boolean {
    if (this.waitingSince === undefined) return false;
    this.waitingSince = undefined;
    if (this.keepAliveTimer !== undefined) {
      clearInterval(this.keepAliveTimer);
      this.keepAliveTimer = undefined;
    }
    return !this.finished;
  }

  private afterRead(result: ByteReadResult | undefined, broken: unknown): void {
    const transcoder = this.transcoder;
    const sink = this.sink!;
    if (this.tripped) {
      this.endTripped();
      return;
    }
    if (broken !== undefined || result === undefined || result.done) {
      this.closeWith(sink, this.translate(undefined));
      if (broken !== undefined) this.controller.abort(new Error('upstream stream broken'));
      this.finish(
        broken === undefined ? { kind: 'completed' } : { kind: 'upstream_broken', detail: broken instanceof Error ? broken.message : String(broken) },
      );
      return;
    }
    const chunk = result.value;
    const output = this.translate(chunk);
    if (transcoder.settled || this.failed) {
      // The answer is complete (or failed): whatever the upstream still sends is not needed. After a complete answer
      // its end is read (see drainThenCancel); after a failure the body is cancelled at once.
      this.closeWith(sink, output);
      if (this.failed) void this.reader.cancel();
      else void drainThenCancel(this.reader);
      this.finish({ kind: 'completed' });
      return;
    }
    const client = this.toClient(output);
    if (client.byteLength > 0) sink.enqueue(client);
    // Nothing for the client yet (an event split across chunks, a ping): the client's read still waits.
    else this.readUpstream();
  }

  /** Ends the stream after a trip: as the upstream's close would have when the answer is whole, else with an error payload. */
  private endTripped(): void {
    const tripped = this.tripped!;
    const transcoder = this.transcoder;
    const sink = this.sink!;
    if (transcoder.complete === true && !transcoder.settled && !this.failed) {
      // The answer is whole (a Gemini stream that stalls after its finish reason): end it as the upstream's close
      // would have, with the usage chunk and [DONE].
      this.closeWith(sink, this.translate(undefined));
      this.finish({ kind: 'completed' });
      return;
    }
    this.closeWith(sink, !transcoder.settled && !this.failed ? errorFrame(tripped.message, tripped.code) : new Uint8Array(0));
    this.finish({ kind: tripped.code });
  }

  /**
   * The transcoder's output for `chunk`, or its end for `undefined`. A transcoder bug must not break the connection:
   * the client gets an error payload and the stream ends.
   */
  private translate(chunk: Uint8Array | undefined): Uint8Array {
    if (this.failed) return new Uint8Array(0);
    try {
      return chunk === undefined ? this.transcoder.end() : this.transcoder.push(chunk);
    } catch {
      this.failed = true;
      return encoder.encode(
        `data: ${JSON.stringify({ error: { message: 'The gateway failed to translate the upstream stream.', type: 'server_error', param: null, code: 'internal_error' } })}\n\n`,
      );
    }
  }

  /**
   * Hub output on its way to the client: through the client API's transcoder when there is one (the frames the step
   * delivered as objects first, then its bytes; a bridge delivers one or the other).
   */
  private toClient(hub: Uint8Array): Uint8Array {
    const clientTranscoder = this.clientTranscoder;
    if (!clientTranscoder) return hub;
    let out: Uint8Array = EMPTY;
    const hubFrames = this.hubFrames;
    if (hubFrames !== undefined && hubFrames.length > 0) {
      out = clientTranscoder.pushFrames!(hubFrames);
      hubFrames.length = 0;
    }
    if (hub.byteLength === 0) return out;
    const bytes = clientTranscoder.push(hub);
    return out.byteLength === 0 ? bytes : joinBytes([out, bytes]);
  }

  /** The last bytes of the stream, with the warnings comment placed where clients still read it. */
  private closeWith(sink: ByteSink, hub: Uint8Array): void {
    const warnings = this.transcoder.warnings;
    const clientTranscoder = this.clientTranscoder;
    const comment = warnings && warnings.length > 0 ? formatWarningsComment(warnings) : undefined;
    let out: Uint8Array;
    if (clientTranscoder) {
      // The client API's own lossy steps (known once its stream has ended) join the hub's.
      const body = joinBytes([this.toClient(hub), clientTranscoder.end()]);
      const all = [...(warnings ?? []), ...(clientTranscoder.warnings ?? [])];
      out = all.length > 0 ? joinBytes([body, formatWarningsComment(all)]) : body;
    } else if (comment && endsWithDone(hub)) {
      out = joinBytes([hub.subarray(0, hub.byteLength - DONE_FRAME.byteLength), comment, DONE_FRAME]);
    } else {
      out = comment ? joinBytes([hub, comment]) : hub;
    }
    if (out.byteLength > 0) sink.enqueue(out);
    sink.close();
  }

  private finish(outcome: StreamOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.deadline.unwatch(this);
    if (this.keepAliveTimer !== undefined) clearInterval(this.keepAliveTimer);
    this.stopDeadline();
    this.onFinish(outcome);
  }

  /** Idle timeout or deadline: aborts the upstream and, when a read is in flight, ends the client stream now. */
  trip(code: TripCode, message: string): void {
    if (this.tripped || this.finished) return;
    this.tripped = { code, message };
    this.controller.abort(new Error(code));
    void this.reader.cancel();
    if (this.stopWaiting()) this.endTripped();
  }

  /** When the upstream read in flight has waited `idleTimeoutMs` (`DeadlineWatch`; none between reads). */
  get dueAt(): number {
    return this.waitingSince === undefined ? Infinity : this.waitingSince + this.idleMs;
  }

  /** The request's timer found the upstream read in flight idle (`DeadlineWatch`). */
  onDue(): void {
    if (this.waitingSince === undefined || this.finished) return;
    this.trip('upstream_idle_timeout', `The upstream sent nothing for ${this.idleTimeoutMs} ms; the response is incomplete.`);
  }

  onKeepAliveTimer(): void {
    if (this.finished || this.tripped) return;
    const bytes = this.clientTranscoder!.keepAlive!.bytes();
    if (bytes.byteLength > 0) this.sink!.enqueue(bytes);
  }

  private readonly onDeadline = (): void =>
    this.trip('request_timeout', `The request did not complete within ${this.deadline.timeoutMs} ms; the response is incomplete.`);
}

// The keep-alive timer's callback takes the supervisor as its argument: no closure per timer.
function onKeepAliveTimer(source: SupervisedSource): void {
  source.onKeepAliveTimer();
}
