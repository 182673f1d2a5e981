import type { GatewayLogLine } from '@interlingua/gateway';

/** Lines waiting for the end of the event-loop turn, joined; written at once past this many characters. */
const FLUSH_AT_CHARS = 64 * 1024;

let pending = '';
let scheduled = false;
let installed = false;

/**
 * `interlingua serve`'s log: one JSON line per request on stdout. The lines of one event-loop turn are written
 * together with one `process.stdout.write` once the turn's I/O callbacks have run (`setImmediate`): under load a turn
 * answers several requests, and one write per turn instead of one per request took about 7 µs of CPU off each
 * request at c=8 with stdout a pipe, as under a container runtime or a service manager (136 → 129 µs; with stdout on
 * /dev/null, within noise: BENCHMARKS.md, item 27). A line is never held longer than that turn, nor past 64 KiB of waiting
 * lines, and the lines not yet written when the process exits (`process.exit`, a signal's stop, an uncaught
 * exception) are written first: stdout on a file, a pipe or a terminal is written synchronously by Node on Linux.
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
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flushLogLines);
  }
}

/** Writes the lines waiting, if any (the end of a turn, a full batch, the process's exit). */
export function flushLogLines(): void {
  scheduled = false;
  if (pending === '') return;
  const text = pending;
  pending = '';
  process.stdout.write(text);
}
