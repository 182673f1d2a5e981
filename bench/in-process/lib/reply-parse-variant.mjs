// Bench only: the two mappers' reply parses as built, or zod alone while `globalThis.__interlinguaZodOnly` is true.
// Installed by `reply-validation-hooks.mjs`, so the mappers (and the gateway around them) run unchanged.
import { parseAnthropicMessage as anthropicFast } from '../../../packages/anthropic-mapper/dist/parse-anthropic-message.js';
import { anthropicMessageSchema } from '../../../packages/anthropic-mapper/dist/anthropic-response-schema.js';
import { parseGeminiGenerateContentResponse as geminiFast } from '../../../packages/gemini-mapper/dist/parse-gemini-generate-content-response.js';
import { geminiGenerateContentResponseSchema } from '../../../packages/gemini-mapper/dist/gemini-response-schema.js';

export function parseAnthropicMessage(body) {
  return globalThis.__interlinguaZodOnly === true ? anthropicMessageSchema().safeParse(body) : anthropicFast(body);
}

export function parseGeminiGenerateContentResponse(body) {
  return globalThis.__interlinguaZodOnly === true ? geminiGenerateContentResponseSchema().safeParse(body) : geminiFast(body);
}
