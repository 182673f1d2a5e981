/** setTimeout fires at once for delays above 2^31 - 1 ms; longer limits are clamped to about 24.8 days. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The total time allowed for one request (`GatewayLimits.requestTimeoutMs`). */
export interface Deadline {
  /** Aborted when the time is up. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly expired: boolean;
  /** Stops the timer (the request finished). */
  dispose(): void;
}

/** Starts the clock of a request. */
export function createDeadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('request timeout')), Math.min(timeoutMs, MAX_TIMER_DELAY_MS));
  return {
    signal: controller.signal,
    timeoutMs,
    get expired() {
      return controller.signal.aborted;
    },
    dispose: () => clearTimeout(timer),
  };
}

/** Aborts `controller` when any of `signals` aborts; returns the function that unlinks them. */
export function linkAbortSignals(controller: AbortController, signals: readonly (AbortSignal | undefined)[]): () => void {
  const unlinks: (() => void)[] = [];
  for (const signal of signals) {
    if (!signal) continue;
    const onAbort = () => controller.abort(signal.reason);
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      unlinks.push(() => signal.removeEventListener('abort', onAbort));
    }
  }
  return () => {
    for (const unlink of unlinks) unlink();
  };
}

/** A promise that rejects when `signal` aborts (for racing calls that may ignore their signal). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
