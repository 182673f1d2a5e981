import {
  createGatewayCore,
  createKvResponseStore,
  parseGatewayConfigFile,
  readGatewayConfigFromEnv,
  toGatewayRequest,
  toResponse,
  type GatewayCore,
  type GatewayOptions,
  type KvLikeNamespace,
  type ModelRoute,
} from '@interlingua/gateway';

/** The Worker's bindings: the gateway's environment variables, plus an optional JSON config. */
export type InterlinguaWorkerEnv = Record<string, unknown> & {
  /** The content of a gateway config file, as a JSON string (a `[vars]` entry or a secret). */
  INTERLINGUA_CONFIG?: string;
  /** A KV namespace for `POST /v1/responses`' stored responses (default: the isolate's memory). */
  INTERLINGUA_RESPONSES?: KvLikeNamespace;
};

/** Options only code can give: gateway options, plus the replay models to serve when no upstream key is set. */
export type InterlinguaWorkerOptions = Partial<GatewayOptions> & {
  /** Served (through `replayFetch`) only when no upstream key is set; the demo Worker passes `defaultReplayModels()`. */
  replayModels?: ModelRoute[];
};

function buildGateway(env: InterlinguaWorkerEnv, { replayModels, ...extra }: InterlinguaWorkerOptions): GatewayCore {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  let base = {};
  if (strings.INTERLINGUA_CONFIG) {
    const parsed = parseGatewayConfigFile(JSON.parse(strings.INTERLINGUA_CONFIG));
    if (!parsed.ok) throw new Error(parsed.message);
    base = parsed.config;
  }
  const config = readGatewayConfigFromEnv(strings, base);
  // An upstream that can be called: an API key, or Vertex AI's service-account credentials.
  const hasKey = Object.values(config.upstreams ?? {}).some(
    (upstream) => upstream?.apiKey || (upstream as { credentials?: unknown } | undefined)?.credentials,
  );
  const replay = !hasKey && extra.replayFetch !== undefined && replayModels !== undefined;
  // The core, not createGateway: the replay recordings are bundled only when `extra.replayFetch` brings them.
  const kv = env.INTERLINGUA_RESPONSES;
  const responseStore = kv && typeof kv === 'object' ? { responseStore: createKvResponseStore(kv) } : {};
  return createGatewayCore({ ...config, ...(replay ? { models: [...(config.models ?? []), ...replayModels] } : {}), ...responseStore, ...extra });
}

/**
 * The Worker: `export default createWorker()`. The gateway is built once per isolate from the env bindings
 * (`ANTHROPIC_API_KEY`, `GEMINI_API_KEY`, `OPENAI_API_KEY`, the `*_BASE_URL`s, `INTERLINGUA_KEYS`,
 * `INTERLINGUA_CONFIG`; a KV namespace bound as `INTERLINGUA_RESPONSES` keeps the Responses API's stored responses). The replay models are served only when `replayModels` and `replayFetch` are given (as
 * `demo-worker.ts` does) and no upstream key is set; the default Worker leaves the recordings out of its bundle.
 */
export function createWorker(extra: InterlinguaWorkerOptions = {}) {
  let gateway: GatewayCore | undefined;
  return {
    async fetch(request: Request, env: InterlinguaWorkerEnv): Promise<Response> {
      gateway ??= buildGateway(env ?? {}, extra);
      return toResponse(await gateway(toGatewayRequest(request)));
    },
  };
}
