/// <reference types="node" />
/**
 * `ReadableByteSource` against Node's own `readable[Symbol.asyncIterator]()` (the reference it replaces): for any
 * sequence of writes, pauses between them, a reader that is fast or slow, and any ending (end, error, destroy without
 * an error, the reader stopping early), the bytes read, the outcome, and whether the stream is destroyed when the
 * reader stops early are the same (but for one case, said below). Chunk boundaries may differ (Node's iterator joins
 * what is buffered).
 */
import fc from 'fast-check';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ReadableByteSource } from './readable-byte-source.js';

type Step = { kind: 'write'; bytes: Uint8Array } | { kind: 'pause' };
type Ending = 'end' | 'error' | 'destroy';

interface Script {
  steps: Step[];
  ending: Ending;
  /** The reader waits a turn before each read when this is set for that read's index. */
  slowReads: boolean[];
  /** The reader stops (return()) after this many chunks, if set. */
  stopAfter: number | undefined;
  destroyOnReturn: boolean;
}

const scripts = fc.record({
  steps: fc.array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes): Step => ({ kind: 'write', bytes })),
      fc.constant<Step>({ kind: 'pause' }),
    ),
    { maxLength: 20 },
  ),
  ending: fc.constantFrom<Ending>('end', 'error', 'destroy'),
  slowReads: fc.array(fc.boolean(), { maxLength: 24 }),
  stopAfter: fc.option(fc.nat({ max: 6 }), { nil: undefined }),
  destroyOnReturn: fc.boolean(),
});

interface Outcome {
  bytes: number[];
  end: string;
  destroyed: boolean;
}

/** Drives the stream by the script while `read` consumes it; returns what was read and how it ended. */
async function run(script: Script, open: (stream: Readable) => AsyncIterator<Uint8Array>): Promise<Outcome> {
  const stream = new PassThrough();
  const iterator = open(stream);
  // A reader that stopped early no longer listens (Node's iterator removes its listeners): the script's later error
  // is the harness's to absorb.
  stream.on('error', () => {});
  const writer = (async () => {
    for (const step of script.steps) {
      if (stream.destroyed) return;
      if (step.kind === 'write') stream.write(Buffer.from(step.bytes));
      else await tick();
    }
    await tick();
    if (script.ending === 'end') stream.end();
    else if (script.ending === 'error') stream.destroy(new Error('upstream broke'));
    else stream.destroy();
  })();
  const bytes: number[] = [];
  let end: string;
  let chunks = 0;
  for (;;) {
    if (script.stopAfter !== undefined && chunks === script.stopAfter) {
      await iterator.return!();
      end = 'stopped';
      break;
    }
    if (script.slowReads[chunks]) await tick();
    try {
      const next = await iterator.next();
      if (next.done) {
        end = 'done';
        break;
      }
      bytes.push(...next.value);
      chunks++;
    } catch (error) {
      end = `error: ${(error as Error).message}`;
      break;
    }
  }
  await writer;
  await tick();
  return { bytes, end, destroyed: stream.destroyed };
}

describe('ReadableByteSource', () => {
  it('reads what Node’s own iterator reads and ends as it ends', async () => {
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const ours = await run(script, (stream) => new ReadableByteSource(stream, script.destroyOnReturn));
        const nodes = await run(script, (stream) => stream.iterator({ destroyOnReturn: script.destroyOnReturn }));
        const written = script.steps.flatMap((step) => (step.kind === 'write' ? [...step.bytes] : []));
        if (script.stopAfter === undefined) {
          expect(ours).toEqual(nodes);
        } else {
          // A reader that stops after `stopAfter` chunks: it reads at least as many chunks from this source as from
          // Node's iterator (which joins what is buffered), so it stops here whenever it stops there.
          expect(written.slice(0, ours.bytes.length)).toEqual(ours.bytes);
          if (ours.end !== 'stopped') expect(nodes.end).toBe(ours.end);
          if (nodes.end === 'stopped') expect(ours.end).toBe('stopped');
          if (ours.end === 'stopped' && nodes.end === 'stopped') {
            // One difference, on purpose: stopped before its first read, Node's iterator (an async generator that has
            // not started) does not destroy the stream even with destroyOnReturn; this source does (an upstream body
            // then gives its connection back at once).
            if (script.stopAfter === 0 && script.destroyOnReturn) expect(ours.destroyed).toBe(true);
            else expect(ours.destroyed).toBe(nodes.destroyed);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('destroys the stream when stopped early only with destroyOnReturn, as Node’s iterator does', async () => {
    for (const destroyOnReturn of [true, false]) {
      const ours = new PassThrough();
      const source = new ReadableByteSource(ours, destroyOnReturn);
      ours.write(Buffer.from('a'));
      await source.next();
      await source.return();
      const nodes = new PassThrough();
      const iterator = nodes.iterator({ destroyOnReturn });
      nodes.write(Buffer.from('a'));
      await iterator.next();
      await iterator.return!();
      await tick();
      expect(ours.destroyed).toBe(destroyOnReturn);
      expect(nodes.destroyed).toBe(destroyOnReturn);
    }
  });

  it('leaves the bytes in the stream until they are read (backpressure)', async () => {
    const stream = new PassThrough({ highWaterMark: 16 });
    const source = new ReadableByteSource(stream, true);
    let accepted = 0;
    for (let i = 0; i < 64; i++) if (stream.write(Buffer.alloc(8, i))) accepted++;
    await tick();
    // Nothing read yet: the writer was told to wait long before all 64 writes.
    expect(accepted).toBeLessThan(8);
    expect(stream.isPaused()).toBe(true);
    let read = 0;
    stream.end();
    for await (const chunk of source) read += chunk.byteLength;
    expect(read).toBe(64 * 8);
  });

  it('fails the pending read when the stream errs, after the bytes read before', async () => {
    const stream = new PassThrough();
    const source = new ReadableByteSource(stream, true);
    stream.write(Buffer.from('abc'));
    expect(Buffer.from((await source.next()).value!).toString()).toBe('abc');
    const pending = source.next();
    stream.destroy(new Error('reset'));
    await expect(pending).rejects.toThrow('reset');
    await expect(source.next()).rejects.toThrow('reset');
  });

  it('fails with a premature close when the stream is destroyed without an error, and ends after `end`', async () => {
    const closed = new PassThrough();
    const source = new ReadableByteSource(closed, true);
    const pending = source.next();
    closed.destroy();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });

    const ended = new PassThrough();
    const reader = new ReadableByteSource(ended, true);
    ended.end(Buffer.from('x'));
    const read: string[] = [];
    for await (const chunk of reader) read.push(Buffer.from(chunk).toString());
    expect(read).toEqual(['x']);
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });
});
