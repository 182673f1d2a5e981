import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod';

/**
 * zod schemas of the rare Anthropic stream events (one per stream or per block). The frequent
 * `content_block_delta` is checked structurally in the step instead: a zod parse per token costs more than the
 * whole translation of the event.
 */
const usageSchema = lazySchema(() =>
  z
    .looseObject({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      cache_creation_input_tokens: z.number().nullish(),
      cache_read_input_tokens: z.number().nullish(),
      output_tokens_details: z.looseObject({ thinking_tokens: z.number().nullish() }).nullish(),
    })
    .nullish(),
);

export const anthropicMessageStartEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({
      id: z.string().optional(),
      model: z.string().optional(),
      usage: usageSchema(),
    }),
  }),
);

export const anthropicContentBlockStartEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('content_block_start'),
    index: z.number().int().nonnegative(),
    content_block: z.looseObject({ type: z.string() }),
  }),
);

export const anthropicMessageDeltaEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }),
    usage: usageSchema(),
  }),
);

export const anthropicErrorEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('error'),
    error: z.looseObject({ type: z.string().optional(), message: z.string().optional() }),
  }),
);
