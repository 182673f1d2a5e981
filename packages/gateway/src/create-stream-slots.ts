/** Counts the streams in flight against `GatewayLimits.maxConcurrentStreams`. */
export interface StreamSlots {
  /** Takes a slot; returns its release function (idempotent), or undefined when all slots are taken. */
  tryAcquire(): (() => void) | undefined;
  /** Streams in flight. */
  readonly active: number;
}

export function createStreamSlots(max: number): StreamSlots {
  let active = 0;
  return {
    tryAcquire() {
      if (active >= max) return undefined;
      active++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active--;
      };
    },
    get active() {
      return active;
    },
  };
}
