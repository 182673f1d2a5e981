import {
  createGateway,
  defaultReplayModels,
  parseGatewayConfigFile,
  readGatewayConfigFromEnv,
  type GatewayHandler,
  type GatewayOptions,
} from '@interlingua/gateway';

/** The Worker's bindings: the gateway's environment variables, plus an optional JSON config. */
export type InterlinguaWorkerEnv = Record<string, unknown> & {
  /** The content of a gateway config file, as a JSON string (a `[vars]` entry or a secret). */
  INTERLINGUA_CONFIG?: string;
};

function buildGateway(env: InterlinguaWorkerEnv, extra: Partial<GatewayOptions>): GatewayHandler {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  let base = {};
  if (strings.INTERLINGUA_CONFIG) {
    const parsed = parseGatewayConfigFile(JSON.parse(strings.INTERLINGUA_CONFIG));
    if (!parsed.ok) throw new Error(parsed.message);
    base = parsed.config;
  }
  const config = readGatewayConfigFromEnv(strings, base);
  const hasKey = Object.values(config.upstreams ?? {}).some((upstream) => upstream?.apiKey);
  return createGateway({ ...config, ...(hasKey ? {} : { models: [...(config.models ?? []), ...defaultReplayModels()] }), ...extra });
}

/**
 * The Worker: `export default createWorker()`. The gateway is built once per isolate from the env bindings
 * (`ANTHROPIC_API_KEY`, `GEMINI_API_KEY`, `OPENAI_API_KEY`, the `*_BASE_URL`s, `INTERLINGUA_KEYS`,
 * `INTERLINGUA_CONFIG`); with no upstream key it serves the replay models.
 */
export function createWorker(extra: Partial<GatewayOptions> = {}) {
  let gateway: GatewayHandler | undefined;
  return {
    fetch(request: Request, env: InterlinguaWorkerEnv): Promise<Response> {
      gateway ??= buildGateway(env ?? {}, extra);
      return gateway(request);
    },
  };
}
