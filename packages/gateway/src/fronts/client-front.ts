import type {
  ChatCompletion,
  ChatCompletionRequest,
  OpenAIErrorEnvelope,
  OpenAIStreamFrame,
  TranslationEnvironment,
  TranslationWarning,
  Utf8Encoder,
} from '@interlingua/openai-schema';
import type { Utf8StreamDecoderFactory } from '@interlingua/sse';
import type { GatewayRequest } from '../gateway-exchange.js';
import type { UpstreamKind } from '../gateway-config.js';

/**
 * A client API the gateway serves (Chat Completions, Responses, Messages). The Chat Completions types are the hub:
 * a front maps its client's request to a Chat Completions request, and the hub's replies back to its own shapes.
 * Routing, authentication, limits, the provider bridges, upstream calls, fault handling and logging are shared by
 * every front (`handleTranslatedRequest`), so adding a client API is one front plus its pure mapper and transducer
 * packages; no provider code is written per client API.
 */
export interface ClientFront {
  /** The client API, for the log line (`chat`, `responses`, `messages`). */
  readonly api: string;
  /**
   * Validates the client's body and maps it to a valid Chat Completions request (the gateway does not validate it
   * again). A rejection carries the client API's own error envelope. May be asynchronous (e.g. a stored
   * conversation to load).
   */
  toChatRequest(body: unknown, request: GatewayRequest): FrontRequestResult | Promise<FrontRequestResult>;
  /**
   * An OpenAI error (from the gateway's checks or translated from the upstream's) as the client API's error.
   * `context` is `toChatRequest`'s, once the request is mapped: an error about the hub request (a provider mapper's
   * 400 naming `messages[2].tool_call_id`) can then name the path the client sent instead.
   */
  toClientError(status: number, envelope: OpenAIErrorEnvelope, context?: unknown): { status: number; body: unknown };
  /**
   * The provider bridge's request warnings name paths of the hub request (`messages[3].content`,
   * `tools[0].function.parameters…`): the same warnings naming the client's paths, as `toClientError` does for
   * errors. Absent: the hub's paths are the client's (Chat Completions).
   */
  toClientWarnings?(warnings: readonly TranslationWarning[], context: unknown): readonly TranslationWarning[];
  /** A complete chat completion as the client API's reply body. May be asynchronous (e.g. storing the reply). */
  toClientReply(completion: ChatCompletion, context: unknown, environment: TranslationEnvironment): FrontReplyResult | Promise<FrontReplyResult>;
  /**
   * Turns the hub's stream (OpenAI SSE bytes: `data: <chunk>` frames ending with `data: [DONE]` or an error payload)
   * into the client API's stream. Absent: the hub's stream is the client's (Chat Completions).
   */
  createStreamTranscoder?(context: unknown, environment: TranslationEnvironment, options?: ClientStreamOptions): ClientStreamTranscoder;
  /**
   * Its stream transcoder has `pushFrames`: the bridges that build the hub frames (Anthropic, Gemini) hand them over
   * as objects instead of SSE bytes.
   */
  readonly readsHubFrames?: boolean;
  /** The client API's SDKs send their key as `x-api-key` (Anthropic's): accept it beside `Authorization: Bearer`. */
  readonly acceptsApiKeyHeader?: boolean;
  /**
   * The upstream that speaks this client API natively (`anthropic` for Messages; `openai-compatible` for Responses,
   * when that upstream is configured with `responsesApi: true`): a request routed there is passed through unchanged
   * (model routed, key set) instead of translated (see `passThroughAnthropicRequest`, `passThroughResponsesRequest`).
   */
  readonly nativeUpstream?: UpstreamKind;
}

export type FrontRequestResult =
  | { ok: true; request: ChatCompletionRequest; context: unknown; warnings: TranslationWarning[] }
  | { ok: false; status: number; body: unknown; warnings: TranslationWarning[] };

export type FrontReplyResult = { ok: true; body: unknown; warnings: TranslationWarning[] } | { ok: false; status: number; body: unknown };

/** What the gateway tells a client front's stream transcoder. */
export interface ClientStreamOptions {
  /** How output text becomes bytes (the gateway's `encodeUtf8`; default `TextEncoder`). */
  encodeUtf8?: Utf8Encoder;
  /** How hub bytes become text, when the front reads bytes (the gateway's `createUtf8Decoder`; default `TextDecoder`). */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
}

/** The client side of a stream: hub bytes in (split anywhere), the client's bytes out. */
export interface ClientStreamTranscoder {
  push(chunk: Uint8Array): Uint8Array;
  /**
   * The same for hub frames as objects (what a bridge that builds the frames delivers with `onFrames`), so they are
   * not serialised and parsed again between the two transducers. Optional: without it the front reads bytes. Frames
   * and bytes may alternate (a gateway error payload comes as bytes); each call continues the same stream.
   */
  pushFrames?(frames: readonly OpenAIStreamFrame[]): Uint8Array;
  /** The hub stream is over: the client stream's last bytes. */
  end(): Uint8Array;
  /** The client API's own lossy steps in this stream (in the final warnings comment and the log line). */
  readonly warnings?: readonly TranslationWarning[];
  /**
   * A keep-alive event of the client API (Anthropic's `ping`), sent every `intervalMs` while the upstream is quiet
   * (the gateway's timer; the transcoder only makes the bytes, and returns none once its stream is over).
   */
  readonly keepAlive?: { intervalMs: number; bytes(): Uint8Array };
}
