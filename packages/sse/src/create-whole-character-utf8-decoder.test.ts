import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutBytesAt, joinBytes } from '../test/bytes-cut-anywhere.js';
import { createWholeCharacterUtf8Decoder, incompleteUtf8TailStart } from './create-whole-character-utf8-decoder.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = new TextEncoder();

/** What a streaming `TextDecoder` (the Encoding Standard's decoder, byte order marks kept) makes of the pieces. */
function streamingTextDecoder(pieces: Uint8Array[]): string[] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return [...pieces.map((piece) => decoder.decode(piece, { stream: true })), decoder.decode()];
}

function wholeCharacterDecoder(pieces: Uint8Array[], decoder = createWholeCharacterUtf8Decoder()): string[] {
  return [...pieces.map((piece) => decoder.write(piece)), decoder.end()];
}

describe('incompleteUtf8TailStart', () => {
  it('finds the start of an incomplete sequence at the end', () => {
    expect(incompleteUtf8TailStart(bytes(0x61, 0xc3))).toBe(1); // é's first byte
    expect(incompleteUtf8TailStart(bytes(0x61, 0xe2, 0x82))).toBe(1); // € without its last byte
    expect(incompleteUtf8TailStart(bytes(0xf0, 0x9f, 0x99))).toBe(0); // 🙂 without its last byte
    expect(incompleteUtf8TailStart(bytes(0xf0))).toBe(0);
  });

  it('says the bytes end whole after a complete character, ASCII, or bytes no later chunk can complete', () => {
    expect(incompleteUtf8TailStart(bytes())).toBe(0);
    expect(incompleteUtf8TailStart(bytes(0x61, 0x62))).toBe(2);
    expect(incompleteUtf8TailStart(bytes(0xc3, 0xa9))).toBe(2);
    expect(incompleteUtf8TailStart(bytes(0x61, 0xf0, 0x9f, 0x99, 0x82))).toBe(5);
    expect(incompleteUtf8TailStart(bytes(0x80, 0x80, 0x80))).toBe(3); // stray continuation bytes
    expect(incompleteUtf8TailStart(bytes(0x61, 0xc0))).toBe(2); // never a lead byte
    expect(incompleteUtf8TailStart(bytes(0x61, 0xf5))).toBe(2);
    expect(incompleteUtf8TailStart(bytes(0x61, 0xff))).toBe(2);
  });
});

describe('createWholeCharacterUtf8Decoder', () => {
  it('joins a character split across chunks, and keeps a byte order mark as text', () => {
    const euro = utf8.encode('€');
    const pieces = [bytes(0xef, 0xbb, 0xbf, 0x61, euro[0]!), bytes(euro[1]!), bytes(euro[2]!, 0x62)];
    expect(wholeCharacterDecoder(pieces)).toEqual(['\ufeffa', '', '€b', '']);
  });

  it('ends an incomplete character as U+FFFD, then starts over', () => {
    const decoder = createWholeCharacterUtf8Decoder();
    expect(decoder.write(bytes(0x61, 0xe2, 0x82))).toBe('a');
    expect(decoder.end()).toBe('\ufffd');
    expect(decoder.write(bytes(0x82, 0x61))).toBe('\ufffda');
    expect(decoder.end()).toBe('');
  });

  it('does not keep a reference to the caller’s chunk', () => {
    const decoder = createWholeCharacterUtf8Decoder();
    const chunk = bytes(0x61, 0xc3);
    expect(decoder.write(chunk)).toBe('a');
    chunk[1] = 0x00; // the caller reuses its buffer
    expect(decoder.write(bytes(0xa9))).toBe('é');
  });

  it('gives exactly the text of a streaming TextDecoder, on any bytes split anywhere, over two streams', () => {
    // Valid text of every width, a byte order mark, and random bytes: invalid and truncated sequences, overlong and
    // surrogate forms, bytes out of the second byte's range (E0 80, ED A0, F4 90).
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((text) => utf8.encode(text)),
      fc.constantFrom(utf8.encode('é日本🙂'), bytes(0xef, 0xbb, 0xbf), bytes(0xe0, 0x80), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90), bytes(0xc0, 0xaf)),
      fc.uint8Array({ maxLength: 8 }),
    );
    const stream = fc.tuple(fc.array(piece, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 })).map(([parts, cuts]) => cutBytesAt(joinBytes(parts), cuts));
    fc.assert(
      fc.property(fc.array(stream, { minLength: 1, maxLength: 2 }), (streams) => {
        const decoder = createWholeCharacterUtf8Decoder();
        for (const pieces of streams) {
          // The same text in all; a piece's text may arrive one piece later (at most 3 bytes are held).
          expect(wholeCharacterDecoder(pieces, decoder).join('')).toBe(streamingTextDecoder(pieces).join(''));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('holds back at most the bytes a later chunk may complete', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (chunk) => {
        const start = incompleteUtf8TailStart(chunk);
        expect(chunk.length - start).toBeLessThanOrEqual(3);
        // Whatever is decoded now is what the streaming decoder has already given out for these bytes.
        const streaming = new TextDecoder('utf-8', { ignoreBOM: true }).decode(chunk, { stream: true });
        const now = createWholeCharacterUtf8Decoder().write(chunk);
        expect(streaming.startsWith(now)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
