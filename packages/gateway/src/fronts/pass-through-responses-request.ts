import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { openAICompatibleBridge } from '../bridges/openai-compatible-bridge.js';
import type { UpstreamStreamTranscoder } from '../bridges/provider-bridge.js';
import { callUpstream } from '../call-upstream.js';
import { linkAbortSignals, type Deadline } from '../create-deadline.js';
import type { GatewayRequest } from '../gateway-exchange.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { GatewayRuntime, RequestReport } from '../handle-translated-request.js';
import { jsonResponse } from '../json-response.js';
import { readUpstreamBody } from '../read-upstream-body.js';
import { resolveModelRoute } from '../resolve-model-route.js';
import { superviseUpstreamStream } from '../supervise-upstream-stream.js';
import type { ClientFront } from './client-front.js';
import type { PassThroughResult } from './pass-through-anthropic-request.js';

const MAX_ERROR_BODY_BYTES = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const PASSED_HEADERS = ['retry-after', 'x-request-id', 'openai-processing-ms'];
const TERMINAL = /"type":\s*"(response\.completed|response\.incomplete|response\.failed|error)"/;

function passedHeaders(headers: { get(name: string): string | null }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/**
 * The upstream's own Responses stream, passed on byte for byte. It is complete once a terminal event (or an `error`
 * event) has gone by; the supervisor's own failure frames (an OpenAI `data: {"error": …}` payload on a timeout) are
 * rewritten as a Responses `error` event numbered after the last event seen.
 */
function createPassThroughTranscoders(): { transcoder: UpstreamStreamTranscoder; clientTranscoder: { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array } } {
  let tail = '';
  let settled = false;
  let lastSequence = -1;
  const transcoder: UpstreamStreamTranscoder = {
    push(chunk) {
      tail = (tail + decoder.decode(chunk, { stream: true })).slice(-8192);
      for (const match of tail.matchAll(/"sequence_number":\s*(\d+)/g)) lastSequence = Math.max(lastSequence, Number(match[1]));
      if (TERMINAL.test(tail)) settled = true;
      return chunk;
    },
    end: () => new Uint8Array(0),
    get settled() {
      return settled;
    },
  };
  const clientTranscoder = {
    push(chunk: Uint8Array): Uint8Array {
      const text = decoder.decode(chunk);
      if (!text.startsWith('data: {"error"')) return chunk;
      try {
        const envelope = JSON.parse(text.slice(6).trim()) as { error?: { message?: string; code?: string | null } };
        const event = { type: 'error', code: envelope.error?.code ?? 'server_error', message: envelope.error?.message ?? 'The stream failed.', param: null, sequence_number: lastSequence + 1 };
        return encoder.encode(`event: error\ndata: ${JSON.stringify(event)}\n\n`);
      } catch {
        return chunk;
      }
    },
    end: () => new Uint8Array(0),
  };
  return { transcoder, clientTranscoder };
}

/**
 * A Responses request whose model routes to an OpenAI-compatible upstream configured with `responsesApi: true` (an
 * upstream that serves `POST /responses` itself: OpenAI, vLLM, …): sent unchanged to `<baseUrl>/responses` but for
 * `model` (the routed name) and the credentials. The reply — JSON, stream or error — reaches the client as the
 * upstream sent it, under the gateway's limits, timeouts and log; `store`, `previous_response_id` and the stored
 * responses are the upstream's. `null` when the request does not route there: it is translated instead.
 */
export async function passThroughResponsesRequest(
  front: Pick<ClientFront, 'toClientError'>,
  json: unknown,
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
  const settings = options.upstreams?.['openai-compatible'];
  if (!route || route.upstream !== 'openai-compatible' || route.replay || settings?.responsesApi !== true) return null;
  const stream = body['stream'] === true;
  report.model = body['model'];
  report.upstream = 'openai-compatible (responses passthrough)';
  report.stream = stream;
  const fail = (error: OpenAIErrorResponse, headers: Record<string, string> = {}): PassThroughResult => {
    const translated = front.toClientError(error.status, error.body);
    return { reply: jsonResponse(translated.status, translated.body, headers), streaming: false };
  };
  if (!settings.apiKey) return fail(createOpenAIError(503, 'The openai-compatible upstream has no API key configured.', { code: 'upstream_not_configured' }));

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
    const baseUrl = (settings.baseUrl ?? openAICompatibleBridge.defaultBaseUrl).replace(/\/+$/, '');
    const called = await callUpstream(
      options.fetch ?? fetch,
      `${baseUrl}/responses`,
      { headers: { 'content-type': 'application/json', ...openAICompatibleBridge.authHeaders(settings.apiKey) }, body: JSON.stringify({ ...body, model: route.upstreamModel }) },
      { controller, clientSignal: request.signal, deadline, headersTimeoutMs: runtime.limits.upstreamTimeoutMs },
    );
    if (!called.ok) {
      report.error = called.reason;
      return fail(called.error);
    }
    const response = called.response;
    const kept = passedHeaders(response.headers);
    if (response.status < 200 || response.status > 299) {
      report.error = `upstream_${response.status}`;
      const text = await readUpstreamBody(response, { controller, idleTimeoutMs: runtime.limits.streamIdleTimeoutMs, maxBytes: MAX_ERROR_BODY_BYTES, truncate: true });
      try {
        return { reply: jsonResponse(response.status, JSON.parse(text.ok ? text.text : ''), kept), streaming: false };
      } catch {
        return fail(createOpenAIError(response.status, `The upstream answered with status ${response.status}.`), kept);
      }
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
    if (usage && typeof usage['input_tokens'] === 'number') report.prompt_tokens = usage['input_tokens'];
    if (usage && typeof usage['output_tokens'] === 'number') report.completion_tokens = usage['output_tokens'];
    return { reply: jsonResponse(200, parsed, kept), streaming: false };
  } finally {
    if (!handedOver) {
      release?.();
      unlinkClient();
      unlinkDeadline();
    }
  }
}
