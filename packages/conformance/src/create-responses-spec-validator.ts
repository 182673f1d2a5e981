import { compileSpecSchema, createSpecAjv, normaliseNullable } from './create-openai-spec-validator.js';
import { readVendoredSpec } from './fixtures-root.js';

export interface ResponsesSpecValidator {
  /** Errors (empty when valid) of a `POST /v1/responses` body against `CreateResponse` (its `oneOf`s read as `anyOf`). */
  request(body: unknown): string[];
  /** Errors of a Response object against `Response`. */
  response(body: unknown): string[];
  /** Errors of one stream event against `ResponseStreamEvent`. */
  event(body: unknown): string[];
  /** Errors of `GET /v1/responses/{id}/input_items` against `ResponseItemList`. */
  inputItemList(body: unknown): string[];
  /** Errors of an error envelope against `ErrorResponse`. */
  error(body: unknown): string[];
}

let cached: ResponsesSpecValidator | undefined;

/** Validators of the Responses API built from the official OpenAI OpenAPI specification vendored in specs/. */
export function createResponsesSpecValidator(): ResponsesSpecValidator {
  if (cached) return cached;
  const spec = readVendoredSpec('openai');
  normaliseNullable(spec.components);
  const ajv = createSpecAjv();
  // Two relaxations, on the Response side: `user` and `usage` are required and nullable in Open Responses'
  // `ResponseResource` (github.com/openresponses/openresponses, schema/components/schemas/ResponseResource.json),
  // and OpenAI's own Response objects carry `"user": null` and, before the end of a stream, `"usage": null`, where
  // this spec types them as a string and an object only.
  const user = spec.components.schemas.ModelResponseProperties?.properties?.user;
  if (user && user.type === 'string') user.type = ['string', 'null'];
  const responseOwn = (spec.components.schemas.Response?.allOf as Array<{ properties?: Record<string, unknown> }> | undefined)?.find((part) => part.properties?.usage);
  if (responseOwn?.properties) responseOwn.properties.usage = { anyOf: [responseOwn.properties.usage, { type: 'null' }] };
  ajv.addSchema({ $id: 'openai-responses', components: spec.components });
  // Request side only: the spec's input-item `oneOf` has overlapping branches (a `{role, content: [parts]}` message
  // is both an `EasyInputMessage` and an `InputMessage`), so OpenAI's own examples match two of them; `anyOf` there.
  const requestComponents = structuredClone(spec.components);
  oneOfToAnyOf(requestComponents);
  ajv.addSchema({ $id: 'openai-responses-request', components: requestComponents });
  const compile = (name: string, id = 'openai-responses') => compileSpecSchema(ajv, id, name);
  cached = {
    request: compile('CreateResponse', 'openai-responses-request'),
    response: compile('Response'),
    event: compile('ResponseStreamEvent'),
    inputItemList: compile('ResponseItemList'),
    error: compile('ErrorResponse'),
  };
  return cached;
}

function oneOfToAnyOf(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) oneOfToAnyOf(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  if (Array.isArray(schema.oneOf) && schema.anyOf === undefined) {
    schema.anyOf = schema.oneOf;
    delete schema.oneOf;
  }
  for (const value of Object.values(schema)) oneOfToAnyOf(value);
}
