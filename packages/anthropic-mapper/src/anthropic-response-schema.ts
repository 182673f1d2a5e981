import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod';

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
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
    output_tokens_details: z.looseObject({ thinking_tokens: z.number().nullish() }).nullish(),
  }),
);

export const anthropicMessageSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('message').optional(),
    id: z.string().optional(),
    role: z.literal('assistant').optional(),
    model: z.string().nullish(),
    content: z.array(anthropicContentBlockSchema()),
    stop_reason: z.string().nullish(),
    stop_sequence: z.string().nullish(),
    stop_details: z.looseObject({ explanation: z.string().nullish() }).nullish(),
    usage: anthropicUsageSchema().nullish(),
  }),
);

export type AnthropicMessagePayload = z.infer<ReturnType<typeof anthropicMessageSchema>>;

export const anthropicErrorBodySchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('error').optional(),
    error: z.looseObject({ type: z.string(), message: z.string() }),
    request_id: z.string().nullish(),
  }),
);
