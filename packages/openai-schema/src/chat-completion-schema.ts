import * as z from 'zod';
import { chatCompletionFunctionCallSchema, chatCompletionMessageToolCallSchema } from './chat-completion-request-schema.js';
import { completionUsageSchema } from './completion-usage-schema.js';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger, jsonRecord } from './zod-helpers.js';

export const chatCompletionFinishReasonSchema = lazySchema(() =>
  z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']),
);

export const chatCompletionChoiceLogprobsSchema = lazySchema(() => {
  const topLogprob = z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.array(z.number()).nullable() });
  const tokenLogprob = z.looseObject({
    token: z.string(),
    logprob: z.number(),
    bytes: z.array(z.number()).nullable(),
    top_logprobs: z.array(topLogprob),
  });
  return z.looseObject({ content: z.array(tokenLogprob).nullish(), refusal: z.array(tokenLogprob).nullish() });
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
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(chatCompletionMessageToolCallSchema()).optional(),
          annotations: z
            .array(
              z.looseObject({
                type: z.literal('url_citation'),
                url_citation: z.looseObject({
                  start_index: jsonInteger(),
                  end_index: jsonInteger(),
                  url: z.string(),
                  title: z.string(),
                }),
              }),
            )
            .optional(),
          function_call: chatCompletionFunctionCallSchema().nullish(),
          audio: z
            .looseObject({ id: z.string(), expires_at: jsonInteger(), data: z.string(), transcript: z.string() })
            .nullish(),
          reasoning_content: z.string().nullish(),
          thinking_blocks: z.array(z.looseObject({})).optional(),
        }),
        finish_reason: chatCompletionFinishReasonSchema().nullable(),
        logprobs: chatCompletionChoiceLogprobsSchema().nullish(),
      }),
    ),
    usage: completionUsageSchema().optional(),
    system_fingerprint: z.string().nullish(),
    service_tier: z.string().nullish(),
    metadata: jsonRecord(z.string()).nullish(),
    moderation: z.looseObject({}).nullish(),
  }),
);
