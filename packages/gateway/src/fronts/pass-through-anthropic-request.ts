import { createOpenAIError } from '@interlingua/openai-schema';
import { anthropicBridge } from '../bridges/anthropic-bridge.js';
import { checkRequestLimits } from '../check-request-limits.js';
import type { Deadline } from '../create-deadline.js';
import { forwardJsonWithModel } from '../forward-json-with-model.js';
import type { GatewayRequest } from '../gateway-exchange.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { GatewayRuntime, RequestReport } from '../handle-translated-request.js';
import type { RequestBodyJson } from '../read-request-body.js';
import type { ClientFront } from './client-front.js';
import { MESSAGES_API_VERSION } from './messages-front.js';
import { forwardNativeRequest, passThroughFailure, routeNativeRequest, type NativeStreamWatch, type PassThroughResult } from './pass-through-native-request.js';

/** Response headers of Anthropic's that a client may read, passed on as sent. */
const PASSED_HEADERS = ['retry-after', 'request-id', 'anthropic-organization-id', 'x-should-retry'];

/**
 * Anthropic's own stream is complete once `event: message_stop` or `event: error` has gone by; the supervisor's own
 * failure frames (an OpenAI `data: {"error": …}` payload on a timeout) become Anthropic `error` events.
 */
const STREAM_WATCH: NativeStreamWatch = {
  overlap: 32, // `event: message_stop\r\n` is 22 characters
  observe: (text) => /event: (message_stop|error)\r?\n/.test(text),
  errorEvent(error) {
    const type = error?.type === 'timeout_error' ? 'timeout_error' : 'api_error';
    return { type: 'error', error: { type, message: error?.message ?? 'The stream failed.' } };
  },
};

/**
 * A Messages request (or a count_tokens request, `path`) whose model routes to the Anthropic upstream: sent
 * unchanged but for `model` (the routed name) and the credentials (`x-api-key`); `anthropic-version` (default
 * 2023-06-01) and `anthropic-beta` (unless the operator set `forwardBetaHeader: false`) are forwarded. The reply —
 * JSON, stream or error — reaches the client as Anthropic sent it, under the gateway's limits, timeouts and log.
 * `null` when the request does not route to Anthropic (or routes to a replay model): it is translated instead.
 */
export async function passThroughAnthropicRequest(
  front: Pick<ClientFront, 'toClientError'>,
  requestBody: RequestBodyJson,
  path: '/v1/messages' | '/v1/messages/count_tokens',
  request: GatewayRequest,
  options: GatewayOptions,
  report: RequestReport,
  runtime: GatewayRuntime,
  deadline: Deadline,
): Promise<PassThroughResult | null> {
  const routed = routeNativeRequest(requestBody.json, options, 'anthropic');
  if (!routed) return null;
  const { body, model, route } = routed;
  const stream = path === '/v1/messages' && body['stream'] === true;
  report.model = model;
  report.upstream = 'anthropic (passthrough)';
  report.stream = stream;
  // The gateway's message-count limit holds here too (inline images are counted on the translated path only).
  const overLimit = Array.isArray(body['messages']) ? checkRequestLimits(body['messages'], runtime.limits) : undefined;
  if (overLimit) return passThroughFailure(front, overLimit);
  const settings = options.upstreams?.anthropic;
  const apiKey = settings?.apiKey;
  if (!apiKey) return passThroughFailure(front, createOpenAIError(503, 'The anthropic upstream has no API key configured.', { code: 'upstream_not_configured' }));

  return forwardNativeRequest({
    front,
    request,
    options,
    report,
    runtime,
    deadline,
    stream,
    upstreamCall() {
      const beta = settings.forwardBetaHeader === false ? null : request.header('anthropic-beta');
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'anthropic-version': request.header('anthropic-version') ?? MESSAGES_API_VERSION,
        ...(beta ? { 'anthropic-beta': beta } : {}),
        ...anthropicBridge.authHeaders(apiKey),
      };
      const baseUrl = (settings.baseUrl ?? anthropicBridge.defaultBaseUrl).replace(/\/+$/, '');
      return { url: baseUrl + path, headers, body: forwardJsonWithModel(requestBody.text, body, route.upstreamModel) };
    },
    upstreamName: 'Anthropic',
    passedHeaders: PASSED_HEADERS,
    streamWatch: STREAM_WATCH,
    reportUsage(usage) {
      if (usage && typeof usage['input_tokens'] === 'number') {
        const count = (key: string) => (typeof usage[key] === 'number' ? (usage[key] as number) : 0);
        report.prompt_tokens = count('input_tokens') + count('cache_read_input_tokens') + count('cache_creation_input_tokens');
        if (typeof usage['output_tokens'] === 'number') report.completion_tokens = usage['output_tokens'];
      }
    },
  });
}
