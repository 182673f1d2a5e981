// Bench only: `@interlingua/openai-schema` as built, except that `parseChatCompletionRequest` answers with zod alone
// (the validation before the compiled checker) while `globalThis.__interlinguaZodOnly` is true. Installed in place of
// the package by `validation-hooks.mjs`, so the gateway and the mappers run unchanged around it, and both variants
// are measured in the same process, interleaved.
import { chatCompletionRequestSchema, parseChatCompletionRequest as parseWithCheckerFirst, parseWithSchema } from '../../../packages/openai-schema/dist/index.js';

export * from '../../../packages/openai-schema/dist/index.js';

const STYLE = { status: 400, type: 'invalid_request_error', code: null, subject: 'The request body', prefix: '' };

export function parseChatCompletionRequest(json) {
  return globalThis.__interlinguaZodOnly === true ? parseWithSchema(chatCompletionRequestSchema(), json, STYLE) : parseWithCheckerFirst(json);
}
