import { createOpenAIError, type ChatCompletion, type OpenAIErrorResponse, type OpenAIStreamFrame, type TranslationEnvironment, type TranslationWarning } from '@interlingua/openai-schema';
import { anthropicBridge } from './bridges/anthropic-bridge.js';
import { geminiBridge } from './bridges/gemini-bridge.js';
import { openAICompatibleBridge } from './bridges/openai-compatible-bridge.js';
import type { BridgeRequestOptions, ProviderBridge } from './bridges/provider-bridge.js';
import { callUpstream } from './call-upstream.js';
import { checkRequestLimits } from './check-request-limits.js';
import { createDeadline, type Deadline } from './create-deadline.js';
import type { StreamSlots } from './create-stream-slots.js';
import { formatWarningsHeader } from './format-warnings-header.js';
import type { ClientFront } from './fronts/client-front.js';
import { passThroughAnthropicRequest } from './fronts/pass-through-anthropic-request.js';
import { passThroughResponsesRequest } from './fronts/pass-through-responses-request.js';
import type { GatewayReply, GatewayRequest } from './gateway-exchange.js';
import type { UpstreamKind } from './gateway-config.js';
import type { GatewayLogLine, GatewayOptions } from './gateway-options.js';
import { forwardJsonWithModel } from './forward-json-with-model.js';
import { jsonResponse, jsonTextResponse } from './json-response.js';
import { abortWhenClientCloses, clientClosedOf, LazyAbortController, type ClientClosed } from './lazy-abort-controller.js';
import { readRequestBody } from './read-request-body.js';
import { readUpstreamBody } from './read-upstream-body.js';
import type { ResolvedGatewayLimits } from './resolve-gateway-limits.js';
import { resolveModelRoute } from './resolve-model-route.js';
import { StreamReply } from './pull-byte-stream.js';
import { StreamFinish } from './stream-finish.js';
import { createSupervisedStream } from './supervise-upstream-stream.js';
import { unconfiguredVertexBridge, vertexBridgeFor } from './vertex/create-vertex-bridge.js';
import type { VertexSettings } from './vertex/vertex-settings.js';
import type { TokenCounterSource } from './fronts/create-token-counter-source.js';

/** The provider bridges, by upstream kind. */
export const BRIDGES: Record<UpstreamKind, ProviderBridge> = {
  anthropic: anthropicBridge,
  gemini: geminiBridge,
  'openai-compatible': openAICompatibleBridge,
  // Vertex's bridge depends on its settings (host, project, token cache): the one serving requests is vertexBridgeFor's.
  vertex: unconfiguredVertexBridge,
};

const NO_VERTEX_SETTINGS: VertexSettings = {};

const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What the request handler reports for the log line. */
export type RequestReport = Partial<Omit<GatewayLogLine, 'time' | 'method' | 'path' | 'latency_ms' | 'status'>> & {
  /** For a stream: finishes when the client's stream is over, so the log line can say how it ended. */
  streamFinished?: StreamFinish;
};

/** What lives as long as the gateway: its limits and the count of streams in flight. */
export interface GatewayRuntime {
  limits: ResolvedGatewayLimits;
  streamSlots: StreamSlots;
  /** `GatewayOptions.tokenCounter`, loaded once for the whole gateway when it is given as a loader. */
  tokenCounter?: TokenCounterSource;
}

function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether any request could be served: an upstream with a key, or a replay model with its upstream. */
function hasAnyUpstream(options: GatewayOptions): boolean {
  const upstreams = Object.values(options.upstreams ?? {}) as (VertexSettings | undefined)[];
  if (upstreams.some((settings) => settings?.apiKey || settings?.credentials !== undefined || settings?.credentialsFile !== undefined)) return true;
  return options.replayFetch !== undefined && (options.models ?? []).some((model) => model.replay === true);
}

