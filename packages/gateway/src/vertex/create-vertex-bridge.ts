import { createOpenAIError, type ChatCompletionRequest, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import { anthropicBridge } from '../bridges/anthropic-bridge.js';
import { geminiBridge } from '../bridges/gemini-bridge.js';
import type { BridgeRequestOptions, BridgeRequestResult, ProviderBridge } from '../bridges/provider-bridge.js';
import type { VertexSettings } from './vertex-settings.js';
import type { UpstreamFetch } from '../gateway-exchange.js';
import {
  buildVertexPath,
  isValidVertexLocation,
  isValidVertexProject,
  resolveVertexModel,
  vertexBaseUrl,
  VERTEX_EXPRESS_BASE_URL,
  type VertexPublisher,
} from './build-vertex-endpoint.js';
import { AccessTokenError, createAccessTokenSource, type AccessTokenSource } from './create-access-token-source.js';
import { parseServiceAccountKey } from './parse-service-account-key.js';

/**
 * The `anthropic_version` Claude on Vertex AI takes in the request body (instead of the `anthropic-version` header);
 * Anthropic's "Claude on Vertex AI" page: "must be set to the value vertex-2023-10-16".
 */
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

/** The headers of one upstream call, or why there are none. Never holds a secret in `error` or `reason`. */
export type UpstreamAuthorization =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; error: OpenAIErrorResponse; reason: string };

/**
 * A provider bridge whose upstream needs per-call work: the base URL depends on the location, the path on the model
 * (publisher) and the project, and the auth headers on an OAuth token that is minted and refreshed over time.
 */
export interface VertexBridge extends ProviderBridge {
  /** How this instance authenticates: a service-account key (both publishers) or an express-mode API key (Gemini only). */
  readonly mode: 'service-account' | 'express' | 'unconfigured';
  /** The auth headers of one call: `authorization: Bearer <token>` (service account) or `x-goog-api-key` (express). */
  authorize(signal?: AbortSignal): Promise<UpstreamAuthorization>;
}

interface VertexContext {
  publisher: VertexPublisher;
  inner: unknown;
}

export interface CreateVertexBridgeOptions {
  /** The transport of the token request (the gateway's upstream fetch). */
  fetch: UpstreamFetch;
  /** Milliseconds since the epoch, for the token cache; default `Date.now`. */
  now?: () => number;
}

function notConfigured(message: string): OpenAIErrorResponse {
  return createOpenAIError(503, message, { code: 'upstream_not_configured' });
}

/** The `messages[i].content[j].file.file_id` of the first Files API reference in the request, if any. */
function findFileIdParam(request: ChatCompletionRequest): string | null {
  for (const [messageIndex, message] of request.messages.entries()) {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (const [partIndex, part] of content.entries()) {
      const file = (part as { type?: unknown; file?: { file_id?: unknown } }).file;
      if ((part as { type?: unknown }).type === 'file' && typeof file?.file_id === 'string') {
        return `messages[${messageIndex}].content[${partIndex}].file.file_id`;
      }
    }
  }
  return null;
}

/** The `fileUri` of the first `fileData` part without a `mimeType` in a Gemini request body, if any. */
function findFileDataWithoutMimeType(body: unknown): string | null {
  const contents = (body as { contents?: unknown }).contents;
  if (!Array.isArray(contents)) return null;
  for (const content of contents) {
    const parts = (content as { parts?: unknown }).parts;
    if (!Array.isArray(parts)) continue;
    for (const part of parts) {
      const fileData = (part as { fileData?: { fileUri?: unknown; mimeType?: unknown } }).fileData;
      if (fileData && typeof fileData.fileUri === 'string' && !fileData.mimeType) return fileData.fileUri;
    }
  }
  return null;
}

