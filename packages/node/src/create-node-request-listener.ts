import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGatewayCore, createReplayFetch, LazyAbortController, type GatewayCore, type GatewayOptions, type GatewayReply, type GatewayRequest } from '@interlingua/gateway';
import { createNodeFetch } from './create-node-fetch.js';
import { ReadableByteSource } from './readable-byte-source.js';
import { writeLogLineToStdout } from './write-log-line-to-stdout.js';

/**
 * Stream output text as bytes from Node's `Buffer` pool: about 6× cheaper than Node 20's `TextEncoder.encode` for the
 * few hundred characters of a stream event (which allocates a backing store per call). A `Buffer` is a `Uint8Array`.
 */
const encodeUtf8WithBuffer = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/**
 * gpt-tokenizer's o200k_base, imported when the gateway first needs an estimate: its rank table costs about 20 MiB of
 * heap, 65 MiB of RSS and 0.4 s at start in Node 20, which a gateway that never estimates should not pay.
 */
const loadO200kBase = async () => (await import('gpt-tokenizer/encoding/o200k_base')).countTokens;

/** A `node:http` request listener (also an Express handler). */
export type NodeRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const INTERNAL_ERROR = JSON.stringify({
  error: { message: 'The gateway failed to handle the request.', type: 'server_error', param: null, code: 'internal_error' },
});

/**
 * The gateway served straight from Node's `http` objects: the request is read from the `IncomingMessage` and the
 * reply written to the `ServerResponse`, without building a Web `Request` or `Response`. Its defaults, each replaced
 * by the option of the same name:
 *
 * - `fetch`: upstream calls through `createNodeFetch()`;
 * - `replayFetch`: the replay models answer from the embedded recordings;
 * - `encodeUtf8`: stream output encoded with `Buffer.from`;
 * - `log`: one JSON line per request on stdout, written in batches by `writeLogLineToStdout` (the core's own default,
 *   `console.log` per line, cost about 34 µs of CPU per request more in the Express arm, BENCHMARKS.md item 35);
 * - `tokenCounter`: estimates (`/v1/messages/count_tokens` on upstreams without a counter, a Messages stream's
 *   `message_start`) with gpt-tokenizer's o200k_base, imported by the first request that needs one (that request
 *   waits for it, about 0.4 s once; the gateway starts without its 65 MiB).
 *
 * Upstream stream bytes are decoded by the gateway's default, which is as fast as Node's `StringDecoder` since it
 * decodes whole characters with one shared `TextDecoder`. A stream is written chunk by chunk as it is translated, with
 * backpressure; a client that goes away aborts the upstream call.
 */
export function createNodeRequestListener(options: GatewayOptions): NodeRequestListener {
  const core = createGatewayCore({
    ...options,
    fetch: options.fetch ?? createNodeFetch(),
    replayFetch: options.replayFetch ?? createReplayFetch(),
    tokenCounter: options.tokenCounter ?? { encoding: 'o200k_base', load: loadO200kBase },
    encodeUtf8: options.encodeUtf8 ?? encodeUtf8WithBuffer,
    log: options.log ?? writeLogLineToStdout,
  });
  return (request, response) => {
    void serve(core, request, response, undefined);
  };
}

/**
 * The `GatewayRequest` of a Node request, and what follows its response's `close`: a class, so that `signal` is made
 * only when a core asks for it (the gateway's own core listens through `closed`), and one listener tells both the
 * core and a stream being written that the client went away.
 */
class NodeGatewayRequest implements GatewayRequest {
  readonly method: string;
  readonly path: string;
  readonly body: GatewayRequest['body'];
  /** A request header by lower-case name (a function of its own: the core passes it on). */
  readonly header: GatewayRequest['header'];
  /** Aborts when the client goes away. No `AbortSignal` unless something asks for one (about 1.8 µs each in Node 20). */
  readonly closed = new LazyAbortController();
  /** The stream reply being written, if any: cancelled when the client goes away. */
  writer: StreamReplyWriter | undefined = undefined;
  /** What the core asked to be told once a complete reply is written (its log line). */
  private replied: (() => void) | undefined = undefined;

  constructor(
    request: IncomingMessage,
    private readonly response: ServerResponse,
    /** `serveGatewayRequest`'s end, if it was called that way. */
    private readonly written: (() => void) | undefined,
  ) {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    this.method = request.method ?? 'GET';
    this.path = query === -1 ? url : url.slice(0, query);
    // Stopping early (a body over the size limit) leaves the rest to Node, which discards it once the reply is sent.
    this.body = hasBody(request) ? new ReadableByteSource(request, false) : null;
    const headers = request.headers;
    this.header = (name) => {
      const value = headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    };
    response.once('close', this.onResponseClose);
  }

  afterReply(callback: () => void): void {
    this.replied = callback;
  }

