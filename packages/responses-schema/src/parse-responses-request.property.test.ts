/// <reference types="node" />
/**
 * The fast path of `parseResponsesRequest` (a checker compiled from the zod schema) against zod itself, the oracle:
 * on every Responses fixture request, on mutations of them and on arbitrary JSON, whatever the checker accepts zod
 * accepts too and parses to a value deep-equal to the input (so returning the input is returning what zod would),
 * and `parseResponsesRequest` answers what a zod-only parse answers (same value, same 400 message and `param`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { fc, test } from '@fast-check/vitest';
import { compileSchemaChecker, parseWithSchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { parseResponsesRequest } from './parse-responses-request.js';
import { responsesRequestSchema } from './responses-request-schema.js';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'responses');
const REQUESTS: unknown[] = readdirSync(fixturesDir).flatMap((provider) =>
  readdirSync(path.join(fixturesDir, provider))
    .map((name) => path.join(fixturesDir, provider, name, 'request.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown),
);

const schema = responsesRequestSchema();
const isValid = compileSchemaChecker(schema);
const STYLE = { status: 400 as const, type: 'invalid_request_error', code: null, subject: 'The request body', prefix: '' };

function expectAgreement(input: unknown): void {
  if (isValid(input)) {
    const oracle = z.safeParse(schema, input);
    expect(oracle.success).toBe(true);
    expect(isDeepStrictEqual(oracle.data, input)).toBe(true);
  }
  const ours = parseResponsesRequest(input);
  const zodOnly = parseWithSchema(schema, input, STYLE);
  expect(ours.ok).toBe(zodOnly.ok);
  expect(isDeepStrictEqual(ours.ok ? ours.value : ours.error, zodOnly.ok ? zodOnly.value : zodOnly.error)).toBe(true);
}

/** A fixture request with one value replaced somewhere inside it (a path drawn from the request itself). */
function mutate(request: unknown, pick: number, replacement: unknown): unknown {
  const copy = structuredClone(request);
  const slots: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, index) => (slots.push([node, index]), walk(child)));
    else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) (slots.push([node as Record<string, unknown>, key]), walk(child));
  };
  walk(copy);
  if (slots.length === 0) return replacement;
  const [parent, key] = slots[pick % slots.length]!;
  (parent as Record<string | number, unknown>)[key] = replacement;
  return copy;
}

describe('parseResponsesRequest: the compiled checker agrees with zod', () => {
  it('takes the fast path on the fixture requests, with the same answers as zod', () => {
    expect(REQUESTS.length).toBeGreaterThanOrEqual(9);
    for (const request of REQUESTS) {
      expect(isValid(request)).toBe(true);
      expectAgreement(request);
    }
  });

  test.prop([fc.nat(REQUESTS.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 3 })], { numRuns: 600 })('mutated fixture requests', (which, pick, replacement) => {
    expectAgreement(mutate(REQUESTS[which], pick, replacement));
  });

  test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: 300 })('arbitrary JSON', (value) => {
    expectAgreement(value);
  });
});
