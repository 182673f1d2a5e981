import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod';

const optionalCount = () => z.number().nullish();

/**
 * zod schema of one Gemini stream event: the members the transducer reads are type-checked, everything else passes
 * through (`looseObject`), so new fields Google adds never break a stream. Built on first use.
 */
export const geminiStreamEventSchema = lazySchema(() => {
  const partialArgument = z.looseObject({
    jsonPath: z.string().optional(),
    stringValue: z.string().optional(),
    numberValue: z.number().optional(),
    boolValue: z.boolean().optional(),
    nullValue: z.string().optional(),
    willContinue: z.boolean().optional(),
  });
  const functionCall = z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    args: z.record(z.string(), z.unknown()).optional(),
    partialArgs: z.array(partialArgument).optional(),
    willContinue: z.boolean().optional(),
  });
  const part = z.looseObject({
    text: z.string().optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
    functionCall: functionCall.optional(),
  });
  const candidate = z.looseObject({
    content: z.looseObject({ role: z.string().optional(), parts: z.array(part).optional() }).optional(),
    index: z.number().int().nonnegative().optional(),
    finishReason: z.string().optional(),
    finishMessage: z.string().optional(),
  });
  return z.looseObject({
    candidates: z.array(candidate).optional(),
    promptFeedback: z.looseObject({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() }).optional(),
    usageMetadata: z
      .looseObject({
        promptTokenCount: optionalCount(),
        cachedContentTokenCount: optionalCount(),
        candidatesTokenCount: optionalCount(),
        toolUsePromptTokenCount: optionalCount(),
        thoughtsTokenCount: optionalCount(),
        totalTokenCount: optionalCount(),
      })
      .optional(),
    modelVersion: z.string().optional(),
    responseId: z.string().optional(),
    error: z.looseObject({ code: z.number().optional(), message: z.string().optional(), status: z.string().optional() }).optional(),
  });
});
