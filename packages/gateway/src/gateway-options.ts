import type { TranslationEnvironment, Utf8Encoder } from '@interlingua/openai-schema';
import type { Utf8StreamDecoderFactory } from '@interlingua/sse';
import type { MediaResolver } from './bridges/provider-bridge.js';
import type { GatewayConfigFile } from './gateway-config.js';
import type { UpstreamFetch } from './gateway-exchange.js';
import type { GatewayTokenCounter } from './fronts/estimate-chat-request-tokens.js';
import type { ResponseStore } from './store/response-store.js';

/**
 * One structured log line per request (never a header, a key or a body). A streamed request is logged when its
 * stream is over: `latency_ms` then covers the whole stream and `error` says how it ended if not completely. A
 * complete reply is logged once it is written when the adapter says when that is (`GatewayRequest.afterReply`, as
 * the Node adapter does), before it is returned otherwise.
 */
export interface GatewayLogLine {
  time: string;
  method: string;
  path: string;
  status: number;
  latency_ms: number;
  model?: string;
  upstream?: string;
  stream?: boolean;
  prompt_tokens?: number;
  completion_tokens?: number;
  warnings?: string[];
  error?: string;
}

/** Everything `createGateway` takes: the config file's content plus what only code can give. */
export interface GatewayOptions extends GatewayConfigFile {
  /** The upstream call (default: the global `fetch`; the Node adapter passes one on undici's `request()`). */
  fetch?: UpstreamFetch;
  /**
   * The upstream of `replay: true` routes (the offline replay models). `createGateway` and the Node adapters default
   * to `createReplayFetch()`, the embedded recordings; `createGatewayCore` has no default, so a bundle built on it
   * (the Worker) carries the recordings only when asked to. A replay route without it answers 503.
   */
  replayFetch?: UpstreamFetch;
  /** A fresh translation environment per request (default: random ids, wall clock). */
  createEnvironment?: () => TranslationEnvironment;
  /** Receives one line per request (default: JSON on console.log). */
  log?: (line: GatewayLogLine) => void;
  /**
   * A tokenizer for estimates: `POST /v1/messages/count_tokens` on upstreams without a counting endpoint
   * (OpenAI-compatible, replay) and the input tokens a translated Messages stream announces in `message_start`. The
   * Node adapter (`@interlingua/node`, hence Express and `interlingua serve`) passes gpt-tokenizer's o200k_base as a
   * loader, so that its rank table (about 20 MiB of heap, 65 MiB of RSS) is loaded by the first request that needs an
   * estimate and not at start; without one, such a count answers 501 and `message_start` says 0.
   */
  tokenCounter?: GatewayTokenCounter;
  /** Fetches images given by URL for upstreams that need bytes (Gemini). Off by default: such images get a 400. */
  resolveMedia?: MediaResolver;
  /**
   * Where `POST /v1/responses` keeps responses (`store: true`) for `previous_response_id` and `GET`/`DELETE
   * /v1/responses/{id}`. Default: `createMemoryResponseStore()` (in-process, bounded, 1 hour TTL). `false`: none
   * (`previous_response_id` is then a 400 `previous_response_not_found`).
   */
  responseStore?: ResponseStore | false;
  /**
   * How stream output text becomes bytes (default: `TextEncoder`). The Node adapter (`@interlingua/node`, hence
   * Express and `interlingua serve`) passes `Buffer.from(text, 'utf8')`, about 6× cheaper than Node 20's
   * `TextEncoder.encode` for the few hundred characters of a stream event.
   */
  encodeUtf8?: Utf8Encoder;
  /**
   * How upstream stream bytes become text (default: `@interlingua/sse`'s, each chunk's whole characters through one
   * shared `TextDecoder`, which takes Node's fast UTF-8 path; as fast as Node's `StringDecoder` per stream event). A
   * host may pass its own; the text must be the Encoding Standard's (property-tested in `@interlingua/sse`).
   */
  createUtf8Decoder?: Utf8StreamDecoderFactory;
}
