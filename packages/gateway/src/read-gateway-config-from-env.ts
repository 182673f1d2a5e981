import type { GatewayConfigFile, UpstreamKind } from './gateway-config.js';

/** The environment variables the gateway reads (Node's `process.env`, or a Worker's env bindings). */
export type GatewayEnvironment = Record<string, string | undefined>;

const UPSTREAM_ENV: Record<Exclude<UpstreamKind, 'vertex'>, { key: string; baseUrl: string }> = {
  anthropic: { key: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL' },
  gemini: { key: 'GEMINI_API_KEY', baseUrl: 'GEMINI_BASE_URL' },
  'openai-compatible': { key: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' },
};

/**
 * Adds what the environment says to a config (the environment wins):
 *
 * | variable | meaning |
 * |---|---|
 * | `ANTHROPIC_API_KEY`, `GEMINI_API_KEY` (or `GOOGLE_API_KEY`), `OPENAI_API_KEY` | upstream keys |
 * | `ANTHROPIC_BASE_URL`, `GEMINI_BASE_URL`, `OPENAI_BASE_URL` | upstream base URLs |
 * | `GOOGLE_APPLICATION_CREDENTIALS_JSON` | Vertex AI: a service-account key's JSON text |
 * | `GOOGLE_APPLICATION_CREDENTIALS` | Vertex AI: the path of a service-account key file (read by the Node adapters only) |
 * | `GOOGLE_VERTEX_API_KEY` | Vertex AI: an express-mode API key (Gemini models only) |
 * | `GOOGLE_CLOUD_PROJECT`, `GOOGLE_CLOUD_LOCATION`, `GOOGLE_VERTEX_BASE_URL` | Vertex AI: project, location (default `global`), base URL |
 * | `INTERLINGUA_KEYS` | comma-separated keys clients must present as `Authorization: Bearer …` |
 * | `INTERLINGUA_STRICT` | `1`/`true`: reject unsupported parameters with a 400 |
 *
 * With an upstream key set, the default prefix routes apply (`claude` → anthropic, `gemini` → gemini, and, with
 * `OPENAI_API_KEY`, everything else → openai-compatible; with Vertex credentials, `vertex/<model>` → vertex) unless the
 * config lists its own prefixes. The Vertex project, location and base URL apply once Vertex has credentials (from
 * these variables or the config).
 */
export function readGatewayConfigFromEnv(env: GatewayEnvironment, base: GatewayConfigFile = {}): GatewayConfigFile {
  const config: GatewayConfigFile = { ...base, upstreams: { ...base.upstreams } };
  for (const kind of Object.keys(UPSTREAM_ENV) as (keyof typeof UPSTREAM_ENV)[]) {
    const names = UPSTREAM_ENV[kind];
    const apiKey = env[names.key] ?? (kind === 'gemini' ? env.GOOGLE_API_KEY : undefined);
    const baseUrl = env[names.baseUrl];
    if (apiKey || baseUrl) {
      config.upstreams![kind] = {
        ...config.upstreams![kind],
        ...(apiKey ? { apiKey } : {}),
        ...(baseUrl ? { baseUrl } : {}),
      };
    }
  }
  const vertexCredentials = {
    ...(env.GOOGLE_APPLICATION_CREDENTIALS_JSON ? { credentials: env.GOOGLE_APPLICATION_CREDENTIALS_JSON } : {}),
    ...(env.GOOGLE_APPLICATION_CREDENTIALS ? { credentialsFile: env.GOOGLE_APPLICATION_CREDENTIALS } : {}),
    ...(env.GOOGLE_VERTEX_API_KEY ? { apiKey: env.GOOGLE_VERTEX_API_KEY } : {}),
  };
  if (Object.keys(vertexCredentials).length > 0 || config.upstreams!.vertex) {
    config.upstreams!.vertex = {
      ...config.upstreams!.vertex,
      ...vertexCredentials,
      ...(env.GOOGLE_CLOUD_PROJECT ? { project: env.GOOGLE_CLOUD_PROJECT } : {}),
      ...(env.GOOGLE_CLOUD_LOCATION ? { location: env.GOOGLE_CLOUD_LOCATION } : {}),
      ...(env.GOOGLE_VERTEX_BASE_URL ? { baseUrl: env.GOOGLE_VERTEX_BASE_URL } : {}),
    };
  }
  if (env.INTERLINGUA_KEYS) {
    config.keys = env.INTERLINGUA_KEYS.split(',')
      .map((key) => key.trim())
      .filter(Boolean);
  }
  if (env.INTERLINGUA_STRICT === '1' || env.INTERLINGUA_STRICT === 'true') config.strict = true;
  if (!config.prefixes) {
    const prefixes: NonNullable<GatewayConfigFile['prefixes']> = [];
    if (config.upstreams!.anthropic?.apiKey) prefixes.push({ prefix: 'claude', upstream: 'anthropic' });
    if (config.upstreams!.gemini?.apiKey) prefixes.push({ prefix: 'gemini', upstream: 'gemini' });
    const vertex = config.upstreams!.vertex;
    if (vertex?.credentials || vertex?.credentialsFile || vertex?.apiKey) prefixes.push({ prefix: 'vertex/', upstream: 'vertex' as UpstreamKind, stripPrefix: true });
    if (config.upstreams!['openai-compatible']?.apiKey) prefixes.push({ prefix: '', upstream: 'openai-compatible' });
    if (prefixes.length) config.prefixes = prefixes;
  }
  return config;
}
