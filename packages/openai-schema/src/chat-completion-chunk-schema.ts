import * as z from 'zod';
import { chatCompletionChoiceLogprobsSchema, chatCompletionFinishReasonSchema } from './chat-completion-schema.js';
import { completionUsageSchema } from './completion-usage-schema.js';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger } from './zod-helpers.js';

/** zod schema of a `chat.completion.chunk` stream event (mirrors `chat-completion-chunk.ts`). */
export const chatCompletionChunkSchema = lazySchema(() => {
  const functionCallDelta = z.looseObject({ name: z.string().optional(), arguments: z.string().optional() });
  return z.looseObject({
    id: z.string(),
    object: z.enum(['chat.completion.chunk', '']),
    created: jsonInteger(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: jsonInteger(),
        delta: z.looseObject({
          role: z.enum(['developer', 'system', 'user', 'assistant', 'tool']).optional(),
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z
            .array(
              z.looseObject({
                index: jsonInteger(),
                id: z.string().optional(),
                type: z.literal('function').optional(),
                function: functionCallDelta.optional(),
              }),
            )
            .optional(),
          function_call: functionCallDelta.optional(),
          reasoning_content: z.string().nullish(),
          thinking_blocks: z.array(z.looseObject({})).optional(),
        }),
        finish_reason: chatCompletionFinishReasonSchema().nullish(),
        logprobs: chatCompletionChoiceLogprobsSchema().nullish(),
      }),
    ),
    usage: completionUsageSchema().nullish(),
    system_fingerprint: z.string().nullish(),
    service_tier: z.string().nullish(),
    obfuscation: z.string().optional(),
    moderation: z.looseObject({}).nullish(),
  });
});
