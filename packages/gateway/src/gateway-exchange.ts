/**
 * The gateway's own request and reply: the few things it reads from an HTTP request and what it answers. An adapter
 * builds a `GatewayRequest` from whatever its runtime hands it and writes the `GatewayReply` back, so a runtime with
 * a cheaper native HTTP layer than `Request`/`Response` (Node's `http` module) need not build them per request.
 * `createGateway` is the fetch-style wrapper over these for runtimes that speak `Request`/`Response`.
 */

import type { ClientClosed } from './lazy-abort-controller.js';
import type { ByteReadResult } from './open-byte-reader.js';

/** Bytes arriving over time: a Web `ReadableStream`, or any async iterable of byte chunks (a Node `Readable`). */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface GatewayRequest {
  method: string;
  /** The URL's path, without the query. */
  path: string;
  /** A request header by lower-case name, `null` when absent. */
  header(name: string): string | null;
  /** The request body; `null` when there is none. */
  body: ByteSource | null;
  /** Aborts when the client goes away. */
  signal?: AbortSignal;
  /**
   * The same as `signal`, for an adapter whose runtime has a cheaper way to say it (Node's `close` event on the
   * response): an `AbortSignal` costs Node 20 about 1.8 µs to create and 1.4 µs per listener. Used instead of
   * `signal` when given. A `LazyAbortController` is one.
   */
  closed?: ClientClosed;
  /**
   * For an adapter that can tell when a complete reply (a string body) has been handed to its runtime: the core asks
   * to be called back then, and writes its log line after the reply has left instead of before (the line's JSON and
   * its write are then off the request's latency). An adapter that offers this must call the callback once it has
   * written, or failed to write, the reply. Without it the core logs before it returns the reply. A stream reply is
   * logged when the stream is over, either way.
   */
  afterReply?(callback: () => void): void;
}

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  /** A complete body, or a stream the adapter passes on chunk by chunk (cancelling it when the client goes away). */
  body: string | ReadableStream<Uint8Array>;
  /**
   * With a stream `body`: the same bytes, pulled without a Web stream, for an adapter that can write them from plain
   * reads (Node's). A `ReadableStream` costs Node 20 about 10 µs to create and 0.4 µs more per read than an awaited
   * call. An adapter reads either this or `body`, never both; the gateway's stream replies make `body` only when it is
   * first read.
   */
  stream?: ReplyByteStream;
}

/** A stream reply's bytes as plain reads: `read()` one at a time; `cancel()` when the client goes away. */
export interface ReplyByteStream {
  read(): Promise<ByteReadResult>;
  /** Stops the stream (the client went away); a read in progress then ends with `done`. */
  cancel(): Promise<void>;
}

/** The runtime-neutral gateway: what the Node adapter serves directly and `createGateway` wraps in `Request`/`Response`. */
export type GatewayCore = (request: GatewayRequest) => Promise<GatewayReply>;

/** What the gateway needs of an upstream reply; a Web `Response` is one. */
export interface UpstreamResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: ByteSource | null;
}

/** What the gateway passes to its upstream fetch; the global `fetch` accepts it. */
export interface UpstreamRequestInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /**
   * The abort behind `signal`, for a fetch that can listen without an `AbortSignal` (the Node adapter's: undici's
   * `request()` also takes an emitter). The gateway's init makes `signal` when it is first read, so a fetch that reads
   * only this one spares the `AbortSignal` and its listener. Absent from a plain init object.
   */
  abort?: UpstreamAbort;
}

/** An abort as a fetch can follow it without an `AbortSignal`: a `ClientClosed` with its reason; a `LazyAbortController` is one. */
export interface UpstreamAbort extends ClientClosed {
  readonly reason: unknown;
}

/**
 * The upstream call. The global `fetch` is one (the default); the Node adapter passes one on undici's `request()`
 * that skips the WHATWG fetch machinery.
 */
export type UpstreamFetch = (url: string, init: UpstreamRequestInit) => Promise<UpstreamResponse>;
