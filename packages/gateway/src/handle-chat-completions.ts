import { createOpenAIError, parseChatCompletionRequest, type TranslationEnvironment } from '@interlingua/openai-schema';
import { anthropicBridge } from './bridges/anthropic-bridge.js';
import { geminiBridge } from './bridges/gemini-bridge.js';
import { openAICompatibleBridge } from './bridges/openai-compatible-bridge.js';
import type { ProviderBridge } from './bridges/provider-bridge.js';
import { callUpstream } from './call-upstream.js';
import { endStreamOnError } from './end-stream-on-error.js';
import { formatWarningsHeader } from './format-warnings-header.js';
import type { UpstreamKind } from './gateway-config.js';
import type { GatewayLogLine, GatewayOptions } from './gateway-options.js';
import { errorResponse, jsonResponse } from './json-response.js';
import { readRequestBody } from './read-request-body.js';
import { createReplayFetch } from './replay/create-replay-fetch.js';
import { resolveModelRoute } from './resolve-model-route.js';

const BRIDGES: Record<UpstreamKind, ProviderBridge> = {
  anthropic: anthropicBridge,
  gemini: geminiBridge,
  'openai-compatible': openAICompatibleBridge,
};

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_UPSTREAM_TIMEOUT_MS = 120_000;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What the request handler reports for the log line. */
export type RequestReport = Partial<Omit<GatewayLogLine, 'time' | 'method' | 'path' | 'latency_ms' | 'status'>>;

async function readErrorBody(response: Response): Promise<unknown> {
  const text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `POST /v1/chat/completions`: validate, route, map, call the upstream, translate the reply. */
export async function handleChatCompletions(
  request: Request,
  options: GatewayOptions,
  environment: TranslationEnvironment,
  report: RequestReport,
): Promise<Response> {
  const body = await readRequestBody(request, options.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const parsed = parseChatCompletionRequest(body.json);
  if (!parsed.ok) return errorResponse({ status: parsed.status, body: parsed.error });
  const clientRequest = parsed.value;
  report.model = clientRequest.model;
  report.stream = clientRequest.stream === true;

  const route = resolveModelRoute(options, clientRequest.model);
  if (!route) {
    return errorResponse(
      createOpenAIError(404, `The model '${clientRequest.model}' does not exist or is not served by this gateway; GET /v1/models lists the models.`, {
        param: 'model',
        code: 'model_not_found',
      }),
    );
  }
  report.upstream = route.replay ? `${route.upstream} (replay)` : route.upstream;
  const bridge = BRIDGES[route.upstream];
  const settings = options.upstreams?.[route.upstream];
  if (!route.replay && !settings?.apiKey) {
    return errorResponse(
      createOpenAIError(503, `The ${route.upstream} upstream has no API key configured.`, { code: 'upstream_not_configured' }),
    );
  }

  const mapped = await bridge.mapRequest(
    { ...clientRequest, model: route.upstreamModel },
    { strict: options.strict === true, ...(options.resolveMedia ? { resolveMedia: options.resolveMedia } : {}) },
  );
  if (mapped.warnings.length) report.warnings = mapped.warnings.map((warning) => `${warning.code}(${warning.param}): ${warning.message}`);
  const warningHeaders: Record<string, string> = mapped.warnings.length
    ? { 'x-interlingua-warnings': formatWarningsHeader(mapped.warnings) }
    : {};
  if (!mapped.ok) return errorResponse(mapped.error, warningHeaders);

  const fetchImplementation = route.replay ? createReplayFetch() : (options.fetch ?? fetch);
  const baseUrl = (settings?.baseUrl ?? bridge.defaultBaseUrl).replace(/\/+$/, '');
  const called = await callUpstream(
    fetchImplementation,
    baseUrl + mapped.upstream.path,
    {
      headers: { ...mapped.upstream.headers, ...(settings?.apiKey && !route.replay ? bridge.authHeaders(settings.apiKey) : {}) },
      body: JSON.stringify(mapped.upstream.body),
    },
    request.signal,
    options.limits?.upstreamTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
  );
  if (!called.ok) {
    report.error = called.reason;
    return errorResponse(called.error, warningHeaders);
  }
  const upstreamResponse = called.response;

  if (!upstreamResponse.ok) {
    // Checked before anything else: an error may arrive with any content type, even text/event-stream.
    const translated = bridge.mapError(upstreamResponse.status, await readErrorBody(upstreamResponse), upstreamResponse.headers);
    report.error = `upstream_${upstreamResponse.status}`;
    return jsonResponse(translated.status, translated.body, { ...translated.headers, ...warningHeaders });
  }

  if (clientRequest.stream === true) {
    if (!upstreamResponse.body) {
      return errorResponse(createOpenAIError(502, 'The upstream answered a stream request without a body.', { code: 'upstream_invalid_response' }));
    }
    const source = endStreamOnError(upstreamResponse.body, (error) => {
      report.error = `upstream_stream_error: ${error instanceof Error ? error.message : String(error)}`;
    });
    return new Response(source.pipeThrough(bridge.createStream(mapped.upstream.context, environment)), {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        ...warningHeaders,
      },
    });
  }

  let upstreamJson: unknown;
  try {
    upstreamJson = await upstreamResponse.json();
  } catch {
    report.error = 'upstream_invalid_json';
    return errorResponse(createOpenAIError(502, 'The upstream answered with a body that is not JSON.', { code: 'upstream_invalid_response' }), warningHeaders);
  }
  const translated = bridge.mapResponse(upstreamJson, mapped.upstream.context, environment);
  if (!translated.ok) {
    report.error = 'upstream_unexpected_response';
    return errorResponse(translated.error, warningHeaders);
  }
  const usage = (translated.response as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
  if (usage) {
    report.prompt_tokens = usage.prompt_tokens;
    report.completion_tokens = usage.completion_tokens;
  }
  const allWarnings = [...mapped.warnings, ...translated.warnings];
  return jsonResponse(200, translated.response, allWarnings.length ? { 'x-interlingua-warnings': formatWarningsHeader(allWarnings) } : {});
}
