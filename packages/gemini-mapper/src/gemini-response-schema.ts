import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod';

/** Inbound Gemini `GenerateContentResponse` (also each SSE event): loose, every field optional. */
export const geminiPartSchema = lazySchema(() =>
  z.looseObject({
    text: z.string().optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
    functionCall: z
      .looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        args: z.record(z.string(), z.unknown()).nullish(),
      })
      .optional(),
  }),
);

const logprobsCandidate = () => z.looseObject({ token: z.string().optional(), tokenId: z.number().optional(), logProbability: z.number().optional() });

export const geminiGenerateContentResponseSchema = lazySchema(() =>
  z.looseObject({
    candidates: z
      .array(
        z.looseObject({
          index: z.number().int().nonnegative().optional(),
          content: z.looseObject({ role: z.string().optional(), parts: z.array(geminiPartSchema()).nullish() }).nullish(),
          finishReason: z.string().optional(),
          finishMessage: z.string().optional(),
          logprobsResult: z
            .looseObject({
              topCandidates: z.array(z.looseObject({ candidates: z.array(logprobsCandidate()).optional() })).optional(),
              chosenCandidates: z.array(logprobsCandidate()).optional(),
            })
            .optional(),
        }),
      )
      .nullish(),
    promptFeedback: z.looseObject({ blockReason: z.string().optional(), blockReasonMessage: z.string().optional() }).nullish(),
    usageMetadata: z
      .looseObject({
        promptTokenCount: z.number().nullish(),
        cachedContentTokenCount: z.number().nullish(),
        candidatesTokenCount: z.number().nullish(),
        toolUsePromptTokenCount: z.number().nullish(),
        thoughtsTokenCount: z.number().nullish(),
        totalTokenCount: z.number().nullish(),
      })
      .nullish(),
    modelVersion: z.string().optional(),
    responseId: z.string().optional(),
  }),
);

export type GeminiGenerateContentResponse = z.infer<ReturnType<typeof geminiGenerateContentResponseSchema>>;
export type GeminiCandidate = NonNullable<GeminiGenerateContentResponse['candidates']>[number];
export type GeminiResponsePart = z.infer<ReturnType<typeof geminiPartSchema>>;
