import type { FixtureCase } from './fixture-case.js';
import { createOpenAISpecValidator } from './create-openai-spec-validator.js';
import { readVendoredSpec } from './fixtures-root.js';

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema's alternatives and parts (`$ref`, `allOf`, `anyOf`, `oneOf`) flattened into the schemas that declare members. */
function leaves(schema: unknown, definitions: Record<string, Schema>, seen: ReadonlySet<string> = new Set()): Schema[] {
  if (!isObject(schema)) return [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    if (seen.has(name)) return [];
    return leaves(definitions[name], definitions, new Set([...seen, name]));
  }
  const out: Schema[] = [schema];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const parts = schema[key];
    if (Array.isArray(parts)) for (const part of parts) out.push(...leaves(part, definitions, seen));
  }
  return out;
}

function describesObject(schema: Schema): boolean {
  const type = schema.type;
  return type === 'object' || (Array.isArray(type) && type.includes('object')) || isObject(schema.properties) || schema.additionalProperties !== undefined;
}

/**
 * Members of `value` that no schema of the specification declares at their place, as JSON paths. A place whose
 * schema is free-form (no `properties`, or `additionalProperties` allowed: metadata maps, JSON Schemas, tool
 * arguments) declares every member.
 */
function findUndeclaredMembers(value: unknown, schemas: unknown[], definitions: Record<string, Schema>, path: string, out: string[]): void {
  const flat = schemas.flatMap((schema) => leaves(schema, definitions));
  if (Array.isArray(value)) {
    const items = flat.flatMap((schema) => (schema.items === undefined ? [] : [schema.items]));
    if (items.length) value.forEach((item, index) => findUndeclaredMembers(item, items, definitions, `${path}[${index}]`, out));
    return;
  }
  if (!isObject(value)) return;
  const objects = flat.filter(describesObject);
  if (!objects.length) return; // not an object here at all: a validation error, reported by the validator
  const open = objects.some((schema) => !isObject(schema.properties) || (schema.additionalProperties !== undefined && schema.additionalProperties !== false));
  for (const [key, member] of Object.entries(value)) {
    const declared = objects.flatMap((schema) => (isObject(schema.properties) && schema.properties[key] !== undefined ? [schema.properties[key]] : []));
    if (declared.length) findUndeclaredMembers(member, declared, definitions, `${path}.${key}`, out);
    else if (!open) out.push(`${path}.${key}`);
  }
}

/**
 * One complaint of the validator, with the value it is about: a type complaint (`… must be object`) where there is
 * one, else the deepest (a `oneOf` failure lists every branch's complaints, most of them beside the point).
 */
function describeInvalidPlace(request: unknown, errors: string[]): string {
  const depth = (error: string) => error.split(' ', 1)[0]!.split('/').length;
  const typed = errors.filter((error) => / must be (object|string|array|number|integer|boolean|null)$/.test(error));
  const chosen = [...(typed.length ? typed : errors)].sort((a, b) => depth(b) - depth(a))[0]!;
  let value: unknown = request;
  for (const segment of chosen.split(' ', 1)[0]!.split('/').slice(1)) value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  const shown = JSON.stringify(value) ?? 'absent';
  return `${chosen} (it is ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown})`;
}

let definitions: Record<string, Schema> | undefined;

/**
 * Why a case goes beyond the OpenAI Chat Completions specification (empty when it does not), judged against the
 * vendored OpenAI specification: its client request is not valid against `CreateChatCompletionRequest` (e.g. the
 * seed's bare-string `image_url`), or carries members the specification does not declare (provider extensions such
 * as `cache_control`, `thinking_blocks`), or its expected reply carries `reasoning_content` (the de-facto reasoning
 * field the kit compares, not in the specification). Cases the gateway must reject by itself (no upstream call) are
 * judged by their reply only: an invalid request is what they test.
 */
export function findBeyondSpec(fixtureCase: FixtureCase): string[] {
  definitions ??= readVendoredSpec('openai').components.schemas as Record<string, Schema>;
  const reasons: string[] = [];
  if (fixtureCase.upstreamRequest) {
    const errors = createOpenAISpecValidator().request(fixtureCase.request);
    if (errors.length) reasons.push(`the request is not valid against the OpenAI specification: ${describeInvalidPlace(fixtureCase.request, errors)}`);
    const undeclared: string[] = [];
    findUndeclaredMembers(fixtureCase.request, [{ $ref: '#/components/schemas/CreateChatCompletionRequest' }], definitions, '$', undeclared);
    if (undeclared.length) reasons.push(`the request carries members the OpenAI specification does not declare: ${undeclared.join(', ')}`);
  }
  const expected = fixtureCase.expectedResponse;
  const expectedText = expected.kind === 'sse' ? expected.text : JSON.stringify(expected.response.body);
  if (expectedText.includes('"reasoning_content"')) reasons.push('the expected reply carries reasoning_content (a de-facto extension, not in the OpenAI specification)');
  return reasons;
}
