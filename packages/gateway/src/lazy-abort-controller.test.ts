import { describe, expect, it } from 'vitest';
import { abortWhenClientCloses, clientClosedOf, LazyAbortController } from './lazy-abort-controller.js';

describe('LazyAbortController', () => {
  it('aborts its signal with its reason, whether the signal was made before or after', () => {
    const before = new LazyAbortController();
    const early = before.signal;
    const reason = new Error('upstream timeout');
    before.abort(reason);
    expect(early.aborted).toBe(true);
    expect(early.reason).toBe(reason);
    expect(before.signal).toBe(early);

    const after = new LazyAbortController();
    after.abort(reason);
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe(reason);
  });

  it('runs each callback once, in the order added, after aborting the signal; a second abort changes nothing', () => {
    const controller = new LazyAbortController();
    const seen: string[] = [];
    controller.signal.addEventListener('abort', () => seen.push('signal'));
    controller.onAbort(() => seen.push('first'));
    controller.onAbort(() => seen.push('second'));
    controller.abort(new Error('one'));
    controller.abort(new Error('two'));
    expect(seen).toEqual(['signal', 'first', 'second']);
    expect(controller.aborted).toBe(true);
    expect((controller.reason as Error).message).toBe('one');
  });

  it('does not run a callback that was removed, and runs one added after the abort at once', () => {
    const controller = new LazyAbortController();
    const seen: string[] = [];
    const stop = controller.onAbort(() => seen.push('removed'));
    controller.onAbort(() => seen.push('kept'));
    stop();
    stop();
    controller.abort(new Error('x'));
    controller.onAbort(() => seen.push('late'));
    expect(seen).toEqual(['kept', 'late']);
  });

  it('makes no AbortSignal unless asked', () => {
    const controller = new LazyAbortController();
    controller.onAbort(() => {});
    controller.abort(new Error('x'));
    expect((controller as unknown as { controller: unknown }).controller).toBeUndefined();
  });

});

describe('clientClosedOf and abortWhenClientCloses', () => {
  it('prefers the request’s `closed` and otherwise follows its `signal`', () => {
    const closed = new LazyAbortController();
    expect(clientClosedOf({ closed, signal: new AbortController().signal })).toBe(closed);
    expect(clientClosedOf({})).toBeUndefined();

    const client = new AbortController();
    const fromSignal = clientClosedOf({ signal: client.signal })!;
    const upstream = new LazyAbortController();
    abortWhenClientCloses(upstream, fromSignal);
    expect(fromSignal.aborted).toBe(false);
    client.abort(new Error('gone'));
    expect(fromSignal.aborted).toBe(true);
    expect(upstream.aborted).toBe(true);
  });

  it('stops following the client once unlinked, from either kind', () => {
    for (const make of [() => new LazyAbortController(), () => new AbortController()]) {
      const client = make();
      const closed = clientClosedOf(client instanceof LazyAbortController ? { closed: client } : { signal: client.signal });
      const upstream = new LazyAbortController();
      const unlink = abortWhenClientCloses(upstream, closed);
      unlink();
      client.abort(new Error('gone'));
      expect(upstream.aborted).toBe(false);
    }
  });

  it('aborts at once when the client has already gone', () => {
    const client = new AbortController();
    client.abort(new Error('gone'));
    const upstream = new LazyAbortController();
    abortWhenClientCloses(upstream, clientClosedOf({ signal: client.signal }));
    expect(upstream.aborted).toBe(true);
    expect(abortWhenClientCloses(new LazyAbortController(), undefined)).toBeTypeOf('function');
  });
});
