import { afterEach, describe, expect, it } from 'vitest';
import { createDeadline, type Deadline } from './create-deadline.js';
import type { UpstreamResponse } from './gateway-exchange.js';
import { readUpstreamBody } from './read-upstream-body.js';
import { LazyAbortController } from './lazy-abort-controller.js';

function response(chunks: number[][]): UpstreamResponse {
  return {
    status: 200,
    headers: { get: () => null },
    body: (async function* () {
      for (const chunk of chunks) yield new Uint8Array(chunk);
    })(),
  };
}

/** The request's deadline (its timer checks the idle timeout), stopped after each test. */
const deadlines: Deadline[] = [];
function deadline(timeoutMs = 10_000, shortestWatchMs?: number): Deadline {
  const made = createDeadline(timeoutMs, shortestWatchMs);
  deadlines.push(made);
  return made;
}
afterEach(() => {
  for (const made of deadlines.splice(0)) made.dispose();
});

const read = (chunks: number[][], maxBytes = 1024, truncate = false) =>
  readUpstreamBody(response(chunks), { controller: new LazyAbortController(), deadline: deadline(), idleTimeoutMs: 10_000, maxBytes, truncate });

// UTF-8 (RFC 3629): "é" is C3 A9, "€" is E2 82 AC; an incomplete sequence at the end decodes to U+FFFD, and a
// leading BOM (EF BB BF) is not part of the text (WHATWG Encoding, "UTF-8 decode").
describe('readUpstreamBody', () => {
  it('reads an empty body as empty text', async () => {
    expect(await read([])).toEqual({ ok: true, text: '', truncated: false });
  });

  it('joins a character split across chunks', async () => {
    expect(await read([[0x7b, 0x22, 0xc3], [0xa9, 0x22], [0x3a, 0x31, 0x7d]])).toEqual({ ok: true, text: '{"é":1}', truncated: false });
  });

  it('drops a leading BOM once', async () => {
    expect(await read([[0xef, 0xbb], [0xbf, 0x61, 0xef, 0xbb, 0xbf]])).toEqual({ ok: true, text: 'a\uFEFF', truncated: false });
  });

  it('fails over the limit, or keeps the first maxBytes when truncating', async () => {
    expect(await read([[0x61, 0x62], [0x63, 0x64]], 3)).toEqual({ ok: false, reason: 'too_large' });
    expect(await read([[0x61, 0x62], [0x63, 0x64]], 3, true)).toEqual({ ok: true, text: 'abc', truncated: true });
  });

  it('ends a character cut by the limit with U+FFFD', async () => {
    expect(await read([[0x61], [0xe2, 0x82, 0xac]], 3, true)).toEqual({ ok: true, text: 'a\uFFFD', truncated: true });
  });

  it('waits up to idleTimeoutMs for each read, not for the whole body', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const steady = (): UpstreamResponse => ({
      status: 200,
      headers: { get: () => null },
      body: (async function* () {
        for (const byte of [0x61, 0x62, 0x63, 0x64]) {
          await sleep(30);
          yield new Uint8Array([byte]);
        }
      })(),
    });
    // Four reads of about 30 ms each: 120 ms in all, over the 80 ms idle limit, and never one wait over it.
    expect(await readUpstreamBody(steady(), { controller: new LazyAbortController(), deadline: deadline(), idleTimeoutMs: 80, maxBytes: 1024 })).toEqual({ ok: true, text: 'abcd', truncated: false });
    // The request's timer armed for a shorter limit first (20 ms) fires before this read is idle: it waits on.
    expect(await readUpstreamBody(steady(), { controller: new LazyAbortController(), deadline: deadline(10_000, 20), idleTimeoutMs: 80, maxBytes: 1024 })).toEqual({ ok: true, text: 'abcd', truncated: false });
  });

  it('ends with idle_timeout when a read waits longer than idleTimeoutMs, and aborts the controller', async () => {
    const stalled = (): UpstreamResponse => ({
      status: 200,
      headers: { get: () => null },
      body: (async function* () {
        yield new Uint8Array([0x61]);
        await new Promise(() => {});
      })(),
    });
    // The request's timer armed for the deadline (10 s) first, and armed again for the read; then armed for it at once.
    for (const made of [deadline(), deadline(10_000, 30)]) {
      const controller = new LazyAbortController();
      const started = Date.now();
      expect(await readUpstreamBody(stalled(), { controller, deadline: made, idleTimeoutMs: 30, maxBytes: 1024 })).toEqual({ ok: false, reason: 'idle_timeout' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(controller.aborted).toBe(true);
      expect(made.expired).toBe(false);
    }
  });

  it('ends with aborted at once when the controller aborts during a read, or before the first', async () => {
    const controller = new LazyAbortController();
    const stalled: UpstreamResponse = { status: 200, headers: { get: () => null }, body: (async function* () { await new Promise(() => {}); })() };
    const reading = readUpstreamBody(stalled, { controller, deadline: deadline(), idleTimeoutMs: 10_000, maxBytes: 1024 });
    controller.abort(new Error('client closed the request'));
    expect(await reading).toEqual({ ok: false, reason: 'aborted' });
    expect(await readUpstreamBody(response([[0x61]]), { controller, deadline: deadline(), idleTimeoutMs: 10_000, maxBytes: 1024 })).toEqual({ ok: false, reason: 'aborted' });
  });
});
