/**
 * `PullByteStream` read directly against the same source read as a Web `ReadableStream` (`highWaterMark: 0`): for any
 * source — pulls that enqueue nothing, one chunk or several, at once or after a turn, a chunk enqueued by a timer
 * while a pull waits (a keep-alive event), a close — and a reader that may pause between reads and
 * may cancel, with pulls that return a promise or return nothing and enqueue later, the reads (a read left waiting included), the number of pulls and the cancels the source sees are the
 * same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PullByteStream, StreamReply, type ByteSink, type PullSource } from './pull-byte-stream.js';

type Action = 'enqueue' | 'tick' | 'timer-enqueue' | 'close' | 'fail';

interface Script {
  pulls: Action[][];
  pausesBeforeRead: boolean[];
  cancelAfter: number | undefined;
  /** Pulls that return nothing, running what follows their first wait detached (as the gateway's supervisor does). */
  syncPull: boolean;
}

const scripts: fc.Arbitrary<Script> = fc.record({
  // A failing pull is left out here (below): which bytes queued before it a Web stream still gives depends on when its
  // reader reads.
  pulls: fc.array(fc.array(fc.constantFrom<Action>('enqueue', 'enqueue', 'tick', 'timer-enqueue', 'close'), { maxLength: 4 }), {
    maxLength: 8,
  }),
  pausesBeforeRead: fc.array(fc.boolean(), { maxLength: 16 }),
  cancelAfter: fc.option(fc.nat({ max: 8 }), { nil: undefined }),
  syncPull: fc.boolean(),
});

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The scripted source: pull number i runs `pulls[i]` (an empty pull after the script ends closes). */
function scriptedSource(script: Script) {
  const seen = { pulls: 0, cancels: 0 };
  let next = 1;
  let closed = false;
  // Runs the actions from `index`; returns the promise of the rest at the first wait (undefined when none waits).
  const run = (actions: Action[], index: number, sink: ByteSink): Promise<void> | undefined => {
    for (let i = index; i < actions.length; i++) {
      const action = actions[i]!;
      if (closed) return undefined;
      if (action === 'enqueue') sink.enqueue(new Uint8Array([next++]));
      else if (action === 'tick') return turn().then(() => run(actions, i + 1, sink));
      else if (action === 'timer-enqueue') {
        const value = next++;
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            if (!closed) sink.enqueue(new Uint8Array([value]));
            resolve();
          }, 0),
        ).then(() => run(actions, i + 1, sink));
      } else if (action === 'close') {
        closed = true;
        sink.close();
        return undefined;
      } else throw new Error('pull failed');
    }
    return undefined;
  };
  const source: PullSource = {
    pull(sink: ByteSink) {
      const actions = script.pulls[seen.pulls] ?? ['close'];
      seen.pulls++;
      const rest = run(actions, 0, sink);
      if (script.syncPull) {
        void rest;
        return undefined;
      }
      return rest ?? Promise.resolve();
    },
    cancel() {
      closed = true;
      seen.cancels++;
    },
  };
  return { source, seen };
}

interface Read {
  reads: string[];
  pulls: number;
  cancels: number;
}

/** Reads until the end, an error or a cancel; a read left waiting (a pull that gave nothing) is noted as `waits`. */
async function readAll(script: Script, reader: { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> }, seen: { pulls: number; cancels: number }): Promise<Read> {
  const reads: string[] = [];
  const waits = new Promise<Read>((resolve) => setTimeout(() => resolve({ reads: [...reads, 'waits'], pulls: seen.pulls, cancels: seen.cancels }), 50));
  return Promise.race([readUntilEnd(script, reader, seen, reads), waits]);
}

async function readUntilEnd(
  script: Script,
  reader: { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> },
  seen: { pulls: number; cancels: number },
  reads: string[],
): Promise<Read> {
  for (let i = 0; i < 40; i++) {
    if (script.cancelAfter === i) {
      await reader.cancel();
      reads.push('cancelled');
      const after = await reader.read();
      reads.push(after.done ? 'done' : `value ${after.value![0]}`);
      break;
    }
    if (script.pausesBeforeRead[i]) await turn();
    try {
      const result = await reader.read();
      if (result.done) {
        reads.push('done');
        break;
      }
      reads.push(`value ${result.value![0]}`);
    } catch (error) {
      reads.push(`error ${(error as Error).message}`);
      break;
    }
  }
  await turn();
  return { reads, pulls: seen.pulls, cancels: seen.cancels };
}

describe('PullByteStream', () => {
  it('reads directly what the same source gives as a Web ReadableStream', async () => {
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const direct = scriptedSource(script);
        const web = scriptedSource(script);
        const ours = await readAll(script, new PullByteStream(direct.source), direct.seen);
        const reference = await readAll(script, new PullByteStream(web.source).toReadableStream().getReader(), web.seen);
        expect(ours).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('fails a read after the bytes given before, when a pull fails', async () => {
    const stream = new PullByteStream({
      async pull(sink) {
        sink.enqueue(new Uint8Array([1]));
        sink.enqueue(new Uint8Array([2]));
        throw new Error('pull failed');
      },
      cancel: () => {},
    });
    expect((await stream.read()).value).toEqual(new Uint8Array([1]));
    expect((await stream.read()).value).toEqual(new Uint8Array([2]));
    await expect(stream.read()).rejects.toThrow('pull failed');
    await expect(stream.read()).rejects.toThrow('pull failed');
  });

  it('is read one way only', () => {
    const stream = new PullByteStream({ pull: async (sink) => sink.close(), cancel: () => {} });
    stream.toReadableStream();
    expect(() => stream.toReadableStream()).toThrow(/not both/);
    expect(() => void stream.read()).toThrow(/not both/);
  });

  it('as a StreamReply, makes its Web stream only when `body` is read, once', async () => {
    let pulls = 0;
    const reply = new StreamReply(200, { 'content-type': 'text/event-stream' }, new PullByteStream({
      async pull(sink) {
        pulls++;
        sink.enqueue(new TextEncoder().encode('data: 1\n\n'));
        sink.close();
      },
      cancel: () => {},
    }));
    expect(pulls).toBe(0);
    const body = reply.body;
    expect(reply.body).toBe(body);
    expect(await new Response(body).text()).toBe('data: 1\n\n');
    expect(pulls).toBe(1);
  });
});
