import type { ChatCompletionRequest, OpenAIErrorResponse, TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';

/** Bytes of a medium given by URL, for upstreams that need them inline. */
export interface ResolvedMedia {
  mimeType: string;
  /** Base64. */
  data: string;
}

/** Fetches a medium given by URL (with whatever guard the host applies); the pure mappers never fetch. */
export type MediaResolver = (url: string) => Promise<ResolvedMedia>;

export interface MappedUpstreamRequest {
  /** Path (and query) appended to the upstream's base URL. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** What the response side needs to know of the request (opaque to the gateway). */
  context: unknown;
}

export type BridgeRequestResult =
  | { ok: true; upstream: MappedUpstreamRequest; warnings: TranslationWarning[] }
  | { ok: false; error: OpenAIErrorResponse; warnings: TranslationWarning[] };

export type BridgeResponseResult =
  | { ok: true; response: unknown; warnings: TranslationWarning[] }
  | { ok: false; error: OpenAIErrorResponse };

export interface BridgeErrorResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * What the gateway needs of a provider: the mapper and transducer packages' entry points behind one shape, plus how
 * the upstream authenticates. Adding a provider is one more bridge and one routing entry.
 */
export interface ProviderBridge {
  readonly defaultBaseUrl: string;
  authHeaders(apiKey: string): Record<string, string>;
  mapRequest(request: ChatCompletionRequest, options: { strict: boolean; resolveMedia?: MediaResolver }): Promise<BridgeRequestResult>;
  mapResponse(body: unknown, context: unknown, environment: TranslationEnvironment): BridgeResponseResult;
  mapError(status: number, body: unknown, headers: Headers): BridgeErrorResult;
  createStream(context: unknown, environment: TranslationEnvironment): TransformStream<Uint8Array, Uint8Array>;
}