/** The client's field that gave a media URL (`messages[i].content[j].image_url` or `.file`), else `messages`. */
function findMediaUrlParam(request: ChatCompletionRequest, url: string): string {
  for (const [messageIndex, message] of request.messages.entries()) {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (const [partIndex, part] of content.entries()) {
      const { image_url: image, file } = part as { image_url?: string | { url?: unknown }; file?: { file_data?: unknown; file_id?: unknown } };
      if ((typeof image === 'string' ? image : image?.url) === url) return `messages[${messageIndex}].content[${partIndex}].image_url`;
      if (file && (file.file_data === url || file.file_id === url)) return `messages[${messageIndex}].content[${partIndex}].file`;
    }
  }
  return 'messages';
}

/** The Anthropic Messages request as Claude on Vertex takes it: no `model` (it is in the path), `anthropic_version` in the body. */
function toVertexAnthropicBody(body: unknown): unknown {
  const { model: _model, ...rest } = body as Record<string, unknown>;
  return { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest };
}

/**
 * The mapping options for one publisher: the gateway hands the vertex bridge every provider's catalog override
 * (`catalog.anthropic`, `catalog.gemini` of the gateway config), and the publisher's mapper gets its own.
 */
export function publisherOptions(options: BridgeRequestOptions, provider: 'anthropic' | 'gemini'): BridgeRequestOptions {
  const { catalog, ...rest } = options;
  const own = typeof catalog === 'object' && catalog !== null ? (catalog as Record<string, unknown>)[provider] : undefined;
  const withCatalog = own === undefined ? rest : { ...rest, catalog: own };
  return provider === 'anthropic' ? { ...withCatalog, capabilities: vertexClaudeCapabilities(options.capabilities) } : withCatalog;
}

/**
 * Claude on Vertex AI takes no mid-conversation system messages (Anthropic: "available on the Claude API and Claude
 * Platform on AWS", https://platform.claude.com/docs/en/build-with-claude/mid-conversation-system-messages), so they
 * go to the top-level system prompt there, unless the operator's capabilities for the model say otherwise.
 */
const VERTEX_CLAUDE_CAPABILITIES = Object.freeze({ midConversationSystemMessages: false });
const vertexCapabilities = new WeakMap<object, object>();

function vertexClaudeCapabilities(operator: unknown): object {
  if (operator === null || typeof operator !== 'object') return VERTEX_CLAUDE_CAPABILITIES;
  let merged = vertexCapabilities.get(operator);
  if (!merged) {
    merged = { ...VERTEX_CLAUDE_CAPABILITIES, ...operator };
    vertexCapabilities.set(operator, merged);
  }
  return merged;
}

function isAnthropicErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { type, error } = body as { type?: unknown; error?: { type?: unknown } };
  return type === 'error' && typeof error === 'object' && error !== null && typeof error.type === 'string';
}

/** `promise`, or a rejection with the signal's reason once it aborts first (the shared token request goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort!: () => void;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/**
 * The `vertex` upstream: Gemini through the Gemini mapper and transducer (publisher `google`), Claude through the
 * Anthropic ones (publisher `anthropic`), with only the path, the auth and the body changes Vertex requires.
 * Settings problems (a malformed key, a missing project) are reported per request as 503 `upstream_not_configured`,
 * never with the key's content.
 */
