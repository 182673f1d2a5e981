import { createDefaultEnvironment, createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { checkAuthorization } from './check-authorization.js';
import { formatIsoTime } from './format-iso-time.js';
import type { GatewayCore, GatewayReply, GatewayRequest } from './gateway-exchange.js';
import type { GatewayLogLine, GatewayOptions } from './gateway-options.js';
import type { UpstreamKind } from './gateway-config.js';
import { createStreamSlots } from './create-stream-slots.js';
import { chatCompletionsFront } from './fronts/chat-completions-front.js';
import type { ClientFront } from './fronts/client-front.js';
import { handleMessagesCountTokens } from './fronts/handle-messages-count-tokens.js';
import { createMessagesFront, messagesFront } from './fronts/messages-front.js';
import { createTokenCounterSource } from './fronts/create-token-counter-source.js';
import { BRIDGES, handleTranslatedRequest, type GatewayRuntime, type RequestReport } from './handle-translated-request.js';
import { errorResponse, jsonResponse } from './json-response.js';
import { listModels } from './list-models.js';
import { resolveGatewayLimits } from './resolve-gateway-limits.js';
import { createReplayFetch } from './replay/create-replay-fetch.js';
import { handleResponsesResource, isResponsesResourcePath } from './fronts/handle-responses-resource.js';
import { createResponsesFront } from './fronts/responses-front.js';
import { createMemoryResponseStore } from './store/create-memory-response-store.js';

/** A gateway check's OpenAI error in the front's own envelope. */
function frontError(front: ClientFront, error: OpenAIErrorResponse, headers: Record<string, string>): GatewayReply {
  const translated = front.toClientError(error.status, error.body);
  return jsonResponse(translated.status, translated.body, headers);
}

/** A fetch-style handler: what the Workers adapter (and any `Request`/`Response` runtime) serves. */
export type GatewayHandler = (request: Request) => Promise<Response>;

/** The client APIs served by `POST`, by path: each is a front over the same translation (see `ClientFront`). */
const FRONTS: Record<string, ClientFront> = {
  '/v1/chat/completions': chatCompletionsFront,
  '/v1/messages': messagesFront,
};

/** `POST /v1/messages/count_tokens` answers in the Messages front's envelope and accepts its `x-api-key`. */
const COUNT_TOKENS_PATH = '/v1/messages/count_tokens';

/**
 * Creates the runtime-neutral gateway. Routes: `POST /v1/chat/completions`, `POST /v1/messages` (Anthropic's
 * Messages API), `POST /v1/messages/count_tokens`, `POST /v1/responses` (OpenAI's Responses API), `GET` and `DELETE
 * /v1/responses/{id}`, `GET /v1/responses/{id}/input_items`, `GET /v1/models`, `GET /healthz`. Every
 * error is in the client API's envelope; every request is logged in one structured line without secrets.
 */
export function createGatewayCore(options: GatewayOptions): GatewayCore {
  const log = options.log ?? ((line: GatewayLogLine) => console.log(JSON.stringify(line)));
  const createEnvironment = options.createEnvironment ?? createDefaultEnvironment;
  const limits = resolveGatewayLimits(options.limits);
  const tokenCounter = options.tokenCounter ? createTokenCounterSource(options.tokenCounter) : undefined;
  const runtime: GatewayRuntime = { limits, streamSlots: createStreamSlots(limits.maxConcurrentStreams), ...(tokenCounter ? { tokenCounter } : {}) };

  // The Responses front needs the gateway's store and strictness; `responseStore: false` turns the store off.
  const responseStore = options.responseStore === false ? undefined : (options.responseStore ?? createMemoryResponseStore());
  const fronts: Record<string, ClientFront> = {
    ...FRONTS,
    '/v1/messages': createMessagesFront({ strict: options.strict === true, ...(tokenCounter ? { tokenCounter } : {}) }),
    '/v1/responses': createResponsesFront({ strict: options.strict === true, ...(responseStore ? { store: responseStore } : {}) }),
  };

  const knownModels = (upstream: UpstreamKind) => BRIDGES[upstream].knownModels?.(options.catalog?.[upstream as keyof NonNullable<GatewayOptions['catalog']>]) ?? [];

  // Not an async function: the translated routes' promise is returned as it is (an async function returning a promise
  // adopts it, which takes two more microtask turns), and the replies made at once are not wrapped in one.
  function route(request: GatewayRequest, path: string, report: RequestReport): GatewayReply | Promise<GatewayReply> {
    if (path === '/healthz' && request.method === 'GET') return jsonResponse(200, { status: 'ok' });
    if (path === COUNT_TOKENS_PATH) {
      const denied = checkAuthorization(request, options.keys, { acceptApiKeyHeader: true });
      if (denied) return frontError(messagesFront, denied, { 'www-authenticate': 'Bearer' });
      return request.method === 'POST'
        ? handleMessagesCountTokens(request, options, report, runtime)
        : frontError(messagesFront, createOpenAIError(405, `Method ${request.method} is not allowed on ${path}.`), { allow: 'POST' });
    }
    if (isResponsesResourcePath(path)) {
      const denied = checkAuthorization(request, options.keys);
      if (denied) return errorResponse(denied, { 'www-authenticate': 'Bearer' });
      return handleResponsesResource(request, path, responseStore);
    }
    const front = fronts[path];
    if (path === '/v1/models' || front) {
      const denied = checkAuthorization(request, options.keys, { acceptApiKeyHeader: front?.acceptsApiKeyHeader === true });
      if (denied) return front ? frontError(front, denied, { 'www-authenticate': 'Bearer' }) : errorResponse(denied, { 'www-authenticate': 'Bearer' });
      if (path === '/v1/models') {
        return request.method === 'GET'
          ? jsonResponse(200, listModels(options, knownModels))
          : errorResponse(createOpenAIError(405, `Method ${request.method} is not allowed on ${path}.`), { allow: 'GET' });
      }
      return request.method === 'POST'
        ? handleTranslatedRequest(front!, request, options, createEnvironment(), report, runtime)
        : frontError(front!, createOpenAIError(405, `Method ${request.method} is not allowed on ${path}.`), { allow: 'POST' });
    }
    return errorResponse(createOpenAIError(404, `No route for ${request.method} ${path}.`, { code: 'unknown_route' }));
  }

  return async (request) => {
    const started = Date.now();
    const { path } = request;
    const report: RequestReport = {};
    let reply: GatewayReply;
    try {
      const routed = route(request, path, report);
      reply = routed instanceof Promise ? await routed : routed;
    } catch (error) {
      // A bug, not an input problem: answer in the envelope, keep serving, and say so in the log.
      report.error = `internal: ${error instanceof Error ? error.message : String(error)}`;
      reply = errorResponse(createOpenAIError(500, 'The gateway failed to handle the request.', { code: 'internal_error' }));
    }
    if (path !== '/healthz') {
      const streamFinished = report.streamFinished;
      const status = reply.status;
      // A stream is logged when it is over (latency then covers the whole stream, and the line says how it ended
      // and carries the warnings its transcoder reported on the way).
      // A complete reply is logged once the adapter has written it, when the adapter can say so (see `afterReply`).
      if (streamFinished) streamFinished.onFinish(() => log(createLogLine(request.method, path, status, started, report)));
      else if (request.afterReply) request.afterReply(() => log(createLogLine(request.method, path, status, started, report)));
      else log(createLogLine(request.method, path, status, started, report));
    }
    return reply;
  };
}

/** The log line, from the report as it is when the line is written (no intermediate objects). */
function createLogLine(method: string, path: string, status: number, started: number, report: RequestReport): GatewayLogLine {
  const line: GatewayLogLine = { time: formatIsoTime(started), method, path, status, latency_ms: Date.now() - started };
  // Object.assign copies a plain object's own keys faster than a for-in loop; the stream's end is not part of the line.
  Object.assign(line, report);
  if (report.streamFinished !== undefined) delete (line as { streamFinished?: unknown }).streamFinished;
  return line;
}

/** The gateway's view of a Web `Request`. */
export function toGatewayRequest(request: Request): GatewayRequest {
  return {
    method: request.method,
    path: new URL(request.url).pathname,
    header: (name) => request.headers.get(name),
    body: request.body,
    signal: request.signal,
  };
}

/** A gateway reply as a Web `Response`. */
export function toResponse(reply: GatewayReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/**
 * Creates the gateway as a fetch-style handler, `(Request) => Promise<Response>`, over `createGatewayCore`, with the
 * embedded replay recordings as the replay models' upstream unless `options.replayFetch` says otherwise.
 */
export function createGateway(options: GatewayOptions): GatewayHandler {
  const core = createGatewayCore({ ...options, replayFetch: options.replayFetch ?? createReplayFetch() });
  return async (request) => toResponse(await core(toGatewayRequest(request)));
}
