import type { UpstreamAbort, UpstreamFetch, UpstreamResponse } from '@interlingua/gateway';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';

export interface NodeFetchOptions {
  /** The undici dispatcher (connection pool) for upstream calls; default: one `Agent` per fetch, with undici's keep-alive defaults. */
  dispatcher?: Dispatcher;
}

/** Most distinct origins remembered per fetch (the configured upstreams: a handful). */
const MAX_REMEMBERED_ORIGINS = 64;

/**
 * An upstream URL as undici's dispatcher takes it, `origin` and `path`, with one `URL` parse per origin instead of one
 * per call: undici's top-level `request(url, …)` parses every URL with `new URL` and copies its options, about 20 µs
 * of CPU per request in `serve` (measured over sockets, 7 rounds: 164 against 142 µs). A URL with anything unusual
 * before its path (user info, a query or fragment right after the host) or a fragment is parsed whole, as undici
 * did: the origin and the path with its query are sent, user info and fragment are not.
 */
function createUrlSplitter(): (url: string) => { origin: string; path: string } {
  const origins = new Map<string, string>();
  return (url) => {
    const schemeEnd = url.indexOf('://');
    const slash = schemeEnd === -1 ? -1 : url.indexOf('/', schemeEnd + 3);
    const originText = slash === -1 ? url : url.slice(0, slash);
    if (slash === -1 || /[?#@]/.test(originText) || url.includes('#', slash)) return splitParsed(new URL(url));
    let origin = origins.get(originText);
    if (origin === undefined) {
      origin = splitParsed(new URL(originText)).origin;
      if (origins.size >= MAX_REMEMBERED_ORIGINS) origins.clear();
      origins.set(originText, origin);
    }
    return { origin, path: url.slice(slash) };
  };
}

function splitParsed(parsed: URL): { origin: string; path: string } {
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`The upstream URL must start with http: or https: (got ${parsed.protocol}).`);
  }
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/**
 * The gateway's upstream call on undici's `dispatch()` with a handler of its own: no WHATWG `Request`/`Response`, and
 * none of what undici's `request()` builds per call on top of `dispatch()` (its handler, a Node `Readable` for the
 * body, an `EventEmitter` or `AbortSignal` listener for the abort) nor a reader over that `Readable`. The reply body is
 * a `DispatchedBody`, an async iterator of the chunks undici hands over, paused above 64 KiB unread; the abort (or
 * `init.signal`, followed only when there is no `init.abort`) aborts the call, and so does the gateway stopping early:
 * the connection is then dropped. undici's own headers and body timers are off: the gateway's limits
 * (`upstreamTimeoutMs`, `streamIdleTimeoutMs`, `requestTimeoutMs`) govern.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): UpstreamFetch {
  const dispatcher = options.dispatcher ?? new Agent({ headersTimeout: 0, bodyTimeout: 0 });
  const splitUrl = createUrlSplitter();
  return (url, init) =>
    new Promise<UpstreamResponse>((resolve, reject) => {
      const { origin, path } = splitUrl(url);
      const call = new DispatchedCall(resolve, reject);
      if (init.abort) call.follow(init.abort);
      else call.followSignal(init.signal);
      if (call.settled) return;
      dispatcher.dispatch({ origin, path, method: init.method, headers: init.headers, body: init.body }, call);
    });
}

/** What the call's abort is: the gateway's `UpstreamAbort`, or a plain `AbortSignal`'s listener. */
type AbortSource = { reason: () => unknown; stop: () => void };

/** An undici dispatch handler for one upstream call: resolves with the reply's head, then feeds its body. */
class DispatchedCall implements Dispatcher.DispatchHandler {
  /** The head is out (the promise settled): later failures go to the body. */
  settled = false;
  private controller: Dispatcher.DispatchController | undefined = undefined;
  private body: DispatchedBody | undefined = undefined;
  /** Set when the call is aborted before undici has started it: it is aborted as soon as it starts. */
  private abortedBeforeStart: { reason: unknown } | undefined = undefined;
  private abortSource: AbortSource | undefined = undefined;

  /**
   * The promise's settling functions, dropped once it is settled: a stream's call lives as long as the stream, and
   * through them would keep the settled promise, and with it the reply's head (status and headers), to its end.
   */
  private resolve: ((response: UpstreamResponse) => void) | undefined;
  private reject: ((error: unknown) => void) | undefined;

  constructor(resolve: (response: UpstreamResponse) => void, reject: (error: unknown) => void) {
    this.resolve = resolve;
    this.reject = reject;
  }

  follow(abort: UpstreamAbort): void {
    if (abort.aborted) {
      this.abort(abort.reason);
      return;
    }
    const stop = abort.onAbort(() => this.abort(abort.reason));
    this.abortSource = { reason: () => abort.reason, stop };
  }

  followSignal(signal: AbortSignal): void {
    if (signal.aborted) {
      this.abort(signal.reason);
      return;
    }
    const listener = (): void => this.abort(signal.reason);
    signal.addEventListener('abort', listener, { once: true });
    this.abortSource = { reason: () => signal.reason, stop: () => signal.removeEventListener('abort', listener) };
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    const early = this.abortedBeforeStart;
    if (early) controller.abort(asError(early.reason));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // undici leaves the raw header buffers on the controller, which the body holds as long as the stream lasts.
    controller.rawHeaders = null;
    if (statusCode < 200 || this.settled) return; // informational replies (1xx) come before the real one
    this.settled = true;
    const body = (this.body = new DispatchedBody(controller));
    const resolve = this.resolve!;
    this.resolve = this.reject = undefined;
    resolve({ status: statusCode, headers: new HeaderLookup(headers), body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.body?.push(chunk);
  }

  onResponseEnd(): void {
    this.done();
    this.body?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.done();
    if (this.body) this.body.fail(error);
    else this.settle(error);
  }

  /** The gateway aborted: before the head, the promise rejects at once; after, the body fails with the reason. */
  private abort(reason: unknown): void {
    const controller = this.controller;
    if (controller) controller.abort(asError(reason));
    else this.abortedBeforeStart = { reason };
    if (!this.settled) this.settle(reason);
  }

  private settle(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.done();
    const reject = this.reject!;
    this.resolve = this.reject = undefined;
    reject(error);
  }

  private done(): void {
    const source = this.abortSource;
    this.abortSource = undefined;
    source?.stop();
  }
}

/** undici's `abort` takes an `Error`; the gateway's reasons are errors already. */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** The reply's headers by name, as undici parsed them (lower-case names; a repeated header joined with `, `). */
class HeaderLookup {
  constructor(private readonly headers: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
/** Unread bytes above which undici is asked to pause the connection. */
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * The reply body as the async iterable of byte chunks the gateway reads: the chunks undici hands over, queued until
 * read (undici paused above 64 KiB unread, resumed once read down), then the end or the failure. `return()` (the
 * gateway stopping early) aborts the call, which drops the connection.
 */
export class DispatchedBody implements AsyncIterableIterator<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private ended = false;
  private failure: { error: unknown } | undefined = undefined;
  private waiting: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: unknown) => void } | undefined = undefined;

  constructor(private readonly controller: Dispatcher.DispatchController) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.take() });
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.ended) return Promise.resolve(DONE);
    if (this.waiting) return Promise.reject(new Error('DispatchedBody: next() called while a read is pending'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    const open = !this.ended && !this.failure;
    this.ended = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.settle(DONE);
    if (open) this.controller.abort(new Error('The upstream reply body is no longer read.'));
    return Promise.resolve(DONE);
  }

  push(chunk: Uint8Array): void {
    if (this.ended || this.failure) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting.resolve({ done: false, value: chunk });
      return;
    }
    this.queue.push(chunk);
    this.queuedBytes += chunk.byteLength;
    if (this.queuedBytes > HIGH_WATER_BYTES && !this.controller.paused) this.controller.pause();
  }

  end(): void {
    if (this.ended || this.failure) return;
    this.ended = true;
    if (this.queue.length === 0) this.settle(DONE);
  }

  fail(error: unknown): void {
    if (this.failure || (this.ended && this.queue.length === 0)) return;
    // A failure after the end was read is nobody's concern; one before it replaces what is still queued.
    this.ended = false;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.failure = { error };
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    waiting.reject(error);
  }

  private take(): Uint8Array {
    const chunk = this.queue.shift()!;
    this.queuedBytes -= chunk.byteLength;
    if (this.queuedBytes <= HIGH_WATER_BYTES && this.controller.paused) this.controller.resume();
    return chunk;
  }

  private settle(result: IteratorResult<Uint8Array>): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    waiting.resolve(result);
  }
}
