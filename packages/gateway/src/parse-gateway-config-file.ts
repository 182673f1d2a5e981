import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';
import type { GatewayConfigFile } from './gateway-config.js';

const gatewayConfigFileSchema = lazySchema(() => {
  const upstreamKind = z.enum(['anthropic', 'gemini', 'openai-compatible', 'vertex']);
  const nonEmptyString = () => z.string().check(z.minLength(1));
  const positiveInteger = () => z.optional(z.number().check(z.int(), z.positive()));
  const upstreamSettings = z.strictObject({
    apiKey: z.optional(nonEmptyString()),
    baseUrl: z.optional(z.url()),
    forwardBetaHeader: z.optional(z.boolean()),
  });
  const vertexSettings = z.strictObject({
    apiKey: z.optional(nonEmptyString()),
    baseUrl: z.optional(z.url()),
    project: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.:-]*$/))),
    location: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/))),
    credentials: z.optional(z.union([nonEmptyString(), z.looseObject({ client_email: nonEmptyString(), private_key: nonEmptyString() })])),
    credentialsFile: z.optional(nonEmptyString()),
    forwardBetaHeader: z.optional(z.boolean()),
  });
  const capabilities = z.record(z.string(), z.unknown());
  const version = z.string().check(z.regex(/^\d+(\.\d+)*$/));
  const catalogMatch = z.strictObject({ lines: z.array(nonEmptyString()).check(z.minLength(1)), from: z.optional(version), through: z.optional(version) });
  const catalogOverride = z.strictObject({
    entries: z.optional(
      z.array(
        z.strictObject({
          family: nonEmptyString(),
          match: z.optional(catalogMatch),
          capabilities: z.optional(capabilities),
          models: z.optional(z.array(nonEmptyString())),
          source: z.optional(z.string()),
        }),
      ),
    ),
    aliases: z.optional(z.record(nonEmptyString(), nonEmptyString())),
    fallback: z.optional(capabilities),
  });
  return z.strictObject({
    keys: z.optional(z.array(nonEmptyString())),
    upstreams: z.optional(
      z.strictObject({
        anthropic: z.optional(upstreamSettings),
        gemini: z.optional(upstreamSettings),
        'openai-compatible': z.optional(upstreamSettings),
        vertex: z.optional(vertexSettings),
      }),
    ),
    models: z.optional(
      z.array(
        z.strictObject({
          name: nonEmptyString(),
          aliases: z.optional(z.array(nonEmptyString())),
          upstream: upstreamKind,
          upstreamModel: z.optional(nonEmptyString()),
          replay: z.optional(z.boolean()),
          capabilities: z.optional(capabilities),
        }),
      ),
    ),
    prefixes: z.optional(
      z.array(z.strictObject({ prefix: nonEmptyString(), upstream: upstreamKind, stripPrefix: z.optional(z.boolean()) })),
    ),
    limits: z.optional(
      z.strictObject({
        maxBodyBytes: positiveInteger(),
        upstreamTimeoutMs: positiveInteger(),
        maxMessages: positiveInteger(),
        maxImageBytes: z.optional(z.number().check(z.int(), z.nonnegative())),
        streamIdleTimeoutMs: positiveInteger(),
        requestTimeoutMs: positiveInteger(),
        maxConcurrentStreams: positiveInteger(),
        maxEventBytes: positiveInteger(),
      }),
    ),
    strict: z.optional(z.boolean()),
    catalog: z.optional(z.strictObject({ anthropic: z.optional(catalogOverride), gemini: z.optional(catalogOverride) })),
  });
});

export type ParseGatewayConfigResult = { ok: true; config: GatewayConfigFile } | { ok: false; message: string };

/** Validates the content of a config file. The message names the JSON path of every problem. */
export function parseGatewayConfigFile(json: unknown): ParseGatewayConfigResult {
  const result = gatewayConfigFileSchema().safeParse(json);
  if (result.success) return { ok: true, config: result.data as GatewayConfigFile };
  const message = result.error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message: `invalid gateway config: ${message}` };
}
