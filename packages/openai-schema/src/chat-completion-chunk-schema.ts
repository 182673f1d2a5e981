import * as z from 'zod/mini';
import { chatCompletionChoiceLogprobsSchema, chatCompletionFinishReasonSchema } from './chat-completion-schema.js';
import { completionUsageSchema } from './completion-usage-schema.js';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger } from './zod-helpers.js';

/** zod schema of a `chat.completion.chunk` stream event (mirrors `chat-completion-chunk.ts`). */
export const chatCompletionChunkSchema = lazySchema(() => {
  const functionCallDelta = z.looseObject({ name: z.optional(z.string()), arguments: z.optional(z.string()) });
  return z.looseObject({
    id: z.string(),
    object: z.enum(['chat.completion.chunk', '']),
    created: jsonInteger(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: jsonInteger(),
        delta: z.looseObject({
          role: z.optional(z.enum(['developer', 'system', 'user', 'assistant', 'tool'])),
          content: z.nullish(z.string()),
          refusal: z.nullish(z.string()),
          tool_calls: z.optional(
            z.array(
              z.looseObject({
                index: jsonInteger(),
                id: z.optional(z.string()),
                type: z.optional(z.literal('function')),
                function: z.optional(functionCallDelta),
              }),
            ),
          ),
          function_call: z.optional(functionCallDelta),
          reasoning_content: z.nullish(z.string()),
          thinking_blocks: z.optional(z.array(z.looseObject({}))),
        }),
        finish_reason: z.nullish(chatCompletionFinishReasonSchema()),
        logprobs: z.nullish(chatCompletionChoiceLogprobsSchema()),
      }),
    ),
    usage: z.nullish(completionUsageSchema()),
    system_fingerprint: z.nullish(z.string()),
    service_tier: z.nullish(z.string()),
    obfuscation: z.optional(z.string()),
    moderation: z.nullish(z.looseObject({})),
  });
});
