/// <reference types="node" />
/**
 * The fast path of `parseGeminiGenerateContentResponse` (a checker compiled from the definition of
 * `geminiGenerateContentResponseSchema`) against zod itself, the oracle: on every upstream reply body of the fixtures
 * (all providers), every Gemini response found in the vendored recordings, mutations of them (with the candidate
 * index around zod's `int()` bounds) and arbitrary values, the checker accepts only what zod accepts, zod's parsed
 * value then equals the input (so returning the input is returning what zod would), anything else is zod's own
 * answer (same issues), and `convertGeminiResponseToOpenAI` answers exactly what it answers with zod alone (same
 * completion, warnings and error envelope). The one documented difference: where
 * zod's copy would differ from the input (an own `__proto__` key, which zod drops; an object that is not a plain
 * one, which `JSON.parse` never builds), the checker defers to zod.
 */
import { fc, test } from '@fast-check/vitest';
import type { TranslationEnvironment } from '@interlingua/openai-schema';
import { applyJsonMutation } from '@interlingua/conformance';
import { checkReplyParserAgreement, findRecordedObjects, fixtureReplyBodies } from '@interlingua/conformance/node';
import { describe, expect, it, vi } from 'vitest';
import { convertGeminiResponseToOpenAI } from './convert-gemini-response-to-openai.js';
import { geminiGenerateContentResponseSchema } from './gemini-response-schema.js';
import type { GeminiTranslationContext } from './gemini-translation-context.js';
import { parseGeminiGenerateContentResponse } from './parse-gemini-generate-content-response.js';

// The mapper with the fast path, or with zod alone (what it did before), switched per call.
const mode = vi.hoisted(() => ({ zodOnly: false }));
vi.mock('./parse-gemini-generate-content-response.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./parse-gemini-generate-content-response.js')>();
  const { geminiGenerateContentResponseSchema: schema } = await import('./gemini-response-schema.js');
  return {
    ...actual,
    parseGeminiGenerateContentResponse: (body: unknown) => (mode.zodOnly ? schema().safeParse(body) : actual.parseGeminiGenerateContentResponse(body)),
  };
});

/** Every `fixtures/<kind>/<case>/upstream-response.json` body. */
const FIXTURE_BODIES = fixtureReplyBodies();
const RECORDED = findRecordedObjects((record) => Array.isArray(record['candidates']) || (record['promptFeedback'] !== null && typeof record['promptFeedback'] === 'object'));
const SAMPLES: unknown[] = [...FIXTURE_BODIES.map(({ body }) => body), ...RECORDED];

const schema = geminiGenerateContentResponseSchema();

const BASE_CONTEXT: GeminiTranslationContext = {
  model: 'gemini-requested',
  upstreamModel: 'gemini-requested',
  stream: false,
  includeUsage: false,
  toolNames: {},
  logprobs: false,
  includeThoughts: false,
  candidateCount: 1,
  responseFormat: null,
};
const CONTEXTS: GeminiTranslationContext[] = [
  BASE_CONTEXT,
  { ...BASE_CONTEXT, toolNames: { get_weather: 'get.weather' }, logprobs: true, topLogprobs: 2, includeThoughts: true, candidateCount: 2, responseFormat: 'json_schema', jsonResponse: { name: 'json_response', wrapped: true }, grounding: true },
];

function fixedEnvironment(): TranslationEnvironment {
  let next = 0;
  return { generateId: (kind) => `${kind}-${next++}`, now: () => 1_700_000_000 };
}

/** The mapper's answer, or what it throws (a block field that cannot become a string throws with zod alone too). */
function convert(body: unknown, context: GeminiTranslationContext, zodOnly: boolean): unknown {
  mode.zodOnly = zodOnly;
  try {
    return convertGeminiResponseToOpenAI(body, { context, environment: fixedEnvironment() });
  } catch (error) {
    return { threw: String(error) };
  } finally {
    mode.zodOnly = false;
  }
}

/** The property (`checkReplyParserAgreement`): the checker and zod agree, and the mapper answers what it answers with zod alone. */
function expectAgreement(input: unknown): boolean {
  const { fast, problems } = checkReplyParserAgreement(input, {
    check: parseGeminiGenerateContentResponse,
    oracle: (value) => schema.safeParse(value),
    answers: (zodOnly) => CONTEXTS.map((context) => convert(input, context, zodOnly)),
  });
  expect(problems).toEqual([]);
  return fast;
}

// ---- mutations: values and keys the schema names, at every path of a recorded reply ----

