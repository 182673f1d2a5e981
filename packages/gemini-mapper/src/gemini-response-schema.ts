import { jsonObjectAsIs, lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

/** Inbound Gemini `GenerateContentResponse` (also each SSE event): loose, every field optional. */
export const geminiPartSchema = lazySchema(() =>
  z.looseObject({
    text: z.optional(z.string()),
    thought: z.optional(z.boolean()),
    thoughtSignature: z.optional(z.string()),
    functionCall: z.optional(
      z.looseObject({
        id: z.optional(z.string()),
        name: z.optional(z.string()),
        args: z.nullish(jsonObjectAsIs()),
      }),
    ),
    inlineData: z.optional(z.looseObject({ mimeType: z.optional(z.string()), data: z.optional(z.string()) })),
    executableCode: z.optional(z.looseObject({ language: z.optional(z.string()), code: z.optional(z.string()) })),
    codeExecutionResult: z.optional(z.looseObject({ outcome: z.optional(z.string()), output: z.optional(z.string()) })),
  }),
);

/** `groundingMetadata` of a candidate (loose; only what the citations read is typed). */
export const geminiGroundingMetadataSchema = lazySchema(() =>
  z.looseObject({
    groundingChunks: z.nullish(z.array(z.looseObject({ web: z.nullish(z.looseObject({ uri: z.optional(z.string()), title: z.optional(z.string()) })) }))),
    groundingSupports: z.nullish(
      z.array(
        z.looseObject({
          segment: z.nullish(
            z.looseObject({
              partIndex: z.optional(z.number()),
              startIndex: z.optional(z.number()),
              endIndex: z.optional(z.number()),
              text: z.optional(z.string()),
            }),
          ),
          groundingChunkIndices: z.nullish(z.array(z.number())),
        }),
      ),
    ),
  }),
);

const logprobsCandidate = () =>
  z.looseObject({ token: z.optional(z.string()), tokenId: z.optional(z.number()), logProbability: z.optional(z.number()) });

export const geminiGenerateContentResponseSchema = lazySchema(() => buildGeminiGenerateContentResponseSchema(z.number().check(z.int(), z.nonnegative())));

/**
 * The response schema around a given `candidates[].index` schema. The package's schema passes zod's `int()` (a
 * safe integer); the compiled checker of `parse-gemini-generate-content-response.ts` is built from the same
 * definition with `Number.isSafeInteger` as a refinement, which accepts exactly the same numbers and which the
 * checker compiler models (it does not model number formats). Not part of the public API.
 */
export function buildGeminiGenerateContentResponseSchema(candidateIndex: z.ZodMiniNumber<number>) {
  return z.looseObject({
    candidates: z.nullish(
      z.array(
        z.looseObject({
          index: z.optional(candidateIndex),
          content: z.nullish(z.looseObject({ role: z.optional(z.string()), parts: z.nullish(z.array(geminiPartSchema())) })),
          finishReason: z.optional(z.string()),
          finishMessage: z.optional(z.string()),
          groundingMetadata: z.nullish(geminiGroundingMetadataSchema()),
          urlContextMetadata: z.nullish(z.looseObject({})),
          logprobsResult: z.optional(
            z.looseObject({
              topCandidates: z.optional(z.array(z.looseObject({ candidates: z.optional(z.array(logprobsCandidate())) }))),
              chosenCandidates: z.optional(z.array(logprobsCandidate())),
            }),
          ),
        }),
      ),
    ),
    promptFeedback: z.nullish(
      z.looseObject({ blockReason: z.optional(z.string()), blockReasonMessage: z.optional(z.string()) }),
    ),
    usageMetadata: z.nullish(
      z.looseObject({
        promptTokenCount: z.nullish(z.number()),
        cachedContentTokenCount: z.nullish(z.number()),
        candidatesTokenCount: z.nullish(z.number()),
        toolUsePromptTokenCount: z.nullish(z.number()),
        thoughtsTokenCount: z.nullish(z.number()),
        totalTokenCount: z.nullish(z.number()),
      }),
    ),
    modelVersion: z.optional(z.string()),
    responseId: z.optional(z.string()),
  });
}

export type GeminiGenerateContentResponse = z.infer<ReturnType<typeof geminiGenerateContentResponseSchema>>;
export type GeminiCandidate = NonNullable<GeminiGenerateContentResponse['candidates']>[number];
export type GeminiResponsePart = z.infer<ReturnType<typeof geminiPartSchema>>;