export function createVertexBridge(settings: VertexSettings, options: CreateVertexBridgeOptions): VertexBridge {
  const location = settings.location ?? 'global';
  let configError: string | undefined;
  let tokens: AccessTokenSource | undefined;
  let project: string | undefined = settings.project;
  let mode: VertexBridge['mode'] = 'unconfigured';

  if (settings.credentials !== undefined) {
    const parsed = parseServiceAccountKey(settings.credentials);
    if (!parsed.ok) configError = `The vertex upstream cannot be used: ${parsed.message}`;
    else {
      mode = 'service-account';
      project ??= parsed.key.project_id;
      tokens = createAccessTokenSource(parsed.key, { fetch: options.fetch, ...(options.now ? { now: options.now } : {}) });
    }
  } else if (settings.apiKey) {
    mode = 'express';
  } else if (settings.credentialsFile !== undefined) {
    configError =
      'The vertex upstream names a credentials file (upstreams.vertex.credentialsFile or GOOGLE_APPLICATION_CREDENTIALS), which only the Node adapters read; in this runtime give the key itself (upstreams.vertex.credentials or GOOGLE_APPLICATION_CREDENTIALS_JSON).';
  }
  if (!configError && mode === 'unconfigured') {
    configError =
      'The vertex upstream has no credentials: set a service-account key (GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_APPLICATION_CREDENTIALS_JSON or upstreams.vertex.credentials) or an express-mode API key (GOOGLE_VERTEX_API_KEY or upstreams.vertex.apiKey).';
  }
  if (!configError && mode === 'service-account') {
    if (!project) configError = 'The vertex upstream has no project: set GOOGLE_CLOUD_PROJECT or upstreams.vertex.project (the key has no project_id).';
    else if (!isValidVertexProject(project)) configError = 'The vertex upstream\'s project is not a valid Google Cloud project id.';
    else if (!isValidVertexLocation(location)) configError = 'The vertex upstream\'s location is not a valid location (e.g. global, us-east5, europe-west1, us, eu).';
  }
  const scope = mode === 'express' ? ('express' as const) : { project: project ?? '', location };

  return {
    mode,
    defaultBaseUrl: mode === 'express' ? VERTEX_EXPRESS_BASE_URL : vertexBaseUrl(isValidVertexLocation(location) ? location : 'global'),
    authHeaders: (apiKey) => ({ 'x-goog-api-key': apiKey }),

    async authorize(signal): Promise<UpstreamAuthorization> {
      if (configError) return { ok: false, error: notConfigured(configError), reason: 'upstream_not_configured' };
      if (mode === 'express') return { ok: true, headers: { 'x-goog-api-key': settings.apiKey! } };
      try {
        const token = await (signal ? untilAborted(tokens!.getToken(), signal) : tokens!.getToken());
        return { ok: true, headers: { authorization: `Bearer ${token}` } };
      } catch (error) {
        if (!(error instanceof AccessTokenError)) {
          return {
            ok: false,
            reason: 'client_aborted',
            error: createOpenAIError(499, 'The client closed the request.', { code: 'client_closed_request' }),
          };
        }
        if (error.code === 'invalid_credentials') {
          return { ok: false, reason: 'upstream_not_configured', error: notConfigured(`The vertex upstream cannot be used: ${error.message}`) };
        }
        return {
          ok: false,
          reason: `upstream_auth_failed: ${error.message}`,
          error: createOpenAIError(502, `The gateway could not get a Vertex AI access token: ${error.message}`, { type: 'api_error', code: 'upstream_auth_failed' }),
        };
      }
    },

    async mapRequest(request, mapOptions): Promise<BridgeRequestResult> {
      const target = resolveVertexModel(request.model);
      if (!target) {
        return {
          ok: false,
          warnings: [],
          error: createOpenAIError(
            400,
            `The model '${request.model}' has no Vertex AI publisher this gateway serves: Gemini models start with "gemini-", Claude models with "claude-"; name others as "publishers/<google|anthropic>/models/<id>".`,
            { param: 'model', code: 'model_not_supported' },
          ),
        };
      }
      const stream = request.stream === true;
      if (target.publisher === 'anthropic') {
        if (mode === 'express') {
          return {
            ok: false,
            warnings: [],
            error: notConfigured(
              `The model '${request.model}' is Claude on Vertex AI, which needs a service-account key; this gateway's vertex upstream has only an express-mode API key, which serves Gemini models only.`,
            ),
          };
        }
        const fileParam = findFileIdParam(request);
        if (fileParam) {
          return {
            ok: false,
            warnings: [],
            error: createOpenAIError(400, 'Claude on Vertex AI has no Files API: send the file inline as file_data instead of file_id.', {
              param: fileParam,
              code: 'unsupported_parameter',
            }),
          };
        }
        const mapped = await anthropicBridge.mapRequest({ ...request, model: target.model }, publisherOptions(mapOptions, 'anthropic'));
        if (!mapped.ok) return mapped;
        const { 'anthropic-version': _version, ...headers } = mapped.upstream.headers;
        return {
          ok: true,
          warnings: mapped.warnings,
          upstream: {
            path: buildVertexPath(target, stream, scope),
            headers,
            body: toVertexAnthropicBody(mapped.upstream.body),
            context: { publisher: 'anthropic', inner: mapped.upstream.context } satisfies VertexContext,
          },
        };
      }
      const mapped = await geminiBridge.mapRequest({ ...request, model: target.model }, publisherOptions(mapOptions, 'gemini'));
      if (!mapped.ok) return mapped;
      // The Gemini API takes fileData without a MIME type; Vertex AI v1 requires one (FileData.mimeType: "Required").
      const untyped = findFileDataWithoutMimeType(mapped.upstream.body);
      if (untyped !== null) {
        return {
          ok: false,
          warnings: mapped.warnings,
          error: createOpenAIError(
            400,
            `Gemini on Vertex AI needs the MIME type of media given by URL, and it cannot be told from ${untyped.slice(0, 200)} (no known file extension): send the medium as a data: URL or from a URL ending in its extension (.png, .jpg, .pdf, …).`,
            { param: findMediaUrlParam(request, untyped), code: 'unsupported_media_url' },
          ),
        };
      }
      return {
        ok: true,
        warnings: mapped.warnings,
        upstream: {
          ...mapped.upstream,
          path: buildVertexPath(target, stream, scope),
          context: { publisher: 'google', inner: mapped.upstream.context } satisfies VertexContext,
        },
      };
    },

    mapResponse(body, context, environment) {
      const { publisher, inner } = context as VertexContext;
      return (publisher === 'anthropic' ? anthropicBridge : geminiBridge).mapResponse(body, inner, environment);
    },

    // Claude's own errors come in Anthropic's envelope; everything Google's front end answers (auth, quota, a
    // model not found, every Gemini error) in Google's `{error: {code, message, status}}`.
    mapError: (status, body, headers) => (isAnthropicErrorBody(body) ? anthropicBridge : geminiBridge).mapError(status, body, headers),

    createTranscoder(context, environment, transcoderOptions) {
      const { publisher, inner } = context as VertexContext;
      return (publisher === 'anthropic' ? anthropicBridge : geminiBridge).createTranscoder(inner, environment, transcoderOptions);
    },
  };
}

/**
 * The vertex entry of the gateway's bridge table, for what does not depend on settings (it lists no catalog models:
 * Vertex names Claude models with `@` versions, unlike Anthropic's catalog). Requests use {@link vertexBridgeFor}.
 */
export const unconfiguredVertexBridge: VertexBridge = createVertexBridge(
  {},
  { fetch: () => Promise.reject(new Error('the unconfigured vertex bridge makes no calls')) },
);

const instances = new WeakMap<VertexSettings, WeakMap<UpstreamFetch, VertexBridge>>();

/**
 * The bridge of a gateway's vertex settings: one per settings object and transport, so the token cache lives as long
 * as the gateway (a Node process, a Worker isolate) and is shared by its requests.
 */
export function vertexBridgeFor(settings: VertexSettings, fetch: UpstreamFetch): VertexBridge {
  let byFetch = instances.get(settings);
  if (!byFetch) instances.set(settings, (byFetch = new WeakMap()));
  let bridge = byFetch.get(fetch);
  if (!bridge) byFetch.set(fetch, (bridge = createVertexBridge(settings, { fetch })));
  return bridge;
}
