import type { GatewayLogLine } from '@interlingua/gateway';

/** How long a line may wait to be written with the lines after it. */
export const FLUSH_AFTER_MS = 10;
/** Lines waiting, joined; written at once past this many characters. */
const FLUSH_AT_CHARS = 64 * 1024;

let pending = '';
let timer: ReturnType<typeof setTimeout> | undefined;
let exitListenerAdded = false;

/**
 * The Node adapter's log (`createNodeRequestListener`'s default `log`, and `interlingua serve`'s): one JSON line per
 * request on stdout. Lines are joined and written together with one `process.stdout.write` at most 10 ms after the
 * first of them (`FLUSH_AFTER_MS`), or at once when 64 KiB are waiting. Against the gateway core's runtime-neutral
 * default, `console.log` per line (which formats its arguments, checks colour support and adds and removes an `error`
 * listener on every call), this took about 10 µs of CPU per request off `serve` and about 34 µs off the Express arm
 * (BENCHMARKS.md, items 30 and 35); with stdout a pipe, one write per 10 ms instead of one per event-loop turn took
 * about 15 µs more off `serve` at c=8.
 *
 * The lines not yet written when the process exits (`process.exit`, a signal's stop, an uncaught exception) are
 * written first: stdout on a file, a pipe or a terminal is written synchronously by Node on Linux. A process killed
 * outright (`SIGKILL`, the kernel's OOM killer) loses at most its last 10 ms of lines. The timer does not keep the
 * process alive. As with `console.log`, a stdout that cannot be written (a closed pipe) does not stop the process, and
 * no listener stays on `process.stdout` (see `writeToStdout`).
 */
export function writeLogLineToStdout(line: GatewayLogLine): void {
  if (!exitListenerAdded) {
    exitListenerAdded = true;
    process.on('exit', flushLogLines);
  }
  pending += `${JSON.stringify(line)}\n`;
  if (pending.length >= FLUSH_AT_CHARS) flushLogLines();
  else if (timer === undefined) {
    timer = setTimeout(flushLogLines, FLUSH_AFTER_MS);
    timer.unref();
  }
}

/** Writes the lines waiting, if any (the timer, a full batch, the process's exit). */
export function flushLogLines(): void {
  if (timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
  }
  if (pending === '') return;
  const text = pending;
  pending = '';
  writeToStdout(text);
}

function ignore(): void {}

/** Whether the write under way reported a failure to its callback before returning. */
let failedDuringWrite = false;

/**
 * One write to stdout whose failure is ignored, as `console.log` ignores it, without leaving a listener on stdout:
 * an `error` listener is on stdout only during the write (a synchronous failure) and, when the write's callback
 * reports a failure, until the `error` event that follows it (Node calls the callback first). With a listener of the
 * application's own on stdout, the application decides.
 */
function writeToStdout(text: string): void {
  const stdout = process.stdout;
  const guarded = stdout.listenerCount('error') === 0;
  if (guarded) stdout.once('error', ignore);
  failedDuringWrite = false;
  try {
    stdout.write(text, afterWrite);
  } catch {
    // A stdout that throws (already destroyed) loses these lines, as console.log would.
  }
  // A failure reported during the write is followed by its `error` event: the listener stays for it (and goes with it).
  if (guarded && !failedDuringWrite) stdout.removeListener('error', ignore);
}

function afterWrite(error: Error | null | undefined): void {
  if (!error) return;
  failedDuringWrite = true;
  if (process.stdout.listenerCount('error') === 0) process.stdout.once('error', ignore);
}
