import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openByteReader, readByteReader, type ByteReader, type ByteReadResult } from './open-byte-reader.js';

/** Every read of `reader` through `readByteReader`, until the end or a failure. */
function readAllWithCallbacks(reader: ByteReader): Promise<{ chunks: number[][]; failure?: unknown }> {
  const chunks: number[][] = [];
  return new Promise((resolve) => {
    const onRead = (result: ByteReadResult) => {
      if (result.done) resolve({ chunks });
      else {
        chunks.push([...result.value]);
        readByteReader(reader, onRead, onFail);
      }
    };
    const onFail = (failure: unknown) => resolve({ chunks, failure });
    readByteReader(reader, onRead, onFail);
  });
}

async function* chunksOf(parts: number[][]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Uint8Array.from(part);
}

function webStreamOf(parts: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(Uint8Array.from(part));
      controller.close();
    },
  });
}

describe('readByteReader', () => {
  it('reads every chunk of an async iterable and of a Web stream, in order, then the end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }), { maxLength: 6 }), async (parts) => {
        expect(await readAllWithCallbacks(openByteReader(chunksOf(parts)))).toEqual({ chunks: parts });
        expect(await readAllWithCallbacks(openByteReader(webStreamOf(parts)))).toEqual({ chunks: parts });
      }),
      { numRuns: 200 },
    );
  });

  it('calls back later, never during the call', async () => {
    const reader = openByteReader(chunksOf([[1]]));
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      readByteReader(
        reader,
        (result) => {
          seen.push(result.done ? 'end' : `chunk ${[...result.value].join(',')}`);
          resolve();
        },
        () => seen.push('failed'),
      );
      seen.push('returned');
    });
    await done;
    expect(seen).toEqual(['returned', 'chunk 1']);
  });

  it('reports an iterator that throws at once, or rejects, as a failure', async () => {
    const throwsAtOnce: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          throw new Error('broken at once');
        },
      }),
    };
    const rejects: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('broken later')) }),
    };
    expect(await readAllWithCallbacks(openByteReader(throwsAtOnce))).toEqual({ chunks: [], failure: new Error('broken at once') });
    expect(await readAllWithCallbacks(openByteReader(rejects))).toEqual({ chunks: [], failure: new Error('broken later') });
  });

  it('takes a value whose result leaves `done` out as a chunk, and reads the end again after it', async () => {
    let calls = 0;
    const loose: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          calls += 1;
          return Promise.resolve(calls === 1 ? ({ value: Uint8Array.of(7) } as IteratorResult<Uint8Array>) : { done: true, value: undefined });
        },
      }),
    };
    const reader = openByteReader(loose);
    expect(await readAllWithCallbacks(reader)).toEqual({ chunks: [[7]] });
    // After its end, the iterator is not asked again: every read is the end.
    expect(await readAllWithCallbacks(reader)).toEqual({ chunks: [] });
    expect(await reader.read()).toEqual({ done: true });
    expect(calls).toBe(2);
  });
});
