import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { anthropicBridge } from '../bridges/anthropic-bridge.js';
import type { UpstreamStreamTranscoder } from '../bridges/provider-bridge.js';
import { callUpstream } from '../call-upstream.js';
import { checkRequestLimits } from '../check-request-limits.js';
import { linkAbortSignals, type Deadline } from '../create-deadline.js';
import type { GatewayReply, GatewayRequest } from '../gateway-exchange.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { GatewayRuntime, RequestReport } from '../handle-translated-request.js';
import { jsonResponse } from '../json-response.js';
import { readUpstreamBody } from '../read-upstream-body.js';
import { resolveModelRoute } from '../resolve-model-route.js';
import { superviseUpstreamStream } from '../supervise-upstream-stream.js';
import type { ClientFront } from './client-front.js';
import { MESSAGES_API_VERSION } from './messages-front.js';

const MAX_ERROR_BODY_BYTES = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Response headers of Anthropic's that a client may read, passed on as sent. */
const PASSED_HEADERS = ['retry-after', 'request-id', 'anthropic-organization-id', 'x-should-retry'];

function passedHeaders(headers: { get(name: string): string | null }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/**
 * Anthropic's own stream, passed on byte for byte. It is complete once `event: message_stop` or `event: error` has
 * gone by (a later cut is then harmless); the supervisor's own failure frames (an OpenAI `data: {"error": …}` payload
 * on a timeout) are rewritten as Anthropic `error` events on the way out.
 */
function createPassThroughTranscoders(): { transcoder: UpstreamStreamTranscoder; clientTranscoder: { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array } } {
  let tail = '';
  let settled = false;
  const transcoder: UpstreamStreamTranscoder = {
    push(chunk) {
      tail = (tail + decoder.decode(chunk, { stream: true })).slice(-4096);
      if (/event: (message_stop|error)\r?\n/.test(tail)) settled = true;
      return chunk;
    },
    end: () => new Uint8Array(0),
    get settled() {
      return settled;
    },
  };
  const clientTranscoder = {
    push(chunk: Uint8Array): Uint8Array {
      // Anthropic's data lines start `{"type":`; only the gateway's own failure frame starts `data: {"error"`.
      const text = decoder.decode(chunk);
      if (!text.startsWith('data: {"error"')) return chunk;
      try {
        const envelope = JSON.parse(text.slice(6).trim()) as { error?: { message?: string; type?: string } };
        const type = envelope.error?.type === 'timeout_error' ? 'timeout_error' : 'api_error';
        return encoder.encode(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type, message: envelope.error?.message ?? 'The stream failed.' } })}\n\n`);
      } catch {
        return chunk;
      }
    },
    end: () => new Uint8Array(0),
  };
  return { transcoder, clientTranscoder };
}

export interface PassThroughResult {
  reply: GatewayReply;
  /** The reply is a stream that now owns the deadline (the caller must not dispose it). */
  streaming: boolean;
}

/**
 * A Messages request (or a count_tokens request, `path`) whose model routes to the Anthropic upstream: sent
 * unchanged but for `model` (the routed name) and the credentials (`x-api-key`); `anthropic-version` (default
 * 2023-06-01) and `anthropic-beta` (unless the operator set `forwardBetaHeader: false`) are forwarded. The reply —
 * JSON, stream or error — reaches the client as Anthropic sent it, under the gateway's limits, timeouts and log.
 * `null` when the request does not route to Anthropic (or routes to a replay model): it is translated instead.
 */
export async function passThroughAnthropicRequest(
  front: Pick<ClientFront, 'toClientError'>,
  json: unknown,
  path: '/v1/messages' | '/v1/messages/count_tokens',
  request: GatewayRequest,
  options: GatewayOptions,
  report: RequestReport,
  runtime: GatewayRuntime,
  deadline: Deadline,
): Promise<PassThroughResult | null> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const body = json as Record<string, unknown>;
  if (typeof body['model'] !== 'string') return null;
  const route = resolveModelRoute(options, body['model']);
  if (!route || route.upstream !== 'anthropic' || route.replay) return null;
  const stream = path === '/v1/messages' && body['stream'] === true;
  report.model = body['model'];
  report.upstream = 'anthropic (passthrough)';
  report.stream = stream;
  const fail = (error: OpenAIErrorResponse, headers: Record<string, string> = {}): PassThroughResult => {
    const translated = front.toClientError(error.status, error.body);
    return { reply: jsonResponse(translated.status, translated.body, headers), streaming: false };
  };
  // The gateway's message-count limit holds here too (inline images are counted on the translated path only).
  const overLimit = Array.isArray(body['messages']) ? checkRequestLimits(body['messages'], runtime.limits) : undefined;
  if (overLimit) return fail(overLimit);
  const settings = options.upstreams?.anthropic;
  if (!settings?.apiKey) return fail(createOpenAIError(503, 'The anthropic upstream has no API key configured.', { code: 'upstream_not_configured' }));

  let release: (() => void) | undefined;
  if (stream) {
    release = runtime.streamSlots.tryAcquire();
    if (!release) {
      report.error = 'too_many_concurrent_streams';
      return fail(createOpenAIError(429, `This gateway is serving its limit of ${runtime.limits.maxConcurrentStreams} concurrent streams; retry shortly.`, { code: 'too_many_concurrent_streams' }), { 'retry-after': '1' });
    }
  }
  const controller = new AbortController();
  const unlinkClient = linkAbortSignals(controller, [request.signal]);
  const unlinkDeadline = deadline.onExpire(() => controller.abort(new Error('request timeout')));
  let handedOver = false;
  try {
    const beta = settings.forwardBetaHeader === false ? null : request.header('anthropic-beta');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': request.header('anthropic-version') ?? MESSAGES_API_VERSION,
      ...(beta ? { 'anthropic-beta': beta } : {}),
      ...anthropicBridge.authHeaders(settings.apiKey),
    };
    const baseUrl = (settings.baseUrl ?? anthropicBridge.defaultBaseUrl).replace(/\/+$/, '');
    const called = await callUpstream(options.fetch ?? fetch, baseUrl + path, { headers, body: JSON.stringify({ ...body, model: route.upstreamModel }) }, {
      controller,
      clientSignal: request.signal,
      deadline,
      headersTimeoutMs: runtime.limits.upstreamTimeoutMs,
    });
    if (!called.ok) {
      report.error = called.reason;
      return fail(called.error);
    }
    const response = called.response;
    const kept = passedHeaders(response.headers);
    if (response.status < 200 || response.status > 299) {
      report.error = `upstream_${response.status}`;
      const text = await readUpstreamBody(response, { controller, idleTimeoutMs: runtime.limits.streamIdleTimeoutMs, maxBytes: MAX_ERROR_BODY_BYTES, truncate: true });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.ok ? text.text : '');
      } catch {
        return fail(createOpenAIError(response.status, `Anthropic answered with status ${response.status}.`), kept);
      }
      return { reply: jsonResponse(response.status, parsed, kept), streaming: false };
    }
    if (stream && response.body) {
      const { transcoder, clientTranscoder } = createPassThroughTranscoders();
      let finishStream!: () => void;
      report.streamFinished = new Promise<void>((resolve) => {
        finishStream = resolve;
      });
      const piped = superviseUpstreamStream(response.body, {
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
          finishStream();
        },
      });
      handedOver = true;
      return {
        reply: { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...kept }, body: piped },
        streaming: true,
      };
    }
    const text = await readUpstreamBody(response, { controller, idleTimeoutMs: runtime.limits.streamIdleTimeoutMs, maxBytes: runtime.limits.maxEventBytes });
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
    const usage = (parsed as { usage?: Record<string, unknown> } | null)?.usage;
    if (usage && typeof usage['input_tokens'] === 'number') {
      const count = (key: string) => (typeof usage[key] === 'number' ? (usage[key] as number) : 0);
      report.prompt_tokens = count('input_tokens') + count('cache_read_input_tokens') + count('cache_creation_input_tokens');
      if (typeof usage['output_tokens'] === 'number') report.completion_tokens = usage['output_tokens'];
    }
    return { reply: jsonResponse(200, parsed, kept), streaming: false };
  } finally {
    if (!handedOver) {
      release?.();
      unlinkClient();
      unlinkDeadline();
    }
  }
}
