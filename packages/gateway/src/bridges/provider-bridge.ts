import type { ChatCompletionRequest, OpenAIErrorResponse, OpenAIStreamFrameSink, TranslationEnvironment, TranslationWarning, Utf8Encoder } from '@interlingua/openai-schema';
import type { Utf8StreamDecoderFactory } from '@interlingua/sse';

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
 * The synchronous stream translation of one upstream reply: upstream bytes in, client SSE bytes out (OpenAI chunk
 * frames ending with `data: [DONE]`, or with an error payload).
 */
export interface UpstreamStreamTranscoder {
  /** Feeds upstream bytes (split anywhere); returns the client bytes they complete (maybe empty). */
  push(chunk: Uint8Array): Uint8Array;
  /** The upstream ended (or broke off): returns the final client bytes (the end, or an error payload). */
  end(): Uint8Array;
  /** True once the client stream is complete: `[DONE]` or an error payload was produced; later input is ignored. */
  readonly settled: boolean;
  /**
   * True once the answer is complete (every choice has its finish reason) although the upstream may still send
   * something (Gemini sends no end marker; usage may follow). A stream that stalls or times out now is ended with
   * `end()` rather than an error payload. Optional: without it only `settled` counts.
   */
  readonly complete?: boolean;
  /**
   * The lossy steps met so far in the stream (dropped blocks, unknown events), as the bridge's transducer reported
   * them. The gateway writes them to the log line and, at the end, as an SSE comment
   * (`: x-interlingua-warnings: …`). Optional: a transcoder without it has nothing to report.
   */
  readonly warnings?: readonly TranslationWarning[];
}

export interface UpstreamStreamOptions {
  /** Largest single upstream event, in characters (see `GatewayLimits.maxEventBytes`). */
  maxEventBytes: number;
  /**
   * When the client API's transducer reads hub frames as objects (`ClientStreamTranscoder.pushFrames`): a bridge that
   * produces the frames itself (Anthropic, Gemini) delivers them here instead of as bytes, and `push`/`end` return
   * no bytes; a bridge that passes bytes through (OpenAI-compatible) ignores it and keeps returning bytes.
   */
  onFrames?: OpenAIStreamFrameSink;
  /** How output text becomes bytes (the gateway's `encodeUtf8`; default `TextEncoder`). */
  encodeUtf8?: Utf8Encoder;
  /** How upstream bytes become text (the gateway's `createUtf8Decoder`; default `TextDecoder`). */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
}

/** What the gateway tells a bridge about one request besides the request itself. */
export interface BridgeRequestOptions {
  strict: boolean;
  resolveMedia?: MediaResolver;
  /**
   * A header of the client's request by lower-case name (`null` when absent or when the operator does not let it
   * through, e.g. `upstreams.anthropic.forwardBetaHeader: false` for `anthropic-beta`).
   */
  header?: (name: string) => string | null;
  /** The operator's prompt-caching default for this upstream (`upstreams.<kind>.promptCaching`; Anthropic only). */
  promptCaching?: 'auto' | 'off';
  /** The operator's catalog additions for this provider (gateway config `catalog.<provider>`), not yet validated by the bridge's mapper. */
  catalog?: unknown;
  /** The operator's capability override for this exact model (gateway config `models[].capabilities`). */
  capabilities?: unknown;
}

/**
 * What the gateway needs of a provider: the mapper and transducer packages' entry points behind one shape, plus how
 * the upstream authenticates. Adding a provider is one more bridge and one routing entry.
 */
export interface ProviderBridge {
  readonly defaultBaseUrl: string;
  authHeaders(apiKey: string): Record<string, string>;
  /**
   * The auth headers of one upstream call when they are more than a configured key (Vertex AI: an OAuth access
   * token minted from a service-account key, cached and refreshed). When present it replaces `authHeaders`, and the
   * gateway does not require `apiKey`: a bridge that cannot authenticate says why (an error without secrets).
   */
  authorize?(signal?: AbortSignal): Promise<{ ok: true; headers: Record<string, string> } | { ok: false; error: OpenAIErrorResponse; reason: string }>;
  /**
   * `request` has passed `parseChatCompletionRequest` (the bridge tells the mapper not to validate it again). A bridge
   * that maps without waiting for anything (Anthropic, OpenAI-compatible) returns the result itself: the request then
   * takes no promise and no microtask turn for it; one that may fetch media (Gemini) returns a promise.
   */
  mapRequest(request: ChatCompletionRequest, options: BridgeRequestOptions): BridgeRequestResult | Promise<BridgeRequestResult>;
  /**
   * True when `mapRequest`'s upstream body is the very request it was given, never changed (OpenAI-compatible): when
   * that request is the client's own JSON (the chat front's), the gateway sends the client's text with only the model
   * rewritten (`forwardJsonWithModel`) instead of serialising the request again.
   */
  readonly forwardsRequest?: boolean;
  mapResponse(body: unknown, context: unknown, environment: TranslationEnvironment): BridgeResponseResult;
  mapError(status: number, body: unknown, headers: { get(name: string): string | null }): BridgeErrorResult;
  createTranscoder(context: unknown, environment: TranslationEnvironment, options: UpstreamStreamOptions): UpstreamStreamTranscoder;
  /**
   * The model ids the provider's catalog knows (with the operator's `catalog.<provider>` additions), listed by
   * `GET /v1/models` for the prefix routes to this upstream. Absent: none are listed.
   */
  knownModels?(catalog: unknown): readonly string[];
}
