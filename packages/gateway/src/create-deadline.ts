import { removeFromList } from './remove-from-list.js';
/** setTimeout fires at once for delays above 2^31 - 1 ms; longer limits are clamped to about 24.8 days. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A time limit checked by the request's one timer (the upstream's headers timeout, a body's idle timeout). */
export interface DeadlineWatch {
  /**
   * When it is due (`Date.now()` time), read each time the timer fires: it may move later, or to `Infinity` (not
   * now), at any time; after moving it earlier (or from `Infinity` to a time), call `watch` again.
   */
  readonly dueAt: number;
  /** The request's timer found it due (once: a watch still due afterwards is not called again until it moves later). */
  onDue(): void;
}

/** The total time allowed for one request (`GatewayLimits.requestTimeoutMs`). */
export interface Deadline {
  readonly timeoutMs: number;
  readonly expired: boolean;
  /** Runs `callback` when the time is up (at once if it already is); returns the function that cancels it. */
  onExpire(callback: () => void): () => void;
  /**
   * Checks `watch` with the request's own timer instead of a timer of its own: `onDue` runs once `dueAt` has passed
   * (when the request's timer fires, never before `dueAt`). Until `unwatch`. Calling it again for a watch already
   * watched only arms the timer earlier if its `dueAt` now needs it (one test of a short list).
   */
  watch(watch: DeadlineWatch): void;
  unwatch(watch: DeadlineWatch): void;
  /** Stops the timer (the request finished). */
  dispose(): void;
}

/**
 * Starts the clock of a request: one timer and a short list of callbacks. Not an `AbortController`: creating an
 * `AbortSignal` per request cost more CPU in Node 20 than the rest of the deadline's work together.
 *
 * `shortestWatchMs`, the shortest limit that will be watched (`watch`), arms the one timer early enough for any of
 * them from the start: a request that finishes in time (nearly all) then costs one timer, however many limits it
 * watches, instead of one per limit (three for a non-streamed request; the CPU this saves was below the benchmark
 * machine's spread, BENCHMARKS.md item 28, and an open stream holds one timer instead of two). When the timer fires
 * before the deadline, it calls the watches that are due and is armed again for the next one.
 */
export function createDeadline(timeoutMs: number, shortestWatchMs = timeoutMs): Deadline {
  return new RequestDeadline(timeoutMs, shortestWatchMs);
}

/** A class rather than an object literal with a getter (a dictionary-mode object of about 700 bytes per request). */
class RequestDeadline implements Deadline {
  expired = false;
  // Made on first use with room for one (an empty array's first push makes room for 17): a request watches one limit
  // at a time (the headers, then the body's idle time), so the one slot is reused.
  private callbacks: (() => void)[] | undefined = undefined;
  private watches: DeadlineWatch[] | undefined = undefined;
  private readonly expiresAt: number;
  /** When the armed timer fires (`Date.now()` time), and the timer itself. */
  private firesAt: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    readonly timeoutMs: number,
    shortestWatchMs: number,
  ) {
    const now = Date.now();
    const timeout = Math.min(timeoutMs, MAX_TIMER_DELAY_MS);
    this.expiresAt = now + timeout;
    const first = Math.min(timeout, Math.max(0, shortestWatchMs));
    this.firesAt = now + first;
    this.timer = setTimeout(onDeadlineTimer, first, this);
  }

  onExpire(callback: () => void): () => void {
    if (this.expired) {
      callback();
      return () => {};
    }
    const callbacks = this.callbacks;
    if (callbacks === undefined) this.callbacks = [callback];
    else callbacks.push(callback);
    return () => {
      if (this.callbacks !== undefined) removeFromList(this.callbacks, callback);
    };
  }

  watch(watch: DeadlineWatch): void {
    if (this.expired || this.disposed) return;
    const watches = this.watches;
    if (watches === undefined) this.watches = [watch];
    else if (!watches.includes(watch)) watches.push(watch);
    // Due before the timer fires (a limit shorter than `shortestWatchMs`): the timer is armed again, earlier.
    if (watch.dueAt < this.firesAt) this.arm(watch.dueAt, Date.now());
  }

  unwatch(watch: DeadlineWatch): void {
    if (this.watches !== undefined) removeFromList(this.watches, watch);
  }

  /** The timer fired: the deadline if it was armed for it, else the watches that are due, then the next arming. */
  onTimer(): void {
    this.timer = undefined;
    if (this.firesAt >= this.expiresAt) {
      this.expired = true;
      this.watches = undefined;
      const callbacks = this.callbacks;
      this.callbacks = undefined;
      if (callbacks !== undefined) for (const callback of callbacks) callback();
      return;
    }
    const now = Date.now();
    const watches = this.watches ?? [];
    for (const watch of [...watches]) {
      if (watch.dueAt <= now && watches.includes(watch)) watch.onDue();
    }
    if (this.expired || this.disposed) return;
    // A watch still due after its call is not called again (it moves `dueAt` or unwatches): no timer loop at 0 ms.
    let next = this.expiresAt;
    for (const watch of watches) if (watch.dueAt > now && watch.dueAt < next) next = watch.dueAt;
    this.arm(next, now);
  }

  private arm(at: number, now: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.firesAt = Math.min(at, this.expiresAt);
    this.timer = setTimeout(onDeadlineTimer, Math.max(0, this.firesAt - now), this);
  }

  dispose(): void {
    this.disposed = true;
    this.watches = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function onDeadlineTimer(deadline: RequestDeadline): void {
  deadline.onTimer();
}
