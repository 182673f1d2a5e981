import { compileSpecSchema, createSpecAjv } from './create-openai-spec-validator.js';
import { readVendoredSpec } from './fixtures-root.js';

export interface OpenResponsesSpecValidator {
  /** Errors (empty when valid) of a `POST /responses` body against `CreateResponseBody`. */
  request(body: unknown): string[];
  /** Errors of a Response object against `ResponseResource`. */
  response(body: unknown): string[];
  /** Errors of one stream event against the `text/event-stream` schema of `POST /responses` (24 event kinds). */
  event(body: unknown): string[];
  /**
   * Errors of an HTTP error envelope `{error: …}`: the document gives no schema for error replies, so its `error` is
   * checked against `ErrorPayload` (`type`, `code`, `message`, `param`), the error of its `error` stream event.
   */
  error(body: unknown): string[];
}

let cached: OpenResponsesSpecValidator | undefined;

/** The stream event schema of `POST /responses`: the `oneOf` of its `200` `text/event-stream` content. */
function streamEventSchema(spec: Record<string, any>): unknown {
  const schema = spec.paths?.['/responses']?.post?.responses?.['200']?.content?.['text/event-stream']?.schema;
  if (!schema) throw new Error('the Open Responses spec has no text/event-stream schema for POST /responses');
  return schema;
}

/**
 * Validators built from the Open Responses OpenAPI document vendored whole and unchanged in specs/
 * (`open-responses-openapi.json`, version 2026-04-24; provenance and licence in specs/README.md). Nothing in the
 * document is relaxed: it is OpenAPI 3.1 (JSON Schema 2020-12) with no `nullable`; its `discriminator`s are
 * annotations, and the `oneOf`s they sit on have disjoint `type` constants.
 */
export function createOpenResponsesSpecValidator(): OpenResponsesSpecValidator {
  if (cached) return cached;
  const spec = readVendoredSpec('open-responses') as Record<string, any>;
  const ajv = createSpecAjv();
  const schemas = { ...spec.components.schemas, InterlinguaStreamEvent: streamEventSchema(spec) };
  ajv.addSchema({ $id: 'open-responses', components: { ...spec.components, schemas } });
  const compile = (name: string) => compileSpecSchema(ajv, 'open-responses', name);
  const error = compile('ErrorPayload');
  cached = {
    request: compile('CreateResponseBody'),
    response: compile('ResponseResource'),
    event: compile('InterlinguaStreamEvent'),
    error: (body) =>
      typeof body === 'object' && body !== null && 'error' in body ? error((body as { error: unknown }).error) : ['(root) must have property error'],
  };
  return cached;
}
