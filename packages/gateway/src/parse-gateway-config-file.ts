import * as z from 'zod';
import type { GatewayConfigFile } from './gateway-config.js';

const upstreamKind = z.enum(['anthropic', 'gemini', 'openai-compatible']);
const upstreamSettings = z.strictObject({ apiKey: z.string().min(1).optional(), baseUrl: z.url().optional() });

const gatewayConfigFileSchema = z.strictObject({
  keys: z.array(z.string().min(1)).optional(),
  upstreams: z
    .strictObject({
      anthropic: upstreamSettings.optional(),
      gemini: upstreamSettings.optional(),
      'openai-compatible': upstreamSettings.optional(),
    })
    .optional(),
  models: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        aliases: z.array(z.string().min(1)).optional(),
        upstream: upstreamKind,
        upstreamModel: z.string().min(1).optional(),
        replay: z.boolean().optional(),
      }),
    )
    .optional(),
  prefixes: z
    .array(z.strictObject({ prefix: z.string().min(1), upstream: upstreamKind, stripPrefix: z.boolean().optional() }))
    .optional(),
  limits: z
    .strictObject({
      maxBodyBytes: z.number().int().positive().optional(),
      upstreamTimeoutMs: z.number().int().positive().optional(),
      maxMessages: z.number().int().positive().optional(),
      maxImageBytes: z.number().int().nonnegative().optional(),
      streamIdleTimeoutMs: z.number().int().positive().optional(),
      requestTimeoutMs: z.number().int().positive().optional(),
      maxConcurrentStreams: z.number().int().positive().optional(),
      maxEventBytes: z.number().int().positive().optional(),
    })
    .optional(),
  strict: z.boolean().optional(),
});

export type ParseGatewayConfigResult = { ok: true; config: GatewayConfigFile } | { ok: false; message: string };

/** Validates the content of a config file. The message names the JSON path of every problem. */
export function parseGatewayConfigFile(json: unknown): ParseGatewayConfigResult {
  const result = gatewayConfigFileSchema.safeParse(json);
  if (result.success) return { ok: true, config: result.data as GatewayConfigFile };
  const message = result.error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message: `invalid gateway config: ${message}` };
}
