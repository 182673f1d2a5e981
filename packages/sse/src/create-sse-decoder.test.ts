import { ParseError } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { createSseDecoder, type SseDecoderOptions } from './create-sse-decoder.js';
import type { SseEvent } from './sse-event.js';

const utf8 = new TextEncoder();

/** Pushes every chunk, then ends the stream, and returns the events in order. */
function decode(chunks: Array<Uint8Array | string>, options?: SseDecoderOptions): SseEvent[] {
  const events: SseEvent[] = [];
  const decoder = createSseDecoder((event) => events.push(event), options);
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return events;
}

describe('createSseDecoder', () => {
  it('decodes data-only events framed with LF', () => {
    expect(decode(['data: {"a":1}\n\ndata: {"b":2}\n\n'])).toEqual([{ data: '{"a":1}' }, { data: '{"b":2}' }]);
  });

  it('dispatches each event synchronously, before push returns', () => {
    const events: SseEvent[] = [];
    const decoder = createSseDecoder((event) => events.push(event));
    decoder.push('data: one\n\n');
    expect(events).toEqual([{ data: 'one' }]);
    decoder.push('data: two\n');
    expect(events).toHaveLength(1);
    decoder.push('\n');
    expect(events).toEqual([{ data: 'one' }, { data: 'two' }]);
  });

  it('reads event names, ids and multi-line data, without undefined members', () => {
    const events = decode([
      'event: message_start\ndata: {"type":"message_start"}\n\n',
      'id: 7\nevent: ping\ndata: a\ndata:b\ndata:  c\n\n',
    ]);
    expect(events).toStrictEqual([
      { event: 'message_start', data: '{"type":"message_start"}' },
      { event: 'ping', id: '7', data: 'a\nb\n c' },
    ]);
  });

  it('ignores comments and reports them to onComment', () => {
    const comments: string[] = [];
    const events = decode([': keep-alive\n\n:x\ndata: 1\n: inside\n\n'], { onComment: (c) => comments.push(c) });
    expect(events).toEqual([{ data: '1' }]);
    expect(comments).toEqual(['keep-alive', 'x', 'inside']);
  });

  it('ignores unknown fields, reporting them to onError, and reports retry', () => {
    const errors: string[] = [];
    const retries: number[] = [];
    const events = decode(['foo: bar\nretry: 1500\ndata: x\n\n'], {
      onError: (error) => errors.push(`${error.type}:${error.field}`),
      onRetry: (retry) => retries.push(retry),
    });
    expect(events).toEqual([{ data: 'x' }]);
    expect(errors).toEqual(['unknown-field:foo']);
    expect(retries).toEqual([1500]);
  });

  it('does not dispatch an event that has no data line', () => {
    expect(decode(['event: ping\n\nid: 3\n\ndata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('treats CRLF and lone CR as line ends (Gemini frames events with CRLF)', () => {
    expect(decode(['data: {"a":1}\r\n\r\ndata: {"b":2}\r\n\r\n'])).toEqual([{ data: '{"a":1}' }, { data: '{"b":2}' }]);
    expect(decode(['event: e\rdata: 1\rdata: 2\r\r'])).toEqual([{ event: 'e', data: '1\n2' }]);
    expect(decode(['data: a\n\rdata: b\r\n\n'])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('joins a CR at the end of one chunk with an LF at the start of the next into one line end', () => {
    // Were the CR and LF two line ends, the LF would be a blank line and split this into two events.
    expect(decode(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([{ data: 'a\nb' }]);
    expect(decode([utf8.encode('data: a\r'), utf8.encode('\n\r'), utf8.encode('\ndata: b\r\n\r\n')])).toEqual([
      { data: 'a' },
      { data: 'b' },
    ]);
  });

  it('dispatches a CRLF-terminated event as soon as its final LF arrives', () => {
    const events: SseEvent[] = [];
    const decoder = createSseDecoder((event) => events.push(event));
    decoder.push('data: a\r\n\r');
    decoder.push('\n');
    expect(events).toEqual([{ data: 'a' }]);
  });

  it('reassembles a multi-byte character split across byte chunks', () => {
    const bytes = utf8.encode('data: é€😀\n\n');
    // Cut inside every character: é is 2 bytes, € 3, 😀 4.
    const cuts = [7, 9, 10, 12, 13, 14];
    const chunks: Uint8Array[] = [];
    let start = 0;
    for (const cut of [...cuts, bytes.length]) {
      chunks.push(bytes.subarray(start, cut));
      start = cut;
    }
    expect(decode(chunks)).toEqual([{ data: 'é€😀' }]);
    expect(decode([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual([{ data: 'é€😀' }]);
  });

  it('ends a final event that has no blank line, on end()', () => {
    expect(decode(['data: last\n'])).toEqual([{ data: 'last' }]);
    expect(decode(['data: last'])).toEqual([{ data: 'last' }]);
    expect(decode(['event: e\ndata: 1\ndata: 2\r\n'])).toEqual([{ event: 'e', data: '1\n2' }]);
    expect(decode(['data: a\r\rdata: last\r'])).toEqual([{ data: 'a' }, { data: 'last' }]);
    expect(decode(['data: a\r\n\r'])).toEqual([{ data: 'a' }]);
  });

  it('does not dispatch anything more on end() after a complete stream', () => {
    expect(decode(['data: a\n\n'])).toEqual([{ data: 'a' }]);
    expect(decode(['data: a\r\n\r\n'])).toEqual([{ data: 'a' }]);
    expect(decode(['data: a\r\r'])).toEqual([{ data: 'a' }]);
  });

  it('decodes an empty stream to no events', () => {
    expect(decode([])).toEqual([]);
    expect(decode(['', new Uint8Array(0)])).toEqual([]);
    expect(decode(['\n\n\r\n: only a comment\n'])).toEqual([]);
  });

  it('passes the [DONE] sentinel through as data', () => {
    expect(decode(['data: {"x":1}\n\ndata: [DONE]\n\n'])).toEqual([{ data: '{"x":1}' }, { data: '[DONE]' }]);
  });

  it('skips a UTF-8 byte order mark at the start of the stream', () => {
    expect(decode([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf), utf8.encode('data: x\n\n')])).toEqual([{ data: 'x' }]);
    expect(decode(['\uFEFFdata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('accepts strings and bytes in the same stream', () => {
    expect(decode(['data: a', utf8.encode('b\n'), '\n'])).toEqual([{ data: 'ab' }]);
    // A string pushed while a character is incomplete turns that character into U+FFFD.
    expect(decode([Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0xe2, 0x82), '\n\n'])).toEqual([{ data: '\uFFFD' }]);
  });

  it('is back in its initial state after end()', () => {
    const events: SseEvent[] = [];
    const decoder = createSseDecoder((event) => events.push(event));
    decoder.push('event: a\ndata: 1');
    decoder.end();
    decoder.push(utf8.encode('data: 2\n\n'));
    decoder.end();
    expect(events).toEqual([{ event: 'a', data: '1' }, { data: '2' }]);
  });

  it('throws a max-buffer-size-exceeded ParseError when one event outgrows maxBufferSize', () => {
    const events: SseEvent[] = [];
    const decoder = createSseDecoder((event) => events.push(event), { maxBufferSize: 16 });
    decoder.push('data: short\n\n');
    let thrown: unknown;
    try {
      decoder.push(`data: ${'x'.repeat(32)}`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    expect((thrown as ParseError).type).toBe('max-buffer-size-exceeded');
    decoder.end();
    decoder.push('data: again\n\n');
    expect(events).toEqual([{ data: 'short' }, { data: 'again' }]);
  });
});

describe('createSseDecoder with large byte chunks', () => {
  it('decodes a chunk larger than its 64 KiB decoding slice, with characters across the slice boundaries', () => {
    const payloads = Array.from({ length: 6000 }, (_, i) => `{"i":${i},"text":"é€😀 ${'x'.repeat(i % 13)}"}`);
    const bytes = new TextEncoder().encode(payloads.map((p) => `data: ${p}\r\n\r\n`).join(''));
    expect(bytes.length).toBeGreaterThan(3 * 65_536);
    const boundaries = [1, 2, 3].map((k) => k * 65_536);
    // At least one slice boundary falls inside a multi-byte character (on a UTF-8 continuation byte).
    expect(boundaries.some((b) => ((bytes[b] ?? 0) & 0xc0) === 0x80)).toBe(true);
    const events: SseEvent[] = [];
    const decoder = createSseDecoder((event) => events.push(event));
    decoder.push(bytes);
    decoder.end();
    expect(events.map((event) => event.data)).toEqual(payloads);
  });
});
