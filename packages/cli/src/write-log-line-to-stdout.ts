import type { GatewayLogLine } from '@interlingua/gateway';

/** How long a line may wait to be written with the lines after it. */
export const FLUSH_AFTER_MS = 10;
/** Lines waiting, joined; written at once past this many characters. */
const FLUSH_AT_CHARS = 64 * 1024;

let pending = '';
let timer: ReturnType<typeof setTimeout> | undefined;
let installed = false;

/**
 * `interlingua serve`'s log: one JSON line per request on stdout. Lines are joined and written together with one
 * `process.stdout.write` at most 10 ms after the first of them (`FLUSH_AFTER_MS`), or at once when 64 KiB are
 * waiting. With stdout a pipe, as under a container runtime or a service manager, one write per event-loop turn cost
 * about 15 µs of CPU per request more than one write per 10 ms at c=8 (148 against 133 µs, 10 interleaved rounds;
 * BENCHMARKS.md, item 30); on /dev/null the two are within the machine's spread. The lines not yet written when the
 * process exits (`process.exit`, a signal's stop, an uncaught exception) are written first: stdout on a file, a pipe
 * or a terminal is written synchronously by Node on Linux. A process killed outright (`SIGKILL`, the kernel's OOM
 * killer) loses at most its last 10 ms of lines. The timer does not keep the process alive.
 *
 * `console.log`, the gateway's default, costs about 10 µs more CPU per request in `serve` (it formats its arguments,
 * checks colour support and adds and removes an `error` listener on every call). Like `console.log`, a stdout that
 * cannot be written (a closed pipe) does not stop the gateway: the process is `serve`'s own, so one listener that
 * ignores stdout's errors is added the first time.
 */
export function writeLogLineToStdout(line: GatewayLogLine): void {
  if (!installed) {
    installed = true;
    process.stdout.on('error', () => {});
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
  process.stdout.write(text);
}
