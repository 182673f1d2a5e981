import type { GatewayConfigFile, UpstreamKind } from './gateway-config.js';

/** The environment variables the gateway reads (Node's `process.env`, or a Worker's env bindings). */
export type GatewayEnvironment = Record<string, string | undefined>;

const UPSTREAM_ENV: Record<UpstreamKind, { key: string; baseUrl: string }> = {
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
 * | `INTERLINGUA_KEYS` | comma-separated keys clients must present as `Authorization: Bearer …` |
 * | `INTERLINGUA_STRICT` | `1`/`true`: reject unsupported parameters with a 400 |
 *
 * With an upstream key set, the default prefix routes apply (`claude` → anthropic, `gemini` → gemini, and, with
 * `OPENAI_API_KEY`, everything else → openai-compatible) unless the config lists its own prefixes.
 */
export function readGatewayConfigFromEnv(env: GatewayEnvironment, base: GatewayConfigFile = {}): GatewayConfigFile {
  const config: GatewayConfigFile = { ...base, upstreams: { ...base.upstreams } };
  for (const kind of Object.keys(UPSTREAM_ENV) as UpstreamKind[]) {
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
    if (config.upstreams!['openai-compatible']?.apiKey) prefixes.push({ prefix: '', upstream: 'openai-compatible' });
    if (prefixes.length) config.prefixes = prefixes;
  }
  return config;
}
