import { Ajv2020 } from 'ajv/dist/2020.js';
import { readVendoredSpec } from './fixtures-root.js';

export interface OpenAISpecValidator {
  /** Errors (empty when valid) of a client request against `CreateChatCompletionRequest`. */
  request(body: unknown): string[];
  /** Errors (empty when valid) of a `chat.completion` against `CreateChatCompletionResponse`. */
  completion(body: unknown): string[];
  /** Errors of a `chat.completion.chunk` against `CreateChatCompletionStreamResponse`. */
  chunk(body: unknown): string[];
  /** Errors of an error envelope against `ErrorResponse`. */
  error(body: unknown): string[];
}

let cached: OpenAISpecValidator | undefined;

/** OpenAPI's `nullable: true` (left in a few places of the 3.1 spec) → JSON Schema's `type: [T, "null"]`. */
export function normaliseNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) normaliseNullable(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  if ('nullable' in schema) {
    if (schema.nullable === true && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (schema.nullable === true && schema.type === undefined) {
      // e.g. `{$ref: CompletionUsage, nullable: true}`: the referenced schema, or null.
      const { description, nullable: _nullable, ...rest } = schema;
      for (const key of Object.keys(schema)) delete schema[key];
      Object.assign(schema, description === undefined ? {} : { description }, { anyOf: [rest, { type: 'null' }] });
      normaliseNullable(rest);
      return;
    }
    delete schema.nullable;
  }
  for (const value of Object.values(schema)) normaliseNullable(value);
}

/** The Ajv the spec validators use: lenient about the spec's own keywords, every error listed, formats not checked. */
export function createSpecAjv(): Ajv2020 {
  return new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
}

/** The validator of `components.schemas[name]` in the spec added to `ajv` as `id`: its errors (empty when valid). */
export function compileSpecSchema(ajv: Ajv2020, id: string, name: string): (body: unknown) => string[] {
  const validate = ajv.getSchema(`${id}#/components/schemas/${name}`);
  if (!validate) throw new Error(`the spec ${id} has no schema ${name}`);
  return (body: unknown) =>
    validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`);
}

/** Validators built from the official OpenAI OpenAPI specification vendored in specs/ (loaded once). */
export function createOpenAISpecValidator(): OpenAISpecValidator {
  if (cached) return cached;
  const spec = readVendoredSpec('openai');
  normaliseNullable(spec.components);
  const ajv = createSpecAjv();
  ajv.addSchema({ $id: 'openai', components: spec.components });
  const compile = (name: string) => compileSpecSchema(ajv, 'openai', name);
  cached = { request: compile('CreateChatCompletionRequest'), completion: compile('CreateChatCompletionResponse'), chunk: compile('CreateChatCompletionStreamResponse'), error: compile('ErrorResponse') };
  return cached;
}
