import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger } from './zod-helpers.js';

/** zod schema of `CompletionUsage` (mirrors `completion-usage.ts`). */
export const completionUsageSchema = lazySchema(() =>
  z.looseObject({
    prompt_tokens: jsonInteger(),
    completion_tokens: jsonInteger(),
    total_tokens: jsonInteger(),
    prompt_tokens_details: z.nullish(
      z.looseObject({
        cached_tokens: z.optional(jsonInteger()),
        audio_tokens: z.optional(jsonInteger()),
        text_tokens: z.optional(jsonInteger()),
        image_tokens: z.optional(jsonInteger()),
        cache_write_tokens: z.optional(jsonInteger()),
      }),
    ),
    completion_tokens_details: z.nullish(
      z.looseObject({
        reasoning_tokens: z.optional(jsonInteger()),
        audio_tokens: z.optional(jsonInteger()),
        text_tokens: z.optional(jsonInteger()),
        accepted_prediction_tokens: z.optional(jsonInteger()),
        rejected_prediction_tokens: z.optional(jsonInteger()),
      }),
    ),
  }),
);
