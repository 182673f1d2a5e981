import { formatSseData } from './format-sse-data.js';
import type { SseDone, SseEvent } from './sse-event.js';

const LINE_BREAK_CHARACTER = /[\r\n]/;
const INVALID_ID_CHARACTER = /[\r\n\0]/;

/**
 * Formats one event as `text/event-stream` text: `event: <name>\n` (when `event` is a non-empty string), then
 * `id: <id>\n` (when `id` is defined), then one `data: ` line per line of `data` (see {@link formatSseData}), then a
 * blank line. The sentinel `'[DONE]'` becomes `data: [DONE]\n\n`.
 *
 * @throws TypeError if `event` contains a line break, or `id` contains a line break or NUL: either would corrupt
 *   the framing (or, for NUL, make decoders drop the id).
 */
export function formatSseEvent(event: SseEvent | SseDone): string {
  if (event === '[DONE]') {
    return 'data: [DONE]\n\n';
  }
  let head = '';
  const name = event.event;
  if (name !== undefined && name !== '') {
    if (LINE_BREAK_CHARACTER.test(name)) {
      throw new TypeError('An SSE event name cannot contain a line break');
    }
    head = `event: ${name}\n`;
  }
  const id = event.id;
  if (id !== undefined) {
    if (INVALID_ID_CHARACTER.test(id)) {
      throw new TypeError('An SSE event id cannot contain a line break or NUL');
    }
    head += `id: ${id}\n`;
  }
  return head + formatSseData(event.data);
}
