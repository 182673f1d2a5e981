import { anthropicCatalogOverrideSchema, anthropicModelCapabilitiesOverrideSchema } from '@interlingua/anthropic-mapper';
import { geminiCapabilitiesOverrideSchema, geminiCatalogOverrideSchema } from '@interlingua/gemini-mapper';
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
    promptCaching: z.optional(z.enum(['auto', 'off'])),
    responsesApi: z.optional(z.boolean()),
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
    catalog: z.optional(z.strictObject({ anthropic: z.optional(anthropicCatalogOverrideSchema()), gemini: z.optional(geminiCatalogOverrideSchema()) })),
  });
});

export type ParseGatewayConfigResult = { ok: true; config: GatewayConfigFile } | { ok: false; message: string };

/** Validates the content of a config file. The message names the JSON path of every problem. */
export function parseGatewayConfigFile(json: unknown): ParseGatewayConfigResult {
  const result = gatewayConfigFileSchema().safeParse(json);
  const issues: { path: PropertyKey[]; message: string }[] = result.success ? [] : [...result.error.issues];
  if (result.success) {
    // A model's capability override is checked against its provider's capabilities.
    (result.data.models ?? []).forEach((model, index) => {
      if (model.capabilities === undefined) return;
      const upstreamModel = model.upstreamModel ?? model.name;
      const schema =
        model.upstream === 'anthropic' || (model.upstream === 'vertex' && upstreamModel.startsWith('claude'))
          ? anthropicModelCapabilitiesOverrideSchema()
          : model.upstream === 'gemini' || model.upstream === 'vertex'
            ? geminiCapabilitiesOverrideSchema()
            : undefined;
      if (!schema) {
        issues.push({ path: ['models', index, 'capabilities'], message: 'capabilities apply to anthropic, gemini and vertex models only' });
        return;
      }
      const checked = schema.safeParse(model.capabilities);
      if (!checked.success) for (const issue of checked.error.issues) issues.push({ path: ['models', index, 'capabilities', ...issue.path], message: issue.message });
    });
  }
  if (result.success && issues.length === 0) return { ok: true, config: result.data as GatewayConfigFile };
  const message = issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
  return { ok: false, message: `invalid gateway config: ${message}` };
}
