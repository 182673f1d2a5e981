/**
 * The gateway's configuration: what a config file holds (JSON, validated by {@link parseGatewayConfigFile}) and what
 * the environment adds ({@link readGatewayConfigFromEnv}). A JSON Schema of {@link GatewayConfigFile} is generated at
 * build time (`@interlingua/gateway/config.schema.json`) for editor completion.
 */
import type { ModelCatalogOverride } from '@interlingua/openai-schema';
import type { VertexSettings } from './vertex/vertex-settings.js';

/** The upstream kinds a model can be routed to. */
export type UpstreamKind = 'anthropic' | 'gemini' | 'openai-compatible' | 'vertex';

export interface UpstreamSettings {
  /** The upstream's API key. Prefer the environment (`ANTHROPIC_API_KEY`, `GEMINI_API_KEY`, `OPENAI_API_KEY`). */
  apiKey?: string;
  /**
   * Base URL. Defaults: `https://api.anthropic.com`, `https://generativelanguage.googleapis.com`,
   * `https://api.openai.com/v1`. Point it at a proxy or a mock.
   */
  baseUrl?: string;
  /**
   * Anthropic only: pass the client's `anthropic-beta` header on to Anthropic (merged with the betas the mapping
   * adds). Default true; false drops it.
   */
  forwardBetaHeader?: boolean;
  /**
   * Anthropic only: `auto` turns on Anthropic's automatic prompt caching for every request (a top-level
   * `cache_control`; cache writes cost 1.25× input, reads 0.1×), `off` (default) caches only where the client asks
   * (`cache_control` on parts, `prompt_cache_retention`). See the Anthropic mapper's README for the reasoning.
   */
  promptCaching?: 'auto' | 'off';
  /**
   * OpenAI-compatible only: the upstream serves OpenAI's Responses API (`POST <baseUrl>/responses`) itself (OpenAI,
   * vLLM, …). `POST /v1/responses` requests routed to it are then passed through unchanged (model routed, key set)
   * instead of translated through Chat Completions; stored responses are then the upstream's. Default false.
   */
  responsesApi?: boolean;
}

export interface ModelRoute {
  /** The model name clients send. */
  name: string;
  /** Other names clients may send for this model. */
  aliases?: string[];
  upstream: UpstreamKind;
  /** The model name sent upstream; default: `name`. */
  upstreamModel?: string;
  /** Answer from the embedded recordings instead of calling the upstream (works offline, needs no key). */
  replay?: boolean;
  /**
   * What this exact model accepts, over what the provider's catalog says of its family (fields of the provider
   * mapper's capabilities, e.g. `AnthropicModelCapabilities`; validated by that mapper's override schema).
   */
  capabilities?: Record<string, unknown>;
}

export interface PrefixRoute {
  /** Model names starting with this prefix are routed here, e.g. `claude-`. */
  prefix: string;
  upstream: UpstreamKind;
  /** Remove the prefix before sending the model name upstream (for namespaced prefixes such as `anthropic/`). */
  stripPrefix?: boolean;
}

/**
 * Limits that keep one client or one upstream from exhausting the gateway. Every limit has a default; every refusal
 * is an OpenAI error envelope (before the response starts) or an error payload on the stream (after it started).
 */
export interface GatewayLimits {
  /** Largest request body in bytes (413 `request_too_large` above). Default 10485760 (10 MiB). */
  maxBodyBytes?: number;
  /** Time allowed for the upstream to answer with headers, in ms (504 `upstream_timeout` after). Default 120000. */
  upstreamTimeoutMs?: number;
  /** Most messages in one request (413 `too_many_messages` above). Default 2048. */
  maxMessages?: number;
  /**
   * Most bytes of inline (`data:` URL) images in one request, summed over all messages and counted as decoded bytes
   * (estimated from the base64 length); 413 `images_too_large` above. Default 20971520 (20 MiB).
   */
  maxImageBytes?: number;
  /**
   * Longest wait for the next upstream bytes once the reply has started, in ms. On a stream: the client gets an error
   * payload (`upstream_idle_timeout`) and the stream ends; without stream: 504 `upstream_idle_timeout`. The upstream
   * request is aborted either way. Default 120000.
   */
  streamIdleTimeoutMs?: number;
  /**
   * Longest time for a whole request, from its arrival to the last byte of the reply, in ms. Before the reply
   * starts: 504 `request_timeout` (408 while the client is still sending its body); on a stream: an error payload
   * (`request_timeout`) and the end. The upstream request is aborted. Default 600000 (10 minutes).
   */
  requestTimeoutMs?: number;
  /**
   * Most streams served at the same time by one gateway instance (a Worker isolate, a Node process); one more gets
   * 429 `too_many_concurrent_streams` with `retry-after: 1`. Default 1000.
   */
  maxConcurrentStreams?: number;
  /**
   * Largest single upstream stream event, in characters (about bytes). A valid event up to this size passes through
   * (Gemini image answers carry megabytes of inline base64); a larger one ends the stream with an error payload
   * (`upstream_event_too_large` for Anthropic, `upstream_invalid_event` for Gemini). Default 33554432 (32 MiB).
   */
  maxEventBytes?: number;
}

/** The content of a config file. */
export interface GatewayConfigFile {
  /** Keys clients must send as `Authorization: Bearer <key>`. None: no authentication. */
  keys?: string[];
  upstreams?: {
    anthropic?: UpstreamSettings;
    gemini?: UpstreamSettings;
    'openai-compatible'?: UpstreamSettings;
    vertex?: VertexSettings;
  };
  /** Exact names and aliases; looked up before prefixes. */
  models?: ModelRoute[];
  /** Prefix routes, tried in order after the exact names. */
  prefixes?: PrefixRoute[];
  limits?: GatewayLimits;
  /** Reject unsupported parameters with a 400 instead of dropping them with a warning. */
  strict?: boolean;
  /**
   * Additions and changes to the shipped model catalogs, per provider: families (by model line and version range),
   * aliases and the fallback, in the shape of `ModelCatalogOverride` (see the mapper packages' READMEs). A new model
   * is served correctly without a release.
   */
  catalog?: {
    anthropic?: CatalogOverrideConfig;
    gemini?: CatalogOverrideConfig;
  };
}

/** A provider catalog override as configured (its capabilities are checked by the provider mapper's schema). */
export type CatalogOverrideConfig = ModelCatalogOverride<Record<string, unknown>>;
