import { createOpenAIError } from '@interlingua/openai-schema';
import { openAICompatibleBridge } from '../bridges/openai-compatible-bridge.js';
import type { Deadline } from '../create-deadline.js';
import { forwardJsonWithModel } from '../forward-json-with-model.js';
import type { GatewayRequest } from '../gateway-exchange.js';
import type { GatewayOptions } from '../gateway-options.js';
import type { GatewayRuntime, RequestReport } from '../handle-translated-request.js';
import type { RequestBodyJson } from '../read-request-body.js';
import type { ClientFront } from './client-front.js';
import { forwardNativeRequest, passThroughFailure, routeNativeRequest, type NativeStreamWatch, type PassThroughResult } from './pass-through-native-request.js';

const PASSED_HEADERS = ['retry-after', 'x-request-id', 'openai-processing-ms'];
const TERMINAL = /"type":\s*"(response\.completed|response\.incomplete|response\.failed|error)"/;

/**
 * The upstream's own Responses stream is complete once a terminal event (or an `error` event) has gone by; the
 * supervisor's own failure frames (an OpenAI `data: {"error": …}` payload on a timeout) become a Responses `error`
 * event numbered after the last event seen.
 */
function createStreamWatch(): NativeStreamWatch {
  let lastSequence = -1;
  return {
    // The terminal type and a sequence number are some 40 characters; the rest allows for whitespace around a colon.
    overlap: 128,
    observe(text) {
      // A number cut by the chunk's end is read short now and whole with the next chunk: the largest counts.
      for (const match of text.matchAll(/"sequence_number":\s*(\d+)/g)) lastSequence = Math.max(lastSequence, Number(match[1]));
      return TERMINAL.test(text);
    },
    errorEvent: (error) => ({ type: 'error', code: error?.code ?? 'server_error', message: error?.message ?? 'The stream failed.', param: null, sequence_number: lastSequence + 1 }),
  };
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
  requestBody: RequestBodyJson,
  request: GatewayRequest,
  options: GatewayOptions,
  report: RequestReport,
  runtime: GatewayRuntime,
  deadline: Deadline,
): Promise<PassThroughResult | null> {
  const routed = routeNativeRequest(requestBody.json, options, 'openai-compatible');
  const settings = options.upstreams?.['openai-compatible'];
  if (!routed || settings?.responsesApi !== true) return null;
  const { body, model, route } = routed;
  const stream = body['stream'] === true;
  report.model = model;
  report.upstream = 'openai-compatible (responses passthrough)';
  report.stream = stream;
  const apiKey = settings.apiKey;
  if (!apiKey) return passThroughFailure(front, createOpenAIError(503, 'The openai-compatible upstream has no API key configured.', { code: 'upstream_not_configured' }));

  return forwardNativeRequest({
    front,
    request,
    options,
    report,
    runtime,
    deadline,
    stream,
    upstreamCall() {
      const baseUrl = (settings.baseUrl ?? openAICompatibleBridge.defaultBaseUrl).replace(/\/+$/, '');
      return {
        url: `${baseUrl}/responses`,
        headers: { 'content-type': 'application/json', ...openAICompatibleBridge.authHeaders(apiKey) },
        body: forwardJsonWithModel(requestBody.text, body, route.upstreamModel),
      };
    },
    upstreamName: 'The upstream',
    passedHeaders: PASSED_HEADERS,
    streamWatch: createStreamWatch(),
    reportUsage(usage) {
      if (usage && typeof usage['input_tokens'] === 'number') report.prompt_tokens = usage['input_tokens'];
      if (usage && typeof usage['output_tokens'] === 'number') report.completion_tokens = usage['output_tokens'];
    },
  });
}
