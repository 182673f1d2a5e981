import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createSseDecoder } from './create-sse-decoder.js';
import { encodeSseEvent } from './encode-sse-event.js';
import type { SseEvent } from './sse-event.js';
import { joinBytes } from '../test/bytes-cut-anywhere.js';

/** Characters that stress SSE framing, mixed with any code point (astral ones included, lone surrogates excluded). */
const tricky = fc.constantFrom('\n', '\r', '\r\n', ':', ' ', 'data: ', 'event:', '\uFEFF', 'é', '€', '😀', '\0');
const anyCharacter = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const data = fc.string({ unit: fc.oneof(anyCharacter, tricky), maxLength: 40 });
const nameCharacter = fc.oneof(anyCharacter, fc.constantFrom(':', ' ', 'é', '😀')).filter((c) => !/[\r\n]/.test(c));
const name = fc.string({ unit: nameCharacter, minLength: 1, maxLength: 12 });
const id = fc.string({ unit: nameCharacter.filter((c) => c !== '\0'), maxLength: 8 });

const event: fc.Arbitrary<SseEvent> = fc.record({ event: name, data, id }, { requiredKeys: ['data'] });
const events = fc.array(event, { maxLength: 12 });
/** Cut points as fractions of the input length, so any byte offset can be reached whatever the length. */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 16 });

/** SSE cannot carry CR in data: the decoder reads every line break back as LF. */
function expected(input: SseEvent[]): SseEvent[] {
  return input.map((e) => ({ ...e, data: e.data.replace(/\r\n|\r/g, '\n') }));
}

function split(bytes: Uint8Array, fractions: number[]): Uint8Array[] {
  const offsets = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  return chunks;
}

function decodeChunks(chunks: Uint8Array[]): SseEvent[] {
  const decoded: SseEvent[] = [];
  const decoder = createSseDecoder((e) => decoded.push(e));
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return decoded;
}

const utf8 = new TextEncoder();

describe('decode(encode(events)) round trip', () => {
  test.prop([events, cuts], { numRuns: 500 })('with LF framing and any byte-level split', (input, fractions) => {
    const bytes = joinBytes(input.map((e) => encodeSseEvent(e)));
    expect(decodeChunks(split(bytes, fractions))).toEqual(expected(input));
  });

  test.prop([events, cuts, fc.constantFrom('\r\n', '\r')], { numRuns: 500 })(
    'with CRLF or lone-CR framing and any byte-level split',
    (input, fractions, lineEnd) => {
      // The encoder turns every line break of the data into a new data line, so every LF in its output is framing.
      const text = input.map((e) => new TextDecoder().decode(encodeSseEvent(e))).join('');
      const bytes = utf8.encode(text.replaceAll('\n', lineEnd));
      expect(decodeChunks(split(bytes, fractions))).toEqual(expected(input));
    },
  );

  test.prop([fc.array(event, { minLength: 1, maxLength: 6 }), cuts, fc.constantFrom('\n', '\r\n', '\r')], {
    numRuns: 300,
  })('when the stream ends without the last blank line (or without any final line end)', (input, fractions, lineEnd) => {
    const text = input.map((e) => new TextDecoder().decode(encodeSseEvent(e))).join('').replaceAll('\n', lineEnd);
    const trimmed = [text.slice(0, -lineEnd.length), text.slice(0, -2 * lineEnd.length)];
    for (const body of trimmed) {
      expect(decodeChunks(split(utf8.encode(body), fractions))).toEqual(expected(input));
    }
  });
});
