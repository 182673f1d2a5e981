import { anthropicUsageSchema } from '@interlingua/anthropic-mapper';
import { createCheckedSafeParse, lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

/**
 * zod schemas of the rare Anthropic stream events (one per stream or per block). The frequent
 * `content_block_delta` is checked structurally in the step instead: a zod parse per token costs more than the
 * whole translation of the event.
 */
// The usage counters are the mapper's own schema: stream and non-stream read them alike.
const usageSchema = lazySchema(() => z.nullish(anthropicUsageSchema()));

export const anthropicMessageStartEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({
      id: z.optional(z.string()),
      model: z.optional(z.string()),
      usage: usageSchema(),
    }),
  }),
);

export const anthropicContentBlockStartEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('content_block_start'),
    index: z.number().check(z.int(), z.nonnegative()),
    content_block: z.looseObject({ type: z.string() }),
  }),
);

export const anthropicMessageDeltaEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.nullish(z.string()), stop_sequence: z.nullish(z.string()) }),
    usage: usageSchema(),
  }),
);

export const anthropicErrorEventSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('error'),
    error: z.looseObject({ type: z.optional(z.string()), message: z.optional(z.string()) }),
  }),
);

/**
 * The schemas' `safeParse`, each without zod's parse (and copy) for an event the checker compiled from the schema
 * accepts: the rare events still cost a stream's setup a zod parse each (about 2 µs), which a burst of new streams pays
 * before its first content. `anthropic-stream-event-schemas.property.test.ts` proves they answer what zod answers.
 */
export const parseAnthropicMessageStartEvent = createCheckedSafeParse(anthropicMessageStartEventSchema);
export const parseAnthropicContentBlockStartEvent = createCheckedSafeParse(anthropicContentBlockStartEventSchema);
export const parseAnthropicMessageDeltaEvent = createCheckedSafeParse(anthropicMessageDeltaEventSchema);
export const parseAnthropicErrorEvent = createCheckedSafeParse(anthropicErrorEventSchema);
