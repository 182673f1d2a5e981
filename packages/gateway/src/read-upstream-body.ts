import { concatBytes } from './concat-bytes.js';
import { MAX_TIMER_DELAY_MS } from './create-deadline.js';
import type { UpstreamResponse } from './gateway-exchange.js';
import type { LazyAbortController } from './lazy-abort-controller.js';
import { openByteReader, type ByteReadResult } from './open-byte-reader.js';

export type ReadUpstreamBodyResult =
  | { ok: true; text: string; truncated: boolean }
  | { ok: false; reason: 'idle_timeout' | 'aborted' | 'broken' | 'too_large' };

export interface ReadUpstreamBodyOptions {
  /** Aborted by the client, the deadline or the idle timer; aborting cancels the body. */
  controller: LazyAbortController;
  /** Longest wait for the next bytes. */
  idleTimeoutMs: number;
  /** Most bytes read. */
  maxBytes: number;
  /** At `maxBytes`: keep what was read and stop (`truncated`), instead of failing with `too_large`. */
  truncate?: boolean;
}

/** Decodes whole bodies only (never `stream: true`), so one decoder serves every request. */
const decoder = new TextDecoder();

/** The bytes read, as text: decoded once at the end (a streaming decode per chunk costs more in Node 20). */
function decodeParts(parts: readonly Uint8Array[], size: number): string {
  if (parts.length === 0) return '';
  return decoder.decode(parts.length === 1 ? parts[0] : concatBytes(parts, size));
}

/**
 * Reads an upstream reply body as text with the gateway's guards: no more than `maxBytes`, no wait longer than
 * `idleTimeoutMs` for the next bytes, and an end as soon as the controller aborts. Never throws.
 */
export async function readUpstreamBody(response: UpstreamResponse, options: ReadUpstreamBodyOptions): Promise<ReadUpstreamBodyResult> {
  const { controller, idleTimeoutMs, maxBytes } = options;
  if (!response.body) return { ok: true, text: '', truncated: false };
  const reader = openByteReader(response.body);
  const parts: Uint8Array[] = [];
  let size = 0;
  let idle = false;
  let rejectRead: ((error: unknown) => void) | undefined;
  const stopWatching = controller.onAbort(() => rejectRead?.(controller.reason));
  try {
    for (;;) {
      if (controller.aborted) return { ok: false, reason: 'aborted' };
      const timer = setTimeout(() => {
        idle = true;
        controller.abort(new Error('upstream idle timeout'));
      }, Math.min(idleTimeoutMs, MAX_TIMER_DELAY_MS));
      let result: ByteReadResult;
      try {
        result = await Promise.race([
          reader.read(),
          new Promise<never>((_resolve, reject) => {
            rejectRead = reject;
          }),
        ]);
      } catch {
        return { ok: false, reason: idle ? 'idle_timeout' : controller.aborted ? 'aborted' : 'broken' };
      } finally {
        clearTimeout(timer);
        rejectRead = undefined;
      }
      if (result.done) return { ok: true, text: decodeParts(parts, size), truncated: false };
      size += result.value.byteLength;
      if (size > maxBytes) {
        if (!options.truncate) return { ok: false, reason: 'too_large' };
        parts.push(result.value.subarray(0, result.value.byteLength - (size - maxBytes)));
        return { ok: true, text: decodeParts(parts, maxBytes), truncated: true };
      }
      parts.push(result.value);
    }
  } finally {
    stopWatching();
    void reader.cancel();
  }
}
