import { compileSchemaChecker, lazySchema, type SchemaChecker } from '@interlingua/openai-schema';
import * as z from 'zod/mini';
import { buildGeminiGenerateContentResponseSchema, geminiGenerateContentResponseSchema } from './gemini-response-schema.js';

/** What zod's `safeParse` of the schema returns. */
export type GeminiGenerateContentResponseParseResult = ReturnType<ReturnType<typeof geminiGenerateContentResponseSchema>['safeParse']>;

/**
 * The response schema's definition with `candidates[].index` as `Number.isSafeInteger` (zod's `int()` is exactly
 * that: `Number.isInteger` within ±(2^53 − 1)) and `nonnegative()`, for the checker only: zod never parses with it.
 */
const checkerSchema = lazySchema(() => buildGeminiGenerateContentResponseSchema(z.number().check(z.refine(Number.isSafeInteger), z.nonnegative())));

let isValidResponse: SchemaChecker | undefined;

/**
 * `geminiGenerateContentResponseSchema().safeParse(body)`, without zod's parse for a valid reply. A checker compiled
 * from the same schema definition (`compileSchemaChecker`: loose objects, optional/nullable fields, records of
 * unknown values, no transforms, defaults or stripping, so zod's output for a valid reply is an equal copy of it)
 * accepts it in one pass and `data` is then the body itself; anything the checker does not accept goes through zod,
 * which accepts it or describes the problem exactly as before.
 * `parse-gemini-generate-content-response.property.test.ts` proves the agreement on recorded replies, mutations and
 * arbitrary JSON.
 */
export function parseGeminiGenerateContentResponse(body: unknown): GeminiGenerateContentResponseParseResult {
  try {
    isValidResponse ??= compileSchemaChecker(checkerSchema());
    if (isValidResponse(body)) return { success: true, data: body as z.infer<ReturnType<typeof geminiGenerateContentResponseSchema>> };
  } catch {
    // Not a plain JSON value (a throwing getter or proxy): zod decides.
  }
  return geminiGenerateContentResponseSchema().safeParse(body);
}
