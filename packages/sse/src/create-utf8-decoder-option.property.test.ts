/// <reference types="node" />
/**
 * `createUtf8Decoder` (how bytes become text; the Node adapter passes a `StringDecoder`) and the default (whole
 * characters through a shared `TextDecoder`): on any byte stream — valid UTF-8 SSE with multi-byte text, a leading
 * byte order mark or not, invalid and truncated sequences — split anywhere, with strings mixed in, over two streams on
 * one decoder, the events, comments and errors are exactly those of a streaming `TextDecoder`, the Encoding
 * Standard's decoder itself.
 */
import fc from 'fast-check';
import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { createSseDecoder, type SseDecoderOptions } from './create-sse-decoder.js';
import type { Utf8StreamDecoderFactory } from './utf8-stream-decoder.js';
import { cutBytesAt, joinBytes } from '../test/bytes-cut-anywhere.js';

const utf8 = new TextEncoder();
const stringDecoder: Utf8StreamDecoderFactory = () => {
  const decoder = new StringDecoder('utf8');
  return { write: (bytes) => decoder.write(bytes as Buffer), end: () => decoder.end() };
};

/** The reference: a streaming `TextDecoder` (the SSE decoder strips the leading byte order mark itself). */
const streamingTextDecoder: Utf8StreamDecoderFactory = () => {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
};

type Piece = Uint8Array | string;
/** Everything the decoder reports, in order, for pieces pushed then `end` — twice over, on one decoder. */
function run(streams: Piece[][], options: SseDecoderOptions = {}): unknown[] {
  const seen: unknown[] = [];
  const decoder = createSseDecoder((event) => seen.push(['event', event]), { ...options, onComment: (comment) => seen.push(['comment', comment]) });
  for (const pieces of streams) {
    for (const piece of pieces) decoder.push(piece);
    decoder.end();
    seen.push('end');
  }
  return seen;
}

const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('é', '日本', '🙂', '\ufeff'));
const sseText = fc
  .array(fc.tuple(fc.constantFrom('data: ', 'event: ', ': ', 'id: '), text), { maxLength: 6 })
  .map((lines) => lines.map(([field, value]) => `${field}${value.replace(/[\r\n]/g, ' ')}\n`).join('') + '\n');
/** Bytes of SSE text (maybe after a byte order mark), with random bytes (invalid or truncated sequences) mixed in. */
const streamBytes = fc
  .tuple(fc.boolean(), fc.array(fc.oneof({ weight: 4, arbitrary: sseText.map((t) => utf8.encode(t)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 6 }) }), { maxLength: 5 }))
  .map(([bom, parts]) => joinBytes([...(bom ? [new Uint8Array([0xef, 0xbb, 0xbf])] : []), ...parts]));
/** The bytes cut at the given points, with a string (possibly starting with U+FEFF) sometimes pushed in between. */
const pieces = fc.tuple(streamBytes, fc.array(fc.nat(), { maxLength: 6 }), fc.option(fc.constantFrom('data: s\n\n', '\ufeffdata: t\n\n', ': c\n'))).map(([bytes, cuts, extra]) => {
  const out: Piece[] = cutBytesAt(bytes, cuts);
  if (extra !== null) out.splice(Math.min(1, out.length), 0, extra);
  return out;
});

describe('the createUtf8Decoder option', () => {
  it('reports exactly what a streaming TextDecoder reports, with a StringDecoder and by default, on any bytes split anywhere', () => {
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 2 }), (streams) => {
        const reference = run(streams, { createUtf8Decoder: streamingTextDecoder });
        expect(run(streams, { createUtf8Decoder: stringDecoder })).toEqual(reference);
        expect(run(streams)).toEqual(reference);
      }),
      { numRuns: 600 },
    );
  });

  it('strips a leading byte order mark, even split across pushes, and only at the start', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const stream = [new Uint8Array(bom.slice(0, 2)), new Uint8Array([bom[2]!, ...utf8.encode('data: a\n\n'), ...bom, ...utf8.encode('data: b\n\n')])];
    expect(run([stream], { createUtf8Decoder: stringDecoder })).toEqual([['event', { data: 'a' }], 'end']);
    // The second byte order mark is not at the start: it belongs to the next line's field name.
    expect(run([stream])).toEqual([['event', { data: 'a' }], 'end']);
    expect(run([stream], { createUtf8Decoder: streamingTextDecoder })).toEqual([['event', { data: 'a' }], 'end']);
  });

  it('uses the decoder it is given', () => {
    let writes = 0;
    const counting: Utf8StreamDecoderFactory = () => {
      const inner = stringDecoder();
      return { write: (bytes) => (writes++, inner.write(bytes)), end: () => inner.end() };
    };
    expect(run([[utf8.encode('data: x\n\n')]], { createUtf8Decoder: counting })).toEqual([['event', { data: 'x' }], 'end']);
    expect(writes).toBe(1);
  });
});
