import type { GatewayConfigFile } from './gateway-config.js';

/** `GET /v1/models`: the configured exact names and aliases, in OpenAI's list shape. */
export function listModels(config: GatewayConfigFile) {
  const data = (config.models ?? []).flatMap((route) =>
    [route.name, ...(route.aliases ?? [])].map((id) => ({
      id,
      object: 'model' as const,
      created: 0,
      owned_by: route.replay ? `${route.upstream} (replay)` : route.upstream,
    })),
  );
  return { object: 'list' as const, data };
}
