/**
 * The end of a streamed reply, as the request handler reports it to the gateway's log: the handler calls `finish()`
 * when the client's stream is over, the gateway `onFinish()`s the log line (at once when the stream is already over).
 * A callback rather than a promise: an open stream holds one object and one listener, not a promise, its resolving
 * functions and a reaction.
 */
export class StreamFinish {
  private finished = false;
  private listener: (() => void) | undefined = undefined;

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }

  /** Runs `listener` once, when the stream is over (now if it is); one listener. */
  onFinish(listener: () => void): void {
    if (this.finished) listener();
    else this.listener = listener;
  }
}
