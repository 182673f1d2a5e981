import type { OpenAIErrorEnvelope, OpenAIStreamFrame } from '@interlingua/openai-schema';
import type { UpstreamStreamTranscoder } from './bridges/provider-bridge.js';
import { concatBytes } from './concat-bytes.js';
import { formatWarningsHeader } from './format-warnings-header.js';
import type { ClientStreamTranscoder } from './fronts/client-front.js';
import { MAX_TIMER_DELAY_MS, type Deadline } from './create-deadline.js';
import type { ByteSource } from './gateway-exchange.js';
import type { LazyAbortController } from './lazy-abort-controller.js';
import { openByteReader, type ByteReader, type ByteReadResult } from './open-byte-reader.js';
import { PullByteStream, type ByteSink } from './pull-byte-stream.js';

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
  const { transcoder, controller, deadline, idleTimeoutMs, clientTranscoder, hubFrames } = options;
  const reader = openByteReader(upstream);
  let finished = false;
  let tripped: { message: string; code: 'upstream_idle_timeout' | 'request_timeout' } | undefined;
  let wake: (() => void) | undefined;
  let failed = false;
  // One idle timer per stream, re-armed only when it fires: it trips when a read has waited `idleTimeoutMs`.
  const idleMs = Math.min(idleTimeoutMs, MAX_TIMER_DELAY_MS);
  let waitingSince: number | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const onIdleTimer = (): void => {
    idleTimer = undefined;
    if (waitingSince === undefined || finished) return;
    const waited = Date.now() - waitingSince;
    if (waited >= idleMs) trip('upstream_idle_timeout', `The upstream sent nothing for ${idleTimeoutMs} ms; the response is incomplete.`);
    else idleTimer = setTimeout(onIdleTimer, idleMs - waited);
  };

  // A transcoder bug must not break the connection: the client gets an error payload and the stream ends.
  const translate = (step: () => Uint8Array): Uint8Array => {
    if (failed) return new Uint8Array(0);
    try {
      return step();
    } catch {
      failed = true;
      return encoder.encode(
        `data: ${JSON.stringify({ error: { message: 'The gateway failed to translate the upstream stream.', type: 'server_error', param: null, code: 'internal_error' } })}\n\n`,
      );
    }
  };

  // Hub output on its way to the client: through the client API's transcoder when there is one (the frames the
  // step delivered as objects first, then its bytes; a bridge delivers one or the other).
  const toClient = (hub: Uint8Array): Uint8Array => {
    if (!clientTranscoder) return hub;
    let out: Uint8Array = EMPTY;
    if (hubFrames !== undefined && hubFrames.length > 0) {
      out = clientTranscoder.pushFrames!(hubFrames);
      hubFrames.length = 0;
    }
    if (hub.byteLength === 0) return out;
    const bytes = clientTranscoder.push(hub);
    return out.byteLength === 0 ? bytes : joinBytes([out, bytes]);
  };
  // The last bytes of the stream, with the warnings comment placed where clients still read it.
  const closeWith = (stream: ByteSink, hub: Uint8Array): void => {
    const warnings = transcoder.warnings;
    const comment = warnings && warnings.length > 0 ? formatWarningsComment(warnings) : undefined;
    let out: Uint8Array;
    if (clientTranscoder) {
      // The client API's own lossy steps (known once its stream has ended) join the hub's.
      const body = joinBytes([toClient(hub), clientTranscoder.end()]);
      const all = [...(warnings ?? []), ...(clientTranscoder.warnings ?? [])];
      out = all.length > 0 ? joinBytes([body, formatWarningsComment(all)]) : body;
    } else if (comment && endsWithDone(hub)) {
      out = joinBytes([hub.subarray(0, hub.byteLength - DONE_FRAME.byteLength), comment, DONE_FRAME]);
    } else {
      out = comment ? joinBytes([hub, comment]) : hub;
    }
    if (out.byteLength > 0) stream.enqueue(out);
    stream.close();
  };

  const finish = (outcome: StreamOutcome): void => {
    if (finished) return;
    finished = true;
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    stopDeadline();
    options.onFinish(outcome);
  };
  const trip = (code: 'upstream_idle_timeout' | 'request_timeout', message: string): void => {
    if (tripped || finished) return;
    tripped = { code, message };
    controller.abort(new Error(code));
    void reader.cancel();
    wake?.();
  };
  const onDeadline = (): void =>
    trip('request_timeout', `The request did not complete within ${deadline.timeoutMs} ms; the response is incomplete.`);
  const stopDeadline = deadline.onExpire(onDeadline);

  return new PullByteStream({
    async pull(stream) {
      for (;;) {
        if (tripped) {
          if (transcoder.complete === true && !transcoder.settled && !failed) {
            // The answer is whole (a Gemini stream that stalls after its finish reason): end it as the upstream's
            // close would have, with the usage chunk and [DONE].
            closeWith(stream, translate(() => transcoder.end()));
            finish({ kind: 'completed' });
            return;
          }
          closeWith(stream, !transcoder.settled && !failed ? errorFrame(tripped.message, tripped.code) : new Uint8Array(0));
          finish({ kind: tripped.code });
          return;
        }
        let result: ByteReadResult | undefined;
        let broken: unknown;
        waitingSince = Date.now();
        idleTimer ??= setTimeout(onIdleTimer, idleMs);
        // While the upstream is quiet, the client API's keep-alive event (Anthropic's `ping`) keeps the client reading.
        const keepAlive = clientTranscoder?.keepAlive;
        const keepAliveTimer = keepAlive
          ? setInterval(() => {
              if (finished || tripped) return;
              const bytes = keepAlive.bytes();
              if (bytes.byteLength > 0) stream.enqueue(bytes);
            }, Math.min(keepAlive.intervalMs, MAX_TIMER_DELAY_MS))
          : undefined;
        try {
          result = await Promise.race([
            reader.read(),
            new Promise<undefined>((resolve) => {
              wake = () => resolve(undefined);
            }),
          ]);
        } catch (error) {
          broken = error ?? new Error('read failed');
        } finally {
          waitingSince = undefined;
          wake = undefined;
          if (keepAliveTimer !== undefined) clearInterval(keepAliveTimer);
        }
        if (finished) return;
        if (tripped) continue;
        if (broken !== undefined || result === undefined || result.done) {
          closeWith(stream, translate(() => transcoder.end()));
          if (broken !== undefined) controller.abort(new Error('upstream stream broken'));
          finish(
            broken === undefined
              ? { kind: 'completed' }
              : { kind: 'upstream_broken', detail: broken instanceof Error ? broken.message : String(broken) },
          );
          return;
        }
        const chunk = result.value;
        const output = translate(() => transcoder.push(chunk));
        if (transcoder.settled || failed) {
          // The answer is complete (or failed): whatever the upstream still sends is not needed. After a complete
          // answer its end is read (see drainThenCancel); after a failure the body is cancelled at once.
          closeWith(stream, output);
          if (failed) void reader.cancel();
          else void drainThenCancel(reader);
          finish({ kind: 'completed' });
          return;
        }
        const client = toClient(output);
        if (client.byteLength > 0) {
          stream.enqueue(client);
          return;
        }
      }
    },
    cancel() {
      controller.abort(new Error('client cancelled'));
      void reader.cancel();
      finish({ kind: 'client_cancelled' });
    },
  });
}
