import { readFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import {
  createGuardedMediaResolver,
  defaultReplayModels,
  parseGatewayConfigFile,
  readGatewayConfigFromEnv,
  type GatewayOptions,
} from '@interlingua/gateway';

export interface LoadedGatewayOptions {
  options: GatewayOptions;
  /** True when no upstream key is configured and the replay models are served. */
  replayOnly: boolean;
}

/** The config file (if any) plus the environment; the replay models when no upstream key is set. */
export interface ImageUrlOptions {
  /** Fetch images given by URL with the SSRF-guarded resolver. */
  allowImageUrls: boolean;
  /** `host:port` pairs fetched although internal (e.g. a local test server); non-empty turns the resolver on. */
  allowImageHosts?: string[];
}

export function loadGatewayOptions(configPath: string | undefined, env: NodeJS.ProcessEnv, images: ImageUrlOptions): LoadedGatewayOptions {
  let base = {};
  if (configPath) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the config file ${configPath}: ${(error as Error).message}`);
    }
    const parsed = parseGatewayConfigFile(json);
    if (!parsed.ok) throw new Error(`${configPath}: ${parsed.message}`);
    base = parsed.config;
  }
  const config = readGatewayConfigFromEnv(env, base);
  const vertex = config.upstreams?.vertex;
  if (vertex?.credentialsFile && vertex.credentials === undefined) {
    // The runtime-neutral gateway never reads files: the key file (GOOGLE_APPLICATION_CREDENTIALS or
    // upstreams.vertex.credentialsFile, relative to the working directory) is read here. The error names the path
    // and the reason, never the content.
    let credentials: string;
    try {
      credentials = readFileSync(vertex.credentialsFile, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the Vertex AI credentials file ${vertex.credentialsFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    config.upstreams = { ...config.upstreams, vertex: { ...vertex, credentials } };
  }
  const replayOnly = !Object.values(config.upstreams ?? {}).some((upstream) => upstream?.apiKey || (upstream as { credentials?: unknown } | undefined)?.credentials);
  const options: GatewayOptions = replayOnly ? { ...config, models: [...(config.models ?? []), ...defaultReplayModels()] } : config;
  const allowInternalHosts = images.allowImageHosts ?? [];
  if (images.allowImageUrls || allowInternalHosts.length > 0) {
    options.resolveMedia = createGuardedMediaResolver({
      lookup: async (hostname) => (await lookup(hostname, { all: true })).map((entry) => entry.address),
      allowInternalHosts,
    });
  }
  return { options, replayOnly };
}
