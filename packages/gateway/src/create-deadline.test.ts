import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDeadline, type DeadlineWatch } from './create-deadline.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A watch due `ms` from now, counting its calls. */
function watchDueIn(ms: number): DeadlineWatch & { calls: number[]; dueAt: number } {
  const watch = {
    dueAt: Date.now() + ms,
    calls: [] as number[],
    onDue() {
      watch.calls.push(Date.now());
    },
  };
  return watch;
}

describe('createDeadline', () => {
  it('expires at timeoutMs and runs its callbacks once, whatever it watches', () => {
    const deadline = createDeadline(1000, 100);
    const expired = vi.fn();
    deadline.onExpire(expired);
    deadline.watch(watchDueIn(Infinity));
    vi.advanceTimersByTime(999);
    expect(deadline.expired).toBe(false);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(deadline.expired).toBe(true);
    expect(expired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('calls a watch when it is due, not before, with the one timer armed at shortestWatchMs', () => {
    const deadline = createDeadline(10_000, 100);
    const watch = watchDueIn(300);
    deadline.watch(watch);
    vi.advanceTimersByTime(299);
    expect(watch.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(watch.calls).toEqual([1_000_300]);
    expect(deadline.expired).toBe(false);
  });

  it('arms the timer again, earlier, for a watch due before it fires', () => {
    const deadline = createDeadline(10_000); // no shorter limit announced: the timer is armed for the deadline
    const watch = watchDueIn(50);
    deadline.watch(watch);
    vi.advanceTimersByTime(50);
    expect(watch.calls).toEqual([1_000_050]);
  });

  it('checks a watch whose dueAt moved later again at its new time (an idle timeout after a read)', () => {
    const deadline = createDeadline(10_000, 100);
    const watch = watchDueIn(100);
    deadline.watch(watch);
    vi.advanceTimersByTime(60);
    watch.dueAt = Date.now() + 100; // bytes arrived: the next read waits from now
    vi.advanceTimersByTime(40);
    expect(watch.calls).toEqual([]);
    vi.advanceTimersByTime(59);
    expect(watch.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(watch.calls).toEqual([1_000_160]);
  });

  it('never calls a watch that is not due (Infinity) or no longer watched, nor anything after dispose', () => {
    const deadline = createDeadline(1000, 100);
    const idle = watchDueIn(Infinity);
    const removed = watchDueIn(200);
    const disposedWith = watchDueIn(300);
    deadline.watch(idle);
    deadline.watch(removed);
    deadline.watch(disposedWith);
    deadline.unwatch(removed);
    vi.advanceTimersByTime(250);
    deadline.dispose();
    const expired = vi.fn();
    deadline.onExpire(expired);
    vi.advanceTimersByTime(10_000);
    expect([idle.calls, removed.calls, disposedWith.calls]).toEqual([[], [], []]);
    expect(expired).not.toHaveBeenCalled();
  });

  it('costs one timer for a request that finishes in time, however many limits it watches', () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout');
    const deadline = createDeadline(600_000, 120_000);
    const headers = watchDueIn(120_000);
    const body = watchDueIn(Infinity);
    deadline.watch(headers);
    vi.advanceTimersByTime(5);
    deadline.unwatch(headers);
    deadline.watch(body);
    body.dueAt = Date.now() + 120_000;
    vi.advanceTimersByTime(5);
    deadline.unwatch(body);
    deadline.dispose();
    expect(setTimer).toHaveBeenCalledTimes(1);
    expect(clearTimer).toHaveBeenCalledTimes(1);
  });
});

describe('createDeadline: callbacks', () => {
  it('cancels a callback, and cancelling after the deadline passed is harmless', () => {
    const deadline = createDeadline(100);
    const kept = vi.fn();
    const cancelled = vi.fn();
    const cancelLater = deadline.onExpire(kept);
    deadline.onExpire(cancelled)();
    vi.advanceTimersByTime(100);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
    expect(() => cancelLater()).not.toThrow();
    const late = vi.fn();
    deadline.onExpire(late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});

describe('createDeadline: a watch that was not due when the timer fired', () => {
  it('is checked in time once it is watched again with a due time (a stream read after the client paused)', () => {
    const deadline = createDeadline(10_000, 100);
    const watch = watchDueIn(Infinity); // no read in flight: the client is not reading
    deadline.watch(watch);
    vi.advanceTimersByTime(100); // the timer fires, finds nothing due, and is armed for the deadline
    watch.dueAt = Date.now() + 100; // the client reads again: the upstream read may wait 100 ms
    deadline.watch(watch);
    vi.advanceTimersByTime(99);
    expect(watch.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(watch.calls).toEqual([1_000_200]);
    expect(deadline.expired).toBe(false);
  });

  it('is listed once however often it is watched', () => {
    const deadline = createDeadline(10_000, 100);
    const watch = watchDueIn(50);
    deadline.watch(watch);
    deadline.watch(watch);
    vi.advanceTimersByTime(50);
    expect(watch.calls).toEqual([1_000_050]);
    deadline.unwatch(watch);
    watch.dueAt = Date.now();
    vi.advanceTimersByTime(20_000);
    expect(watch.calls).toHaveLength(1);
  });
});

describe('createDeadline: a watch that stays due', () => {
  it('is called once and does not keep the timer firing; the deadline still expires on time', () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const deadline = createDeadline(1000, 100);
    const stuck = { dueAt: Date.now() + 100, calls: 0, onDue: () => void stuck.calls++ }; // never moves, never unwatches
    deadline.watch(stuck);
    vi.advanceTimersByTime(999);
    expect(stuck.calls).toBe(1);
    expect(setTimer.mock.calls.length).toBeLessThanOrEqual(3);
    vi.advanceTimersByTime(1);
    expect(deadline.expired).toBe(true);
  });
});
