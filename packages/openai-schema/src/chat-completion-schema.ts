import * as z from 'zod/mini';
import { chatCompletionFunctionCallSchema, chatCompletionMessageToolCallSchema } from './chat-completion-request-schema.js';
import { completionUsageSchema } from './completion-usage-schema.js';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger, jsonRecord } from './zod-helpers.js';

export const chatCompletionFinishReasonSchema = lazySchema(() =>
  z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']),
);

export const chatCompletionChoiceLogprobsSchema = lazySchema(() => {
  const topLogprob = z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.nullable(z.array(z.number())) });
  const tokenLogprob = z.looseObject({
    token: z.string(),
    logprob: z.number(),
    bytes: z.nullable(z.array(z.number())),
    top_logprobs: z.array(topLogprob),
  });
  return z.looseObject({ content: z.nullish(z.array(tokenLogprob)), refusal: z.nullish(z.array(tokenLogprob)) });
});

/** zod schema of a `chat.completion` response (mirrors `chat-completion.ts`). */
export const chatCompletionSchema = lazySchema(() =>
  z.looseObject({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: jsonInteger(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: jsonInteger(),
        message: z.looseObject({
          role: z.literal('assistant'),
          content: z.nullish(z.string()),
          refusal: z.nullish(z.string()),
          tool_calls: z.optional(z.array(chatCompletionMessageToolCallSchema())),
          annotations: z.optional(
            z.array(
              z.looseObject({
                type: z.literal('url_citation'),
                url_citation: z.looseObject({
                  start_index: jsonInteger(),
                  end_index: jsonInteger(),
                  url: z.string(),
                  title: z.string(),
                }),
              }),
            ),
          ),
          function_call: z.nullish(chatCompletionFunctionCallSchema()),
          audio: z.nullish(
            z.looseObject({ id: z.string(), expires_at: jsonInteger(), data: z.string(), transcript: z.string() }),
          ),
          reasoning_content: z.nullish(z.string()),
          thinking_blocks: z.optional(z.array(z.looseObject({}))),
        }),
        finish_reason: z.nullable(chatCompletionFinishReasonSchema()),
        logprobs: z.nullish(chatCompletionChoiceLogprobsSchema()),
      }),
    ),
    usage: z.optional(completionUsageSchema()),
    system_fingerprint: z.nullish(z.string()),
    service_tier: z.nullish(z.string()),
    metadata: z.nullish(jsonRecord(z.string())),
    moderation: z.nullish(z.looseObject({})),
  }),
);