/** What the bridge is told about the request besides the request (one object, no spreads of temporary ones). */
function bridgeRequestOptions(
  options: GatewayOptions,
  route: NonNullable<ReturnType<typeof resolveModelRoute>>,
  settings: { forwardBetaHeader?: boolean; promptCaching?: 'auto' | 'off' } | undefined,
  request: GatewayRequest,
): BridgeRequestOptions {
  const bridgeOptions: BridgeRequestOptions = {
    strict: options.strict === true,
    header: settings?.forwardBetaHeader === false ? (name) => (name === 'anthropic-beta' ? null : request.header(name)) : request.header,
  };
  if (options.resolveMedia) bridgeOptions.resolveMedia = options.resolveMedia;
  const catalogs = options.catalog;
  // Vertex serves both publishers: it gets every provider's catalog and picks by the model's publisher.
  if (route.upstream === 'vertex' && catalogs !== undefined) bridgeOptions.catalog = catalogs;
  const catalog = catalogs?.[route.upstream as keyof NonNullable<GatewayOptions['catalog']>];
  if (catalog !== undefined) bridgeOptions.catalog = catalog;
  if (route.capabilities !== undefined) bridgeOptions.capabilities = route.capabilities;
  if (settings?.promptCaching) bridgeOptions.promptCaching = settings.promptCaching;
  return bridgeOptions;
}

