import type { IncomingMessage, ServerResponse } from 'node:http';
import { createGatewayCore, createReplayFetch, LazyAbortController, type GatewayCore, type GatewayOptions, type GatewayReply, type GatewayRequest } from '@interlingua/gateway';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { StringDecoder } from 'node:string_decoder';
import { createNodeFetch } from './create-node-fetch.js';
import { ReadableByteSource } from './readable-byte-source.js';

/**
 * Stream output text as bytes from Node's `Buffer` pool: about 6× cheaper than Node 20's `TextEncoder.encode` for the
 * few hundred characters of a stream event (which allocates a backing store per call). A `Buffer` is a `Uint8Array`.
 */
const encodeUtf8WithBuffer = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/**
 * Upstream stream bytes as text through Node's `StringDecoder`: about a third of Node 20's `TextDecoder.decode(…,
 * {stream: true})` time for a stream chunk of a few hundred bytes, the same text (`@interlingua/sse` tests it against
 * `TextDecoder` on any bytes split anywhere).
 */
const createUtf8DecoderWithStringDecoder = () => {
  const decoder = new StringDecoder('utf8');
  return {
    write: (bytes: Uint8Array): string => decoder.write(bytes),
    end: (): string => decoder.end(),
  };
};

/** A `node:http` request listener (also an Express handler). */
export type NodeRequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const INTERNAL_ERROR = JSON.stringify({
  error: { message: 'The gateway failed to handle the request.', type: 'server_error', param: null, code: 'internal_error' },
});

/**
 * The gateway served straight from Node's `http` objects: the request is read from the `IncomingMessage` and the
 * reply written to the `ServerResponse`, without building a Web `Request` or `Response`. Upstream calls go through
 * `createNodeFetch()` unless `options.fetch` is given; the replay models answer from the embedded recordings unless
 * `options.replayFetch` is given; stream output is encoded with `Buffer.from` unless `options.encodeUtf8` is given, and upstream stream bytes decoded with `StringDecoder` unless `options.createUtf8Decoder` is given; estimates (`/v1/messages/count_tokens` on upstreams without a counter, a Messages
 * stream's `message_start`) use gpt-tokenizer's o200k_base unless `options.tokenCounter` is given. A stream is written chunk by chunk as it is translated, with
 * backpressure; a client that goes away aborts the upstream call.
 */
export function createNodeRequestListener(options: GatewayOptions): NodeRequestListener {
  const core = createGatewayCore({
    ...options,
    fetch: options.fetch ?? createNodeFetch(),
    replayFetch: options.replayFetch ?? createReplayFetch(),
    tokenCounter: options.tokenCounter ?? { encoding: 'o200k_base', countTokens },
    encodeUtf8: options.encodeUtf8 ?? encodeUtf8WithBuffer,
    createUtf8Decoder: options.createUtf8Decoder ?? createUtf8DecoderWithStringDecoder,
  });
  return (request, response) => {
    void serveGatewayRequest(core, request, response);
  };
}

/**
 * The `GatewayRequest` of a Node request: a class, so that `signal` is made only when a core asks for it (the
 * gateway's own core listens through `closed`).
 */
class NodeGatewayRequest implements GatewayRequest {
  readonly method: string;
  readonly path: string;
  readonly body: GatewayRequest['body'];
  /** A request header by lower-case name (a function of its own: the core passes it on). */
  readonly header: GatewayRequest['header'];

  constructor(
    request: IncomingMessage,
    readonly closed: LazyAbortController,
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
  }

  /** Aborts when the client goes away (made on first use). */
  get signal(): AbortSignal {
    return this.closed.signal;
  }
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return request.headers['transfer-encoding'] !== undefined;
}

/** Runs one request through `core` and writes its reply; never throws. */
export async function serveGatewayRequest(core: GatewayCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // No `AbortSignal` unless something asks for one (about 1.8 µs each in Node 20): the core listens through `closed`.
  const clientGone = new LazyAbortController();
  response.once('close', () => {
    if (!response.writableFinished) clientGone.abort(new Error('client closed the connection'));
  });
  const gatewayRequest = new NodeGatewayRequest(request, clientGone);
  let reply: GatewayReply;
  try {
    reply = await core(gatewayRequest);
  } catch {
    reply = { status: 500, headers: { 'content-type': 'application/json' }, body: INTERNAL_ERROR };
  }
  // A stream reply's bytes are read directly when the reply offers them so (its `body`, a Web stream, is then never made).
  if (reply.stream) return writeStream(reply.status, reply.headers, reply.stream, response);
  const body = reply.body;
  if (typeof body === 'string') {
    if (response.destroyed) return;
    response.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(body) });
    response.end(body);
    return;
  }
  await writeStream(reply.status, reply.headers, body.getReader(), response);
}

/** What `writeStream` reads: a reply's `stream`, or a Web stream's reader. */
interface ByteChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(): Promise<void>;
}

async function writeStream(status: number, headers: Record<string, string>, reader: ByteChunkReader, response: ServerResponse): Promise<void> {
  const cancel = () => {
    reader.cancel().catch(() => {});
  };
  if (response.destroyed) return cancel();
  response.once('close', () => {
    if (!response.writableFinished) cancel();
  });
  response.writeHead(status, headers);
  response.flushHeaders();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || value === undefined) break;
      if (response.destroyed) return cancel();
      if (!response.write(value)) {
        await new Promise<void>((resolve) => {
          const resume = () => {
            response.off('drain', resume);
            response.off('close', resume);
            resolve();
          };
          response.on('drain', resume);
          response.on('close', resume);
        });
      }
    }
    response.end();
  } catch {
    // The gateway's stream ends with an error payload rather than failing; a failure here is a bug: close the socket.
    response.destroy();
  }
}
