/// <reference types="node" />
/**
 * Byte-split invariance: the hub stream of a fixture cut into arbitrary pieces (inside UTF-8 characters, inside
 * CRLF, one byte at a time) gives exactly the bytes it gives when fed whole.
 */
import { fc, test } from '@fast-check/vitest';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { expect } from 'vitest';
import { createResponsesTranscoder } from './create-responses-transcoder.js';
import { responsesContext } from '../test/responses-test-context.js';

const hubs = loadFixtureCases(fixturesRoot())
  .filter((c) => c.expectedResponse.kind === 'sse')
  .map((c) => new TextEncoder().encode((c.expectedResponse as { text: string }).text));

function run(pieces: Uint8Array[]): string {
  const transcoder = createResponsesTranscoder(responsesContext(), createFixedEnvironment({ now: 1 }));
  const decoder = new TextDecoder();
  let text = '';
  for (const piece of pieces) text += decoder.decode(transcoder.push(piece), { stream: true });
  return text + decoder.decode(transcoder.end());
}

const split = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
};

test.prop([fc.integer({ min: 0, max: hubs.length - 1 }), fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 300 })(
  'the output does not depend on how the hub bytes are split',
  (which, cuts) => {
    const bytes = hubs[which]!;
    expect(run(split(bytes, cuts))).toBe(run([bytes]));
  },
);

test('one byte at a time equals whole, on every fixture', () => {
  for (const bytes of hubs) {
    const singles = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(run(singles)).toBe(run([bytes]));
  }
});
