import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { createWholeCharacterUtf8Decoder } from '@interlingua/sse';
import type { UpstreamStreamTranscoder } from '../bridges/provider-bridge.js';
import { callUpstream } from '../call-upstream.js';
import type { Deadline } from '../create-deadline.js';
import { abortWhenClientCloses, clientClosedOf, LazyAbortController } from '../lazy-abort-controller.js';
import type { GatewayReply, GatewayRequest } from '../gateway-exchange.js';
import type { UpstreamKind } from '../gateway-config.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { GatewayRuntime, RequestReport } from '../handle-translated-request.js';
import { jsonResponse, jsonTextResponse } from '../json-response.js';
import { readUpstreamBody } from '../read-upstream-body.js';
import { resolveModelRoute, type ResolvedRoute } from '../resolve-model-route.js';
import { StreamReply } from '../pull-byte-stream.js';
import { StreamFinish } from '../stream-finish.js';
import { createSupervisedStream } from '../supervise-upstream-stream.js';
import type { ClientFront } from './client-front.js';

/*
 * What a native passthrough (a client API's request sent unchanged to an upstream that speaks the same API) does the
 * same whatever the API: route the request, hold a stream slot, call the upstream under the gateway's deadline and
 * timeouts, pass its reply (JSON, error or stream) on with the headers a client may read, and log it. The
 * API-specific parts — path, headers, error envelope, stream events, usage — are the caller's.
 */

const MAX_ERROR_BODY_BYTES = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ERROR_FRAME_START = new TextEncoder().encode('data: {"error"');

function startsWithBytes(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.byteLength < prefix.byteLength) return false;
  for (let i = 0; i < prefix.byteLength; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

export interface PassThroughResult {
  reply: GatewayReply;
  /** The reply is a stream that now owns the deadline (the caller must not dispose it). */
  streaming: boolean;
}

/** A gateway error in the client API's envelope, as a passthrough's (non-stream) result. */
export function passThroughFailure(
  front: Pick<ClientFront, 'toClientError'>,
  error: OpenAIErrorResponse,
  headers: Record<string, string> = {},
): PassThroughResult {
  const translated = front.toClientError(error.status, error.body);
  return { reply: jsonResponse(translated.status, translated.body, headers), streaming: false };
}

/**
 * The request's JSON object and its route, when its `model` routes (not as a replay model) to `upstream`; `null`
 * otherwise (the request is then translated instead).
 */
export function routeNativeRequest(
  json: unknown,
  options: GatewayOptions,
  upstream: UpstreamKind,
): { body: Record<string, unknown>; model: string; route: ResolvedRoute } | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const body = json as Record<string, unknown>;
  const model = body['model'];
  if (typeof model !== 'string') return null;
  const route = resolveModelRoute(options, model);
  if (!route || route.upstream !== upstream || route.replay) return null;
  return { body, model, route };
}

/** How a native stream is watched and how the gateway's own failure frames are told in the client API's events. */
export interface NativeStreamWatch {
  /**
   * How many characters before each chunk's text `observe` sees with it: at least the longest text it looks for, so
   * that one split across chunks is seen whole.
   */
  overlap: number;
  /**
   * Sees each chunk's text once, after the last `overlap` characters before it (so a text may be seen twice, never
   * not at all); `true` once the stream is complete.
   */
  observe(text: string): boolean;
  /** The client API's `error` event (its `data`) for the supervisor's OpenAI failure payload. */
  errorEvent(error: { message?: string; type?: string; code?: string | null } | undefined): unknown;
}

/**
 * The upstream's own stream, passed on byte for byte. It is complete once `watch.observe` says so of a chunk's text (a
 * later cut is then harmless); the supervisor's own failure frames (an OpenAI `data: {"error": …}` payload on a
 * timeout) are rewritten as the client API's `error` events on the way out.
 */
export function createPassThroughTranscoders(watch: NativeStreamWatch): {
  transcoder: UpstreamStreamTranscoder;
  clientTranscoder: { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array };
} {
  let before = '';
  // One decoder per stream: a character split across chunks must be joined with its own stream's next bytes.
  const streamDecoder = createWholeCharacterUtf8Decoder();
  // `settled` a plain field kept up to date (an object literal with a getter costs about 700 bytes per stream).
  const transcoder: { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array; settled: boolean } = {
    push(chunk) {
      // Each chunk's text is looked at once (with a short overlap), not a long tail of the stream after every chunk: a
      // terminal event longer than any tail is seen all the same, and a chunk costs what its own text costs.
      const text = before + streamDecoder.write(chunk);
      if (watch.observe(text)) transcoder.settled = true;
      before = text.length > watch.overlap ? text.slice(-watch.overlap) : text;
      return chunk;
    },
    end: () => new Uint8Array(0),
    settled: false,
  };
  const clientTranscoder = {
    push(chunk: Uint8Array): Uint8Array {
      // The upstreams' data lines are events of their own; only the gateway's own failure frame starts `data: {"error"`
      // (it is always one whole frame, so a stateless decode of it is exact).
      if (!startsWithBytes(chunk, ERROR_FRAME_START)) return chunk;
      const text = decoder.decode(chunk);
      try {
        const envelope = JSON.parse(text.slice(6).trim()) as { error?: { message?: string; type?: string; code?: string | null } };
        return encoder.encode(`event: error\ndata: ${JSON.stringify(watch.errorEvent(envelope.error))}\n\n`);
      } catch {
        return chunk;
      }
    },
    end: () => new Uint8Array(0),
  };
  return { transcoder, clientTranscoder };
}

