import { compileSpecSchema, createSpecAjv, normaliseNullable } from './create-openai-spec-validator.js';
import { createOpenResponsesSpecValidator } from './create-open-responses-spec-validator.js';
import { readVendoredSpec } from './fixtures-root.js';

/**
 * What a gateway's `/v1/responses` sends is checked against both documents: OpenAI's specification and the Open
 * Responses specification (each error is prefixed `openai:` or `open-responses:`). A request is checked against
 * OpenAI's only: a client of OpenAI's API may send what Open Responses does not define (hosted tools, for example);
 * `createOpenResponsesSpecValidator().request` checks a request against Open Responses.
 */
export interface ResponsesSpecValidator {
  /** Errors (empty when valid) of a `POST /v1/responses` body against `CreateResponse` (its `oneOf`s read as `anyOf`). */
  request(body: unknown): string[];
  /** Errors of a Response object against `Response` and Open Responses' `ResponseResource`. */
  response(body: unknown): string[];
  /** Errors of one stream event against `ResponseStreamEvent` and Open Responses' stream event schema. */
  event(body: unknown): string[];
  /** Errors of `GET /v1/responses/{id}/input_items` against `ResponseItemList`. */
  inputItemList(body: unknown): string[];
  /** Errors of an error envelope against `ErrorResponse` and Open Responses' `ErrorPayload`. */
  error(body: unknown): string[];
}

/** The errors of both checks, each prefixed with the document it comes from. */
function both(openai: (body: unknown) => string[], openResponses: (body: unknown) => string[]): (body: unknown) => string[] {
  return (body) => [...openai(body).map((error) => `openai: ${error}`), ...openResponses(body).map((error) => `open-responses: ${error}`)];
}

let cached: ResponsesSpecValidator | undefined;

/** Validators of the Responses API built from the OpenAI and Open Responses specifications vendored in specs/. */
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
  const open = createOpenResponsesSpecValidator();
  cached = {
    request: compile('CreateResponse', 'openai-responses-request'),
    response: both(compile('Response'), open.response),
    event: both(compile('ResponseStreamEvent'), open.event),
    inputItemList: compile('ResponseItemList'),
    error: both(compile('ErrorResponse'), open.error),
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
