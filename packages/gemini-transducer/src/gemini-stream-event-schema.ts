import { jsonObjectAsIs, lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

const optionalCount = () => z.nullish(z.number());

/**
 * zod schema of one Gemini stream event: the members the transducer reads are type-checked, everything else passes
 * through (`looseObject`), so new fields Google adds never break a stream. Built on first use.
 */
export const geminiStreamEventSchema = lazySchema(() => {
  const partialArgument = z.looseObject({
    jsonPath: z.optional(z.string()),
    stringValue: z.optional(z.string()),
    numberValue: z.optional(z.number()),
    boolValue: z.optional(z.boolean()),
    nullValue: z.optional(z.string()),
    willContinue: z.optional(z.boolean()),
  });
  const functionCall = z.looseObject({
    id: z.optional(z.string()),
    name: z.optional(z.string()),
    args: z.optional(jsonObjectAsIs()),
    partialArgs: z.optional(z.array(partialArgument)),
    willContinue: z.optional(z.boolean()),
  });
  const part = z.looseObject({
    text: z.optional(z.string()),
    thought: z.optional(z.boolean()),
    thoughtSignature: z.optional(z.string()),
    functionCall: z.optional(functionCall),
  });
  const candidate = z.looseObject({
    content: z.optional(z.looseObject({ role: z.optional(z.string()), parts: z.optional(z.array(part)) })),
    index: z.optional(z.number().check(z.int(), z.nonnegative())),
    finishReason: z.optional(z.string()),
    finishMessage: z.optional(z.string()),
  });
  return z.looseObject({
    candidates: z.optional(z.array(candidate)),
    promptFeedback: z.optional(
      z.looseObject({ blockReason: z.optional(z.string()), blockReasonMessage: z.optional(z.string()) }),
    ),
    usageMetadata: z.optional(
      z.looseObject({
        promptTokenCount: optionalCount(),
        cachedContentTokenCount: optionalCount(),
        candidatesTokenCount: optionalCount(),
        toolUsePromptTokenCount: optionalCount(),
        thoughtsTokenCount: optionalCount(),
        totalTokenCount: optionalCount(),
      }),
    ),
    modelVersion: z.optional(z.string()),
    responseId: z.optional(z.string()),
    error: z.optional(
      z.looseObject({ code: z.optional(z.number()), message: z.optional(z.string()), status: z.optional(z.string()) }),
    ),
  });
});