function pickHeaders(headers: { get(name: string): string | null }, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

export interface NativePassThrough {
  front: Pick<ClientFront, 'toClientError'>;
  request: GatewayRequest;
  options: GatewayOptions;
  report: RequestReport;
  runtime: GatewayRuntime;
  deadline: Deadline;
  stream: boolean;
  /** The upstream call (built once a stream's slot is held). */
  upstreamCall(): { url: string; headers: Record<string, string>; body: string };
  /** Who answered, for an error reply that is not JSON: "<name> answered with status <status>." */
  upstreamName: string;
  /** The upstream's response headers a client may read, passed on as sent. */
  passedHeaders: readonly string[];
  streamWatch: NativeStreamWatch;
  /** Reads the token counts of a JSON reply's `usage` into the log line. */
  reportUsage(usage: Record<string, unknown> | undefined): void;
}

/**
 * Sends a routed request to its upstream unchanged and passes the reply — JSON, stream or error — on as the upstream
 * sent it, under the gateway's stream limit, deadline, timeouts and log.
 */
export async function forwardNativeRequest(call: NativePassThrough): Promise<PassThroughResult> {
  const { front, request, options, report, runtime, deadline, stream } = call;
  const fail = (error: OpenAIErrorResponse, headers: Record<string, string> = {}): PassThroughResult => passThroughFailure(front, error, headers);
  let release: (() => void) | undefined;
  if (stream) {
    release = runtime.streamSlots.tryAcquire();
    if (!release) {
      report.error = 'too_many_concurrent_streams';
      return fail(createOpenAIError(429, `This gateway is serving its limit of ${runtime.limits.maxConcurrentStreams} concurrent streams; retry shortly.`, { code: 'too_many_concurrent_streams' }), { 'retry-after': '1' });
    }
  }
  const controller = new LazyAbortController();
  const clientClosed = clientClosedOf(request);
  const unlinkClient = abortWhenClientCloses(controller, clientClosed);
  const unlinkDeadline = deadline.onExpire(() => controller.abort(new Error('request timeout')));
  let handedOver = false;
  try {
    const upstream = call.upstreamCall();
    const called = await callUpstream(options.fetch ?? fetch, upstream.url, { headers: upstream.headers, body: upstream.body }, {
      controller,
      clientClosed,
      deadline,
      headersTimeoutMs: runtime.limits.upstreamTimeoutMs,
    });
    if (!called.ok) {
      report.error = called.reason;
      return fail(called.error);
    }
    const response = called.response;
    const kept = pickHeaders(response.headers, call.passedHeaders);
    if (response.status < 200 || response.status > 299) {
      report.error = `upstream_${response.status}`;
      const text = await readUpstreamBody(response, { controller, deadline, idleTimeoutMs: runtime.limits.streamIdleTimeoutMs, maxBytes: MAX_ERROR_BODY_BYTES, truncate: true });
      // The upstream's error as it wrote it, when that is JSON (a body cut at the limit is not).
      if (text.ok && isJson(text.text)) return { reply: jsonTextResponse(response.status, text.text, kept), streaming: false };
      return fail(createOpenAIError(response.status, `${call.upstreamName} answered with status ${response.status}.`), kept);
    }
    if (stream && response.body) {
      const { transcoder, clientTranscoder } = createPassThroughTranscoders(call.streamWatch);
      const streamFinished = (report.streamFinished = new StreamFinish());
      const piped = createSupervisedStream(response.body, {
        transcoder,
        clientTranscoder,
        controller,
        deadline,
        idleTimeoutMs: runtime.limits.streamIdleTimeoutMs,
        onFinish(outcome) {
          release?.();
          unlinkClient();
          unlinkDeadline();
          deadline.dispose();
          if (outcome.kind !== 'completed') report.error = outcome.kind === 'upstream_broken' ? `upstream_stream_error: ${outcome.detail}` : outcome.kind;
          streamFinished.finish();
        },
      });
      handedOver = true;
      return {
        reply: new StreamReply(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...kept }, piped),
        streaming: true,
      };
    }
    const text = await readUpstreamBody(response, { controller, deadline, idleTimeoutMs: runtime.limits.streamIdleTimeoutMs, maxBytes: runtime.limits.maxEventBytes });
    if (!text.ok) {
      report.error = `upstream_body_${text.reason}`;
      return fail(createOpenAIError(502, 'The upstream connection broke before the reply was complete.', { type: 'api_error', code: 'upstream_incomplete_response' }));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.text);
    } catch {
      report.error = 'upstream_invalid_json';
      return fail(createOpenAIError(502, 'The upstream answered with a body that is not JSON.', { code: 'upstream_invalid_response' }));
    }
    call.reportUsage((parsed as { usage?: Record<string, unknown> } | null)?.usage);
    // The reply as the upstream wrote it (parsed above for its usage and to know it is JSON).
    return { reply: jsonTextResponse(200, text.text, kept), streaming: false };
  } finally {
    if (!handedOver) {
      release?.();
      unlinkClient();
      unlinkDeadline();
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