  /** The reply is written (or could not be): tells the core, then `serveGatewayRequest`'s caller. */
  replyWritten(): void {
    const replied = this.replied;
    this.replied = undefined;
    try {
      replied?.();
    } catch (error) {
      // The reply has left; a log function that throws must not take the process down (an unhandled rejection).
      console.error(`interlingua: the log function failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.written?.();
  }

  /** Aborts when the client goes away (made on first use). */
  get signal(): AbortSignal {
    return this.closed.signal;
  }

  private readonly onResponseClose = (): void => {
    if (this.response.writableFinished) return;
    this.closed.abort(new Error('client closed the connection'));
    this.writer?.cancel();
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return request.headers['transfer-encoding'] !== undefined;
}

/** Runs one request through `core` and writes its reply; never throws; settles when the reply is written. */
export function serveGatewayRequest(core: GatewayCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => void serve(core, request, response, resolve));
}

/** `serveGatewayRequest` with an optional callback for the end instead of a promise (the listener needs none). */
async function serve(core: GatewayCore, request: IncomingMessage, response: ServerResponse, written: (() => void) | undefined): Promise<void> {
  const gatewayRequest = new NodeGatewayRequest(request, response, written);
  let reply: GatewayReply;
  try {
    reply = await core(gatewayRequest);
  } catch {
    reply = { status: 500, headers: { 'content-type': 'application/json' }, body: INTERNAL_ERROR };
  }
  // A stream reply's bytes are read directly when the reply offers them so (its `body`, a Web stream, is then never made).
  const stream = reply.stream;
  const body = stream ? undefined : reply.body;
  if (typeof body === 'string') {
    try {
      if (!response.destroyed) {
        response.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(body) });
        response.end(body);
      }
    } catch {
      // A reply Node refuses to write (an invalid header) is a bug: close the socket rather than fail the caller.
      response.destroy();
    }
    gatewayRequest.replyWritten();
    return;
  }
  const writer = new StreamReplyWriter(stream ?? body!.getReader(), response, gatewayRequest);
  gatewayRequest.writer = writer;
  writer.start(reply.status, reply.headers);
}

/** What a `StreamReplyWriter` reads: a reply's `stream`, or a Web stream's reader. */
interface ByteChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(): Promise<void>;
}

/**
 * Writes a stream reply chunk by chunk as it is read, waiting for `drain` when the socket's buffer is full. One object
 * and a callback per read rather than an async loop: an open stream mostly waits for its next chunk, and a suspended
 * async function (with its caller) holds more memory while it does.
 */
class StreamReplyWriter {
  private over = false;
  /** Whether the head has left (with a chunk, the end, or on its own); `headersSent` is already true after `writeHead`. */
  private headSent = false;

  constructor(
    private readonly reader: ByteChunkReader,
    private readonly response: ServerResponse,
    private readonly request: NodeGatewayRequest,
  ) {}

  start(status: number, headers: Record<string, string>): void {
    const response = this.response;
    if (response.destroyed) {
      this.cancel();
      this.end();
      return;
    }
    try {
      // The head goes out with the first chunk when that is read within this turn of the event loop (one write, one
      // packet: the usual case when the upstream's first event came with its headers); otherwise on its own at the
      // next turn, so a client still sees the stream open before a slow first event.
      response.writeHead(status, headers);
      setImmediate(flushHeadOf, this);
    } catch {
      this.cancel();
      this.onFailure();
      return;
    }
    this.readNext();
  }

  flushHead(): void {
    if (this.headSent || this.over) return;
    this.headSent = true;
    const response = this.response;
    if (!response.destroyed) response.flushHeaders();
  }

  /** The client went away: stop the reply's source. */
  cancel(): void {
    this.reader.cancel().catch(ignore);
  }

  private readNext(): void {
    let read: Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    try {
      read = this.reader.read();
    } catch {
      this.onFailure();
      return;
    }
    read.then(this.onChunk, this.onFailure);
  }

  private readonly onChunk = (result: { done: boolean; value?: Uint8Array | undefined }): void => {
    const response = this.response;
    this.headSent = true;
    try {
      if (result.done || result.value === undefined) {
        response.end();
        this.end();
        return;
      }
      if (response.destroyed) {
        this.cancel();
        this.end();
        return;
      }
      if (response.write(result.value)) this.readNext();
      else {
        const onDrain = (this.onDrain ??= () => this.resume());
        response.on('drain', onDrain);
        response.on('close', onDrain);
      }
    } catch {
      this.onFailure();
    }
  };

  /** Made the first time the socket's buffer is full. */
  private onDrain: (() => void) | undefined = undefined;

  private resume(): void {
    this.response.off('drain', this.onDrain!);
    this.response.off('close', this.onDrain!);
    this.readNext();
  }

  /** The gateway's stream ends with an error payload rather than failing; a failure here is a bug: close the socket. */
  private readonly onFailure = (): void => {
    this.response.destroy();
    this.end();
  };

  private end(): void {
    if (this.over) return;
    this.over = true;
    this.request.replyWritten();
  }
}

function ignore(): void {}

/** The next turn after a stream's head was set: sends it on its own unless a chunk (or the end) took it along. */
function flushHeadOf(writer: StreamReplyWriter): void {
  writer.flushHead();
}
