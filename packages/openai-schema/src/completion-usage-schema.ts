import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger } from './zod-helpers.js';

/** zod schema of `CompletionUsage` (mirrors `completion-usage.ts`). */
export const completionUsageSchema = lazySchema(() =>
  z.looseObject({
    prompt_tokens: jsonInteger(),
    completion_tokens: jsonInteger(),
    total_tokens: jsonInteger(),
    prompt_tokens_details: z
      .looseObject({
        cached_tokens: jsonInteger().optional(),
        audio_tokens: jsonInteger().optional(),
        text_tokens: jsonInteger().optional(),
        image_tokens: jsonInteger().optional(),
        cache_write_tokens: jsonInteger().optional(),
      })
      .nullish(),
    completion_tokens_details: z
      .looseObject({
        reasoning_tokens: jsonInteger().optional(),
        audio_tokens: jsonInteger().optional(),
        text_tokens: jsonInteger().optional(),
        accepted_prediction_tokens: jsonInteger().optional(),
        rejected_prediction_tokens: jsonInteger().optional(),
      })
      .nullish(),
  }),
);