/** Why a non-streamed reply's body could not be read, as the client's error. */
function bodyFailureError(
  reason: 'idle_timeout' | 'aborted' | 'broken' | 'too_large',
  clientClosed: ClientClosed | undefined,
  deadline: Deadline,
  limits: ResolvedGatewayLimits,
): OpenAIErrorResponse {
  if (clientClosed?.aborted) return createOpenAIError(499, 'The client closed the request.', { code: 'client_closed_request' });
  if (deadline.expired) {
    return createOpenAIError(504, `The request did not complete within ${deadline.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' });
  }
  if (reason === 'idle_timeout') {
    return createOpenAIError(504, `The upstream sent nothing for ${limits.streamIdleTimeoutMs} ms.`, { type: 'timeout_error', code: 'upstream_idle_timeout' });
  }
  if (reason === 'too_large') {
    return createOpenAIError(502, `The upstream reply is larger than ${limits.maxEventBytes} bytes.`, { type: 'api_error', code: 'upstream_response_too_large' });
  }
  return createOpenAIError(502, 'The upstream connection broke before the reply was complete.', { type: 'api_error', code: 'upstream_incomplete_response' });
}

function describeWarnings(warnings: readonly TranslationWarning[]): string[] {
  return warnings.map((warning) => `${warning.code}(${warning.param}): ${warning.message}`);
}

/**
 * A client API's request (`POST /v1/chat/completions`, and the other fronts' routes): validate and map to the hub
 * (the front), route, map to the provider (the bridge), call the upstream, translate the reply back through the
 * bridge and the front. Every error reaches the client in its API's envelope.
 */
export async function handleTranslatedRequest(
  front: ClientFront,
  request: GatewayRequest,
  options: GatewayOptions,
  environment: TranslationEnvironment,
  report: RequestReport,
  runtime: GatewayRuntime,
): Promise<GatewayReply> {
  const { limits } = runtime;
  // One timer for the request: the upstream's headers and idle timeouts are checked by the deadline's (see watch).
  const deadline = createDeadline(limits.requestTimeoutMs, Math.min(limits.upstreamTimeoutMs, limits.streamIdleTimeoutMs));
  const clientClosed = clientClosedOf(request);
  // Every error leaves in the client API's envelope (naming the client's paths once the request is mapped).
  let frontContext: unknown;
  const errorResponse = (error: OpenAIErrorResponse, headers: Record<string, string> = {}): GatewayReply => {
    const translated = front.toClientError(error.status, error.body, frontContext);
    return jsonResponse(translated.status, translated.body, headers);
  };
  // Whatever is still held when the handler returns without a stream: the stream takes them over otherwise.
  let releaseSlot: (() => void) | undefined;
  let unlinkClient: (() => void) | undefined;
  let unlinkDeadline: (() => void) | undefined;
  let handedToStream = false;
  try {
    const body = await readRequestBody(request, limits.maxBodyBytes, deadline);
    if (!body.ok) return errorResponse(body.error);
    if (front.nativeUpstream === 'openai-compatible') {
      // A Responses request for an OpenAI-compatible upstream that serves /responses itself (`responsesApi: true`).
      const passed = await passThroughResponsesRequest(front, body, request, options, report, runtime, deadline);
      if (passed) {
        handedToStream = passed.streaming;
        return passed.reply;
      }
    }
    if (front.nativeUpstream === 'anthropic') {
      // A Messages request for a Claude model: Anthropic gets it unchanged (see passThroughAnthropicRequest).
      const passed = await passThroughAnthropicRequest(front, body, '/v1/messages', request, options, report, runtime, deadline);
      if (passed) {
        handedToStream = passed.streaming;
        return passed.reply;
      }
    }
    // A front, a bridge and a reply step that answer at once are not awaited: an `await` of a plain value still takes a
    // promise and a microtask turn (three per request; BENCHMARKS.md, item 33).
    const parsing = front.toChatRequest(body.json, request);
    const parsed = parsing instanceof Promise ? await parsing : parsing;
    const frontWarnings = parsed.warnings;
    if (!parsed.ok) {
      if (frontWarnings.length) report.warnings = describeWarnings(frontWarnings);
      return jsonResponse(parsed.status, parsed.body, frontWarnings.length ? { 'x-interlingua-warnings': formatWarningsHeader(frontWarnings) } : {});
    }
    const clientRequest = parsed.request;
    frontContext = parsed.context;
    report.model = clientRequest.model;
    report.stream = clientRequest.stream === true;
    const overLimit = checkRequestLimits(clientRequest.messages, limits);
    if (overLimit) return errorResponse(overLimit);

    const route = resolveModelRoute(options, clientRequest.model);
    if (!route && !hasAnyUpstream(options)) {
      return errorResponse(
        createOpenAIError(
          503,
          `The model '${clientRequest.model}' is not served: this gateway has no upstream configured (no API key is set; set ANTHROPIC_API_KEY, GEMINI_API_KEY or OPENAI_API_KEY, Vertex AI credentials (GOOGLE_APPLICATION_CREDENTIALS), or add models to its config).`,
          { param: 'model', code: 'upstream_not_configured' },
        ),
      );
    }
    if (!route) {
      return errorResponse(
        createOpenAIError(404, `The model '${clientRequest.model}' does not exist or is not served by this gateway; GET /v1/models lists the models.`, {
          param: 'model',
          code: 'model_not_found',
        }),
      );
    }
    report.upstream = route.replay ? `${route.upstream} (replay)` : route.upstream;
    const settings = options.upstreams?.[route.upstream];
    const bridge =
      route.upstream === 'vertex' ? vertexBridgeFor(options.upstreams?.vertex ?? NO_VERTEX_SETTINGS, options.fetch ?? fetch) : BRIDGES[route.upstream];
    if (route.replay && !options.replayFetch) {
      return errorResponse(
        createOpenAIError(503, `The model '${clientRequest.model}' is a replay model, and this gateway was built without the replay recordings.`, {
          code: 'replay_unavailable',
        }),
      );
    }
    if (!route.replay && !settings?.apiKey && !bridge.authorize) {
      return errorResponse(
        createOpenAIError(503, `The ${route.upstream} upstream has no API key configured.`, { code: 'upstream_not_configured' }),
      );
    }

    const bridgeRequest = { ...clientRequest, model: route.upstreamModel };
    const mapping = bridge.mapRequest(bridgeRequest, bridgeRequestOptions(options, route, settings, request));
    const mapped = mapping instanceof Promise ? await mapping : mapping;
    // The bridge's warnings name hub paths; a client API with its own request shape names its own.
    const bridgeWarnings = front.toClientWarnings && mapped.warnings.length ? front.toClientWarnings(mapped.warnings, parsed.context) : mapped.warnings;
    const requestWarnings = frontWarnings.length ? [...frontWarnings, ...bridgeWarnings] : bridgeWarnings;
    if (requestWarnings.length) report.warnings = describeWarnings(requestWarnings);
    const warningHeaders: Record<string, string> = requestWarnings.length
      ? { 'x-interlingua-warnings': formatWarningsHeader(requestWarnings) }
      : {};
    if (!mapped.ok) return errorResponse(mapped.error, warningHeaders);

    if (clientRequest.stream === true) {
      releaseSlot = runtime.streamSlots.tryAcquire();
      if (!releaseSlot) {
        report.error = 'too_many_concurrent_streams';
        return errorResponse(
          createOpenAIError(
            429,
            `This gateway is serving its limit of ${limits.maxConcurrentStreams} concurrent streams; retry shortly.`,
            { code: 'too_many_concurrent_streams' },
          ),
          { ...warningHeaders, 'retry-after': '1' },
        );
      }
    }

    const controller = new LazyAbortController();
    unlinkClient = abortWhenClientCloses(controller, clientClosed);
    unlinkDeadline = deadline.onExpire(() => controller.abort(new Error('request timeout')));
    let authHeaders: Record<string, string> = {};
    if (!route.replay && bridge.authorize) {
      const authorized = await bridge.authorize(controller.signal);
      if (!authorized.ok) {
        if (deadline.expired) {
          report.error = 'request_timeout';
          return errorResponse(
            createOpenAIError(504, `The request did not complete within ${deadline.timeoutMs} ms.`, { type: 'timeout_error', code: 'request_timeout' }),
            warningHeaders,
          );
        }
        report.error = authorized.reason;
        return errorResponse(authorized.error, warningHeaders);
      }
      authHeaders = authorized.headers;
    } else if (!route.replay && settings?.apiKey) {
      authHeaders = bridge.authHeaders(settings.apiKey);
    }
    const fetchImplementation = route.replay ? options.replayFetch! : (options.fetch ?? fetch);
    const baseUrl = (settings?.baseUrl ?? bridge.defaultBaseUrl).replace(/\/+$/, '');
    const called = await callUpstream(
      fetchImplementation,
      baseUrl + mapped.upstream.path,
      {
        headers: { ...mapped.upstream.headers, ...authHeaders },
        // The chat front's request is the client's JSON itself: a bridge that forwards it sends the client's text.
        body:
          bridge.forwardsRequest === true && mapped.upstream.body === bridgeRequest && clientRequest === body.json
            ? forwardJsonWithModel(body.text, body.json as Record<string, unknown>, route.upstreamModel)
            : JSON.stringify(mapped.upstream.body),
      },
      { controller, clientClosed, deadline, headersTimeoutMs: limits.upstreamTimeoutMs },
    );
    if (!called.ok) {
      report.error = called.reason;
      return errorResponse(called.error, warningHeaders);
    }
    const upstreamResponse = called.response;

    if (upstreamResponse.status < 200 || upstreamResponse.status > 299) {
      // Checked before anything else: an error may arrive with any content type, even text/event-stream.
      const errorBody = await readUpstreamBody(upstreamResponse, {
        controller,
        deadline,
        idleTimeoutMs: limits.streamIdleTimeoutMs,
        maxBytes: MAX_ERROR_BODY_BYTES,
        truncate: true,
      });
      const translated = bridge.mapError(upstreamResponse.status, errorBody.ok ? parseErrorBody(errorBody.text) : '', upstreamResponse.headers);
      report.error = `upstream_${upstreamResponse.status}`;
      const clientError = front.toClientError(translated.status, translated.body as OpenAIErrorResponse['body'], frontContext);
      return jsonResponse(clientError.status, clientError.body, { ...translated.headers, ...warningHeaders });
    }

    if (clientRequest.stream === true) {
      if (!upstreamResponse.body) {
        return errorResponse(createOpenAIError(502, 'The upstream answered a stream request without a body.', { code: 'upstream_invalid_response' }));
      }
      const release = releaseSlot!;
      const stopClientLink = unlinkClient;
      const stopDeadlineLink = unlinkDeadline;
      const streamFinished = (report.streamFinished = new StreamFinish());
      // A client transducer that reads hub frames as objects gets them so from the bridges that build them.
      const hubFrames: OpenAIStreamFrame[] | undefined = front.readsHubFrames ? [] : undefined;
      const transcoder = bridge.createTranscoder(mapped.upstream.context, environment, {
        maxEventBytes: limits.maxEventBytes,
        ...(hubFrames ? { onFrames: (frames: readonly OpenAIStreamFrame[]) => void hubFrames.push(...frames) } : {}),
        ...(options.encodeUtf8 ? { encodeUtf8: options.encodeUtf8 } : {}),
        ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
      });
      const clientTranscoder = front.createStreamTranscoder?.(parsed.context, environment, {
        ...(options.encodeUtf8 ? { encodeUtf8: options.encodeUtf8 } : {}),
        ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
      });
      const stream = createSupervisedStream(upstreamResponse.body, {
        transcoder,
        ...(clientTranscoder ? { clientTranscoder } : {}),
        ...(hubFrames ? { hubFrames } : {}),
        controller,
        deadline,
        idleTimeoutMs: limits.streamIdleTimeoutMs,
        onFinish(outcome) {
          release();
          stopClientLink();
          stopDeadlineLink();
          deadline.dispose();
          if (transcoder.warnings?.length) report.warnings = [...(report.warnings ?? []), ...describeWarnings(transcoder.warnings)];
          if (clientTranscoder?.warnings?.length) report.warnings = [...(report.warnings ?? []), ...describeWarnings(clientTranscoder.warnings)];
          if (outcome.kind !== 'completed') {
            report.error = outcome.kind === 'upstream_broken' ? `upstream_stream_error: ${outcome.detail}` : outcome.kind;
          }
          streamFinished.finish();
        },
      });
      handedToStream = true;
      return new StreamReply(
        200,
        {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          'x-accel-buffering': 'no',
          ...warningHeaders,
        },
        stream,
      );
    }

    const replyBody = await readUpstreamBody(upstreamResponse, { controller, deadline, idleTimeoutMs: limits.streamIdleTimeoutMs, maxBytes: limits.maxEventBytes });
    if (!replyBody.ok) {
      report.error = `upstream_body_${replyBody.reason}`;
      return errorResponse(bodyFailureError(replyBody.reason, clientClosed, deadline, limits), clientClosed?.aborted ? {} : warningHeaders);
    }
    let upstreamJson: unknown;
    try {
      upstreamJson = JSON.parse(replyBody.text);
    } catch {
      report.error = 'upstream_invalid_json';
      return errorResponse(createOpenAIError(502, 'The upstream answered with a body that is not JSON.', { code: 'upstream_invalid_response' }), warningHeaders);
    }
    const translated = bridge.mapResponse(upstreamJson, mapped.upstream.context, environment);
    if (!translated.ok) {
      report.error = 'upstream_unexpected_response';
      return errorResponse(translated.error, warningHeaders);
    }
    const completion = translated.response as ChatCompletion;
    const usage = completion.usage;
    if (usage) {
      report.prompt_tokens = usage.prompt_tokens;
      report.completion_tokens = usage.completion_tokens;
    }
    const replying = front.toClientReply(completion, parsed.context, environment);
    const reply = replying instanceof Promise ? await replying : replying;
    if (!reply.ok) {
      report.error = 'client_reply_failed';
      return jsonResponse(reply.status, reply.body, warningHeaders);
    }
    const allWarnings = [...requestWarnings, ...translated.warnings, ...reply.warnings];
    if (allWarnings.length > requestWarnings.length) report.warnings = describeWarnings(allWarnings);
    const replyHeaders: Record<string, string> = allWarnings.length ? { 'x-interlingua-warnings': formatWarningsHeader(allWarnings) } : {};
    // A reply that is the upstream's JSON itself (OpenAI-compatible to Chat Completions) is sent as the upstream wrote it.
    return reply.body === upstreamJson ? jsonTextResponse(200, replyBody.text, replyHeaders) : jsonResponse(200, reply.body, replyHeaders);
  } finally {
    if (!handedToStream) {
      releaseSlot?.();
      unlinkClient?.();
      unlinkDeadline?.();
      deadline.dispose();
    }
  }
}
