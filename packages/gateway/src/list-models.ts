import type { GatewayConfigFile, UpstreamKind } from './gateway-config.js';

/** One entry of `GET /v1/models` (OpenAI's `Model`, plus where the gateway found it). */
export interface ListedModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  /** How the gateway serves the id: a configured name or alias, or a known model of a prefix route's catalog. */
  interlingua: { route: 'exact' | 'alias' | 'prefix'; upstream: UpstreamKind; replay?: true; prefix?: string };
}

/** Whether an upstream can be called: it has a key (the routes to it answer 503 otherwise). */
function reachable(config: GatewayConfigFile, upstream: UpstreamKind): boolean {
  const settings = config.upstreams?.[upstream] as { apiKey?: string; credentials?: unknown } | undefined;
  return Boolean(settings?.apiKey || settings?.credentials);
}

/**
 * `GET /v1/models`, in OpenAI's list shape: the configured exact names and aliases, then, for each prefix route to a
 * reachable upstream, the model ids the provider's catalog knows (`knownModels`) that the prefix routes there
 * (with the prefix put back in front when the route strips it). Each entry says how it is served
 * (`interlingua.route`); ids are listed once, the first route that serves them winning, as in routing.
 */
export function listModels(config: GatewayConfigFile, knownModels: (upstream: UpstreamKind) => readonly string[] = () => []) {
  const data: ListedModel[] = [];
  const seen = new Set<string>();
  const add = (model: ListedModel) => {
    if (seen.has(model.id)) return;
    seen.add(model.id);
    data.push(model);
  };
  for (const route of config.models ?? []) {
    const replay = route.replay === true;
    const owned_by = replay ? `${route.upstream} (replay)` : route.upstream;
    add({ id: route.name, object: 'model', created: 0, owned_by, interlingua: { route: 'exact', upstream: route.upstream, ...(replay ? { replay } : {}) } });
    for (const alias of route.aliases ?? []) {
      add({ id: alias, object: 'model', created: 0, owned_by, interlingua: { route: 'alias', upstream: route.upstream, ...(replay ? { replay } : {}) } });
    }
  }
  for (const route of config.prefixes ?? []) {
    if (!reachable(config, route.upstream)) continue;
    for (const model of knownModels(route.upstream)) {
      const id = route.stripPrefix ? route.prefix + model : model;
      if (!route.stripPrefix && !model.startsWith(route.prefix)) continue;
      add({ id, object: 'model', created: 0, owned_by: route.upstream, interlingua: { route: 'prefix', upstream: route.upstream, prefix: route.prefix } });
    }
  }
  return { object: 'list' as const, data };
}
