import type { ModelRoute } from '../gateway-config.js';

/** The models `serve` exposes when no upstream key is configured: answered from the embedded recordings. */
export function defaultReplayModels(): ModelRoute[] {
  return [
    { name: 'replay/claude', aliases: ['replay/claude-3-5-haiku'], upstream: 'anthropic', upstreamModel: 'claude-3-5-haiku', replay: true },
    { name: 'replay/gemini', aliases: ['replay/gemini-1.5-pro'], upstream: 'gemini', upstreamModel: 'gemini-1.5-pro-002', replay: true },
  ];
}
