import { compileSchemaChecker, type SchemaChecker } from '@interlingua/openai-schema';
import { anthropicMessageSchema, type AnthropicMessagePayload } from './anthropic-response-schema.js';

/** What zod's `safeParse` of the schema returns. */
export type AnthropicMessageParseResult = ReturnType<ReturnType<typeof anthropicMessageSchema>['safeParse']>;

let isValidMessage: SchemaChecker | undefined;

/**
 * `anthropicMessageSchema().safeParse(body)`, without zod's parse for a valid reply. A checker compiled from the same
 * schema (`compileSchemaChecker`: loose objects, optional/nullable fields, no transforms, defaults or stripping, so
 * zod's output for a valid reply is an equal copy of it) accepts it in one pass and `data` is then the body itself;
 * anything the checker does not accept goes through zod, which accepts it or describes the problem exactly as before.
 * `parse-anthropic-message.property.test.ts` proves the agreement on recorded replies, mutations and arbitrary JSON.
 */
export function parseAnthropicMessage(body: unknown): AnthropicMessageParseResult {
  try {
    isValidMessage ??= compileSchemaChecker(anthropicMessageSchema());
    if (isValidMessage(body)) return { success: true, data: body as AnthropicMessagePayload };
  } catch {
    // Not a plain JSON value (a throwing getter or proxy): zod decides.
  }
  return anthropicMessageSchema().safeParse(body);
}