/** Every object key the schema declares (read from its definition, so that mutations hit its branches). */
function schemaKeys(): string[] {
  const keys = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: { _zod: { def: Record<string, unknown> } } | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def;
    const shape = def['shape'] as Record<string, { _zod: { def: Record<string, unknown> } }> | undefined;
    if (shape) {
      for (const [key, child] of Object.entries(shape)) {
        keys.add(key);
        walk(child);
      }
    }
    for (const field of ['innerType', 'element', 'valueType', 'keyType', 'catchall']) walk(def[field] as never);
  };
  walk(schema as never);
  return [...keys];
}
const SCHEMA_KEYS = schemaKeys();
const EDGE_VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 0.5, 1.5, -0.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53 - 1), 1e21, Number.NaN, Number.POSITIVE_INFINITY, undefined,
  '', 'STOP', 'MAX_TOKENS', 'SAFETY', 'model', 'x', [], [{}], [{ text: 'x' }], [{ functionCall: { name: 'get_weather', args: { a: 1 } } }], [{ index: 0 }], [{ index: 1.5 }], [1, 'a'],
  {}, { parts: [{ text: 'x' }] }, { name: 'n', args: null }, { a: 1 }, { web: { uri: 'https://x' } }, { blockReason: 'SAFETY' },
];

const valueArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...SCHEMA_KEYS), fc.constantFrom(...EDGE_VALUES), { maxKeys: 4 }) },
  // Not JSON (NaN, Infinity, undefined, -0, null prototypes), as a library caller may pass.
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);
const keyArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCHEMA_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'x_unknown') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const mutationArbitrary = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'replace', 'delete', 'add-key', 'add-key', 'empty', 'wrap'), value: valueArbitrary, key: keyArbitrary });

describe('the fast Gemini reply check agrees with zod', () => {
  it('reads the fixture replies and the recorded responses', () => {
    expect(FIXTURE_BODIES.length).toBeGreaterThan(50);
    expect(RECORDED.length).toBeGreaterThan(10);
  });

  it('on every fixture reply body, taking the fast path for every Gemini response', () => {
    let fast = 0;
    for (const { body } of FIXTURE_BODIES) {
      const before = JSON.stringify(body);
      if (expectAgreement(body)) fast++;
      // The mapper reads the reply it was given (now the input itself, no longer zod's copy) and never writes to it.
      expect(JSON.stringify(body)).toBe(before);
    }
    // The schema is loose (every field optional): any plain object passes it; the mapper answers 502 later.
    const accepted = FIXTURE_BODIES.filter(({ body }) => schema.safeParse(body).success);
    expect(FIXTURE_BODIES.filter(({ body }) => Array.isArray((body as { candidates?: unknown } | null)?.candidates)).length).toBeGreaterThan(25);
    expect(fast).toBe(accepted.length);
  });

  it('on every Gemini response in the vendored recordings', () => {
    let fast = 0;
    for (const response of RECORDED) if (expectAgreement(response)) fast++;
    expect(fast).toBe(RECORDED.filter((response) => schema.safeParse(response).success).length);
  });

  it('checks the candidate index as zod int() does (a safe integer, not negative)', () => {
    for (const index of [0, 1, 2 ** 53 - 1, 2 ** 53, -1, 0.5, -0, 1e21, Number.NaN, '0']) {
      const input = { candidates: [{ index, content: { role: 'model', parts: [{ text: 'x' }] }, finishReason: 'STOP' }] };
      expect(expectAgreement(input)).toBe(typeof index === 'number' && Number.isSafeInteger(index) && index >= 0);
    }
  });

  it('defers to zod on an own __proto__ key, which zod drops', () => {
    const input = JSON.parse('{"candidates":[{"content":{"parts":[{"text":"hi","__proto__":{"x":1}}]}}]}') as unknown;
    const result = parseGeminiGenerateContentResponse(input);
    expect(result.success && result.data !== input).toBe(true);
    expectAgreement(input);
  });

  it('keeps a function call argument named __proto__, by the fast path and by zod alone', () => {
    // Found by the streamed-vs-non-streamed property in gemini-transducer: `args` was a zod record, which leaves
    // that member out, while the stream kept it. Arguments are the model's data; they now pass through as they came.
    const text = '{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{"__proto__":{"x":1},"y":2}}}]},"finishReason":"STOP"}]}';
    for (const zodOnly of [false, true]) {
      const result = convert(JSON.parse(text), BASE_CONTEXT, zodOnly) as { ok: boolean; response: { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] } };
      expect(result.ok).toBe(true);
      expect(result.response.choices[0]!.message.tool_calls[0]!.function.arguments).toBe('{"__proto__":{"x":1},"y":2}');
    }
    expectAgreement(JSON.parse(text));
  });

  test.prop([fc.jsonValue()], { numRuns: 500 })('on arbitrary JSON', (input) => {
    expectAgreement(input);
  });

  test.prop([fc.anything()], { numRuns: 300 })('on arbitrary values', (input) => {
    expectAgreement(input);
  });

  test.prop([fc.nat(), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })], { numRuns: 1500 })('on mutations of the recorded replies', (pick, mutations) => {
    let input: unknown = SAMPLES[pick % SAMPLES.length];
    for (const mutation of mutations) input = applyJsonMutation(input, mutation);
    expectAgreement(input);
  });
});
