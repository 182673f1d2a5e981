import type { TranslationWarning } from '@interlingua/openai-schema';

export interface NormalizeJsonSchemaForGeminiResult {
  schema: { [key: string]: unknown };
  warnings: TranslationWarning[];
}

/**
 * The light normaliser for Gemini's JSON-Schema fields (`parametersJsonSchema`, `responseJsonSchema`), which take real
 * JSON Schema ($ref/$defs, anyOf, `type: "null"`, additionalProperties, prefixItems, min/max…):
 *
 * - the schema is copied (never the caller's object);
 * - `$schema` (a dialect URI, meaningless to Gemini) and OpenAI's `strict` flag are removed;
 * - for function parameters, a root without `type` gets `type: "object"` (Gemini requires an object root).
 *
 * Everything else passes as written.
 */
export function normalizeJsonSchemaForGemini(schema: unknown, path: string, purpose: 'parameters' | 'response'): NormalizeJsonSchemaForGeminiResult {
  const warnings: TranslationWarning[] = [];
  const copy = JSON.parse(JSON.stringify(schema ?? {})) as unknown;
  const root: { [key: string]: unknown } = typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? (copy as { [key: string]: unknown }) : {};
  delete root.$schema;
  delete root.strict;
  if (purpose === 'parameters' && root.type === undefined && root.anyOf === undefined && root.$ref === undefined) {
    root.type = 'object';
  }
  if (purpose === 'parameters' && root.type !== undefined && root.type !== 'object') {
    warnings.push({
      code: 'schema_root_not_object',
      param: path,
      message: 'Function parameters must be an object at the root; Gemini may reject this schema.',
    });
  }
  return { schema: root, warnings };
}
