import type { OpenAIErrorEnvelope } from '@interlingua/openai-schema';
import type { UpstreamStreamTranscoder } from './bridges/provider-bridge.js';
import { MAX_TIMER_DELAY_MS, type Deadline } from './create-deadline.js';
import type { ByteSource } from './gateway-exchange.js';
import { openByteReader, type ByteReadResult } from './open-byte-reader.js';

/** How a supervised stream ended (for the log). */
export type StreamOutcome =
  | { kind: 'completed' }
  | { kind: 'upstream_broken'; detail: string }
  | { kind: 'upstream_idle_timeout' }
  | { kind: 'request_timeout' }
  | { kind: 'client_cancelled' };

export interface SuperviseUpstreamStreamOptions {
  transcoder: UpstreamStreamTranscoder;
  /** Aborts the upstream request (fetch and body). */
  controller: AbortController;
  deadline: Deadline;
  /** Longest wait for the next upstream bytes. */
  idleTimeoutMs: number;
  /** Called once, when the client stream is over for any reason. */
  onFinish: (outcome: StreamOutcome) => void;
}

const encoder = new TextEncoder();

function errorFrame(message: string, code: string): Uint8Array {
  const envelope: OpenAIErrorEnvelope = { error: { message, type: 'timeout_error', param: null, code } };
  return encoder.encode(`data: ${JSON.stringify(envelope)}\n\n`);
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
 * - the client going away (cancel) aborts the upstream.
 *
 * `onFinish` runs exactly once in every case.
 */
export function superviseUpstreamStream(upstream: ByteSource, options: SuperviseUpstreamStreamOptions): ReadableStream<Uint8Array> {
  const { transcoder, controller, deadline, idleTimeoutMs } = options;
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

  return new ReadableStream<Uint8Array>(
    {
      async pull(stream) {
        for (;;) {
          if (tripped) {
            if (transcoder.complete === true && !transcoder.settled && !failed) {
              // The answer is whole (a Gemini stream that stalls after its finish reason): end it as the upstream's
              // close would have, with the usage chunk and [DONE].
              const rest = translate(() => transcoder.end());
              if (rest.byteLength > 0) stream.enqueue(rest);
              stream.close();
              finish({ kind: 'completed' });
              return;
            }
            if (!transcoder.settled && !failed) stream.enqueue(errorFrame(tripped.message, tripped.code));
            stream.close();
            finish({ kind: tripped.code });
            return;
          }
          let result: ByteReadResult | undefined;
          let broken: unknown;
          waitingSince = Date.now();
          idleTimer ??= setTimeout(onIdleTimer, idleMs);
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
          }
          if (finished) return;
          if (tripped) continue;
          if (broken !== undefined || result === undefined || result.done) {
            const rest = translate(() => transcoder.end());
            if (rest.byteLength > 0) stream.enqueue(rest);
            stream.close();
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
          if (output.byteLength > 0) stream.enqueue(output);
          if (transcoder.settled || failed) {
            // The answer is complete (or failed): whatever the upstream still sends is not needed.
            stream.close();
            void reader.cancel();
            finish({ kind: 'completed' });
            return;
          }
          if (output.byteLength > 0) return;
        }
      },
      cancel() {
        controller.abort(new Error('client cancelled'));
        void reader.cancel();
        finish({ kind: 'client_cancelled' });
      },
    },
    { highWaterMark: 0 },
  );
}
