const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Formats a payload as the `data:` lines of one event, followed by the blank line that ends the event:
 * `data: ${data}\n\n`.
 *
 * The fast path is a single-line payload such as the output of `JSON.stringify` (which never contains a raw line
 * break). A payload with line breaks (`\n`, `\r\n` or `\r`) is written as one `data:` line per line, so it can never
 * break the framing. SSE cannot carry a carriage return inside data: a decoder reads every `\r\n` or `\r` back as `\n`.
 */
export function formatSseData(data: string): string {
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) {
    return `data: ${data}\n\n`;
  }
  return `data: ${data.replace(LINE_BREAK, '\ndata: ')}\n\n`;
}
