import type { GatewayLimits } from './gateway-config.js';

/** Every limit with its value: the configured one or the default. */
export type ResolvedGatewayLimits = Required<GatewayLimits>;

/** The defaults of {@link GatewayLimits} (documented on each field). */
export const DEFAULT_GATEWAY_LIMITS: Readonly<ResolvedGatewayLimits> = Object.freeze({
  maxBodyBytes: 10 * 1024 * 1024,
  upstreamTimeoutMs: 120_000,
  maxMessages: 2048,
  maxImageBytes: 20 * 1024 * 1024,
  streamIdleTimeoutMs: 120_000,
  requestTimeoutMs: 600_000,
  maxConcurrentStreams: 1000,
  maxEventBytes: 32 * 1024 * 1024,
});

/** Fills in the defaults of the limits left unset. */
export function resolveGatewayLimits(limits: GatewayLimits | undefined): ResolvedGatewayLimits {
  const resolved = { ...DEFAULT_GATEWAY_LIMITS };
  for (const name of Object.keys(resolved) as (keyof ResolvedGatewayLimits)[]) {
    const value = limits?.[name];
    if (typeof value === 'number' && Number.isFinite(value)) resolved[name] = value;
  }
  return resolved;
}
