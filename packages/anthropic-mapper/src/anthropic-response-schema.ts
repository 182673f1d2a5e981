import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

/**
 * Inbound Anthropic payloads, validated loosely: only the fields the translation reads are checked, everything
 * else (new block types, new usage counters) passes through untouched.
 */
export const anthropicContentBlockSchema = lazySchema(() =>
  z.looseObject({
    type: z.string(),
  }),
);

export const anthropicUsageSchema = lazySchema(() =>
  z.looseObject({
    input_tokens: z.nullish(z.number()),
    output_tokens: z.nullish(z.number()),
    cache_creation_input_tokens: z.nullish(z.number()),
    cache_read_input_tokens: z.nullish(z.number()),
    output_tokens_details: z.nullish(z.looseObject({ thinking_tokens: z.nullish(z.number()) })),
  }),
);

export const anthropicMessageSchema = lazySchema(() =>
  z.looseObject({
    type: z.optional(z.literal('message')),
    id: z.optional(z.string()),
    role: z.optional(z.literal('assistant')),
    model: z.nullish(z.string()),
    content: z.array(anthropicContentBlockSchema()),
    stop_reason: z.nullish(z.string()),
    stop_sequence: z.nullish(z.string()),
    stop_details: z.nullish(z.looseObject({ explanation: z.nullish(z.string()) })),
    usage: z.nullish(anthropicUsageSchema()),
  }),
);

export type AnthropicMessagePayload = z.infer<ReturnType<typeof anthropicMessageSchema>>;

export const anthropicErrorBodySchema = lazySchema(() =>
  z.looseObject({
    type: z.optional(z.literal('error')),
    error: z.looseObject({ type: z.string(), message: z.string() }),
    request_id: z.nullish(z.string()),
  }),
);
