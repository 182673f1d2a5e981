/**
 * The gateway's configuration: what a config file holds (JSON, validated by {@link parseGatewayConfigFile}) and what
 * the environment adds ({@link readGatewayConfigFromEnv}). A JSON Schema of {@link GatewayConfigFile} is generated at
 * build time (`@interlingua/gateway/config.schema.json`) for editor completion.
 */

/** The upstream kinds a model can be routed to. */
export type UpstreamKind = 'anthropic' | 'gemini' | 'openai-compatible';

export interface UpstreamSettings {
  /** The upstream's API key. Prefer the environment (`ANTHROPIC_API_KEY`, `GEMINI_API_KEY`, `OPENAI_API_KEY`). */
  apiKey?: string;
  /**
   * Base URL. Defaults: `https://api.anthropic.com`, `https://generativelanguage.googleapis.com`,
   * `https://api.openai.com/v1`. Point it at a proxy, a Vertex-style host or a mock.
   */
  baseUrl?: string;
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
}

export interface PrefixRoute {
  /** Model names starting with this prefix are routed here, e.g. `claude-`. */
  prefix: string;
  upstream: UpstreamKind;
  /** Remove the prefix before sending the model name upstream (for namespaced prefixes such as `anthropic/`). */
  stripPrefix?: boolean;
}

export interface GatewayLimits {
  /** Largest request body in bytes (413 above). Default 10 MiB. */
  maxBodyBytes?: number;
  /** Time allowed for the upstream to answer with headers, in ms (504 after). Default 120000. */
  upstreamTimeoutMs?: number;
}

/** The content of a config file. */
export interface GatewayConfigFile {
  /** Keys clients must send as `Authorization: Bearer <key>`. None: no authentication. */
  keys?: string[];
  upstreams?: {
    anthropic?: UpstreamSettings;
    gemini?: UpstreamSettings;
    'openai-compatible'?: UpstreamSettings;
  };
  /** Exact names and aliases; looked up before prefixes. */
  models?: ModelRoute[];
  /** Prefix routes, tried in order after the exact names. */
  prefixes?: PrefixRoute[];
  limits?: GatewayLimits;
  /** Reject unsupported parameters with a 400 instead of dropping them with a warning. */
  strict?: boolean;
}
