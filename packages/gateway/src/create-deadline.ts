/** setTimeout fires at once for delays above 2^31 - 1 ms; longer limits are clamped to about 24.8 days. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The total time allowed for one request (`GatewayLimits.requestTimeoutMs`). */
export interface Deadline {
  readonly timeoutMs: number;
  readonly expired: boolean;
  /** Runs `callback` when the time is up (at once if it already is); returns the function that cancels it. */
  onExpire(callback: () => void): () => void;
  /** Stops the timer (the request finished). */
  dispose(): void;
}

/**
 * Starts the clock of a request: one timer and a short list of callbacks. Not an `AbortController`: creating an
 * `AbortSignal` per request cost more CPU in Node 20 than the rest of the deadline's work together.
 */
export function createDeadline(timeoutMs: number): Deadline {
  return new RequestDeadline(timeoutMs);
}

/** A class rather than an object literal with a getter (a dictionary-mode object of about 700 bytes per request). */
class RequestDeadline implements Deadline {
  expired = false;
  private readonly callbacks: (() => void)[] = [];
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(() => {
      this.expired = true;
      for (const callback of this.callbacks.splice(0)) callback();
    }, Math.min(timeoutMs, MAX_TIMER_DELAY_MS));
  }

  onExpire(callback: () => void): () => void {
    if (this.expired) {
      callback();
      return () => {};
    }
    const callbacks = this.callbacks;
    callbacks.push(callback);
    return () => {
      const index = callbacks.indexOf(callback);
      if (index !== -1) callbacks.splice(index, 1);
    };
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
