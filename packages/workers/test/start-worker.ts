/// <reference types="node" />
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';
// @ts-expect-error the bundling script is plain JavaScript
import { bundleWorker } from '../scripts/bundle-worker.mjs';

export interface StartedWorker {
  miniflare: Miniflare;
  /** The Worker's address with `/v1` (what OpenAI and Anthropic SDKs take as their base URL). */
  baseURL: string;
  dispose(): Promise<void>;
}

/**
 * The Worker as `wrangler` bundles it (unminified), in workerd through miniflare, on 127.0.0.1 at a free port, with
 * the given bindings (the Worker reads its configuration from them) and KV namespaces. For the tests.
 */
export async function startWorker(options: {
  bindings: Record<string, string>;
  kvNamespaces?: string[];
  /** A bundle of its own (default: the Worker bundled as wrangler does). */
  script?: string;
  /** Receives the Worker's stdout and stderr (default: miniflare prints them). */
  handleRuntimeStdio?: (stdout: Readable, stderr: Readable) => void;
}): Promise<StartedWorker> {
  const miniflare = new Miniflare({
    modules: true,
    script: options.script ?? (await bundleWorker({ minify: false })),
    compatibilityDate: '2025-10-01',
    host: '127.0.0.1',
    port: 0,
    ...(options.kvNamespaces ? { kvNamespaces: options.kvNamespaces } : {}),
    ...(options.handleRuntimeStdio ? { handleRuntimeStdio: options.handleRuntimeStdio } : {}),
    bindings: options.bindings,
  });
  const baseURL = `${(await miniflare.ready).toString().replace(/\/$/, '')}/v1`;
  return { miniflare, baseURL, dispose: () => miniflare.dispose() };
}

/** Bindings that send both providers to one loopback upstream with one upstream key, and require a client key. */
export function loopbackUpstreamBindings(upstreamUrl: string, upstreamKey: string, clientKey: string): Record<string, string> {
  return {
    ANTHROPIC_API_KEY: upstreamKey,
    ANTHROPIC_BASE_URL: upstreamUrl,
    GEMINI_API_KEY: upstreamKey,
    GEMINI_BASE_URL: upstreamUrl,
    INTERLINGUA_KEYS: clientKey,
  };
}
