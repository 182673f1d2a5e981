import type { GatewayConfigFile, UpstreamKind } from './gateway-config.js';

export interface ResolvedRoute {
  upstream: UpstreamKind;
  /** The model name sent upstream. */
  upstreamModel: string;
  replay: boolean;
  /** The operator's capability override for an exact model route. */
  capabilities?: Record<string, unknown>;
}

/** Exact names and aliases first, then prefixes in order; `null` when nothing matches. */
export function resolveModelRoute(config: GatewayConfigFile, model: string): ResolvedRoute | null {
  for (const route of config.models ?? []) {
    if (route.name === model || route.aliases?.includes(model)) {
      return {
        upstream: route.upstream,
        upstreamModel: route.upstreamModel ?? route.name,
        replay: route.replay === true,
        ...(route.capabilities ? { capabilities: route.capabilities } : {}),
      };
    }
  }
  for (const route of config.prefixes ?? []) {
    if (model.startsWith(route.prefix)) {
      const upstreamModel = route.stripPrefix ? model.slice(route.prefix.length) : model;
      if (upstreamModel) return { upstream: route.upstream, upstreamModel, replay: false };
    }
  }
  return null;
}
