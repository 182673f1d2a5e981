/// <reference types="node" />
/**
 * The fast path of `parseAnthropicMessage` (a checker compiled from `anthropicMessageSchema`) against zod itself, the
 * oracle: on every upstream reply body of the fixtures (all providers: the non-Anthropic ones are rejections), every
 * Anthropic message found in the vendored recordings, mutations of them and arbitrary values, the checker accepts
 * only what zod accepts, zod's parsed value then equals the input (so returning the input is returning what zod
 * would), anything else is zod's own answer (same issues), and `convertAnthropicResponseToOpenAI` answers exactly
 * what it answers with zod alone (same completion, warnings and error envelope). The one documented difference: where
 * zod's copy would differ from the input (an own `__proto__` key, which zod drops; an object that is not a plain
 * one, which `JSON.parse` never builds), the checker defers to zod.
 */
import { fc, test } from '@fast-check/vitest';
import type { TranslationEnvironment } from '@interlingua/openai-schema';
import { applyJsonMutation } from '@interlingua/conformance';
import { checkReplyParserAgreement, findRecordedObjects, fixtureReplyBodies } from '@interlingua/conformance/node';
import { describe, expect, it, vi } from 'vitest';
import { anthropicMessageSchema } from './anthropic-response-schema.js';
import type { AnthropicTranslationContext } from './anthropic-translation-context.js';
import { convertAnthropicResponseToOpenAI } from './convert-anthropic-response-to-openai.js';
import { parseAnthropicMessage } from './parse-anthropic-message.js';

// The mapper with the fast path, or with zod alone (what it did before), switched per call.
const mode = vi.hoisted(() => ({ zodOnly: false }));
vi.mock('./parse-anthropic-message.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./parse-anthropic-message.js')>();
  const { anthropicMessageSchema: schema } = await import('./anthropic-response-schema.js');
  return { ...actual, parseAnthropicMessage: (body: unknown) => (mode.zodOnly ? schema().safeParse(body) : actual.parseAnthropicMessage(body)) };
});

/** Every `fixtures/<kind>/<case>/upstream-response.json` body. */
const FIXTURE_BODIES = fixtureReplyBodies();
const RECORDED = findRecordedObjects((record) => record['type'] === 'message' && Array.isArray(record['content']));
const SAMPLES: unknown[] = [...FIXTURE_BODIES.map(({ body }) => body), ...RECORDED];

const schema = anthropicMessageSchema();

const CONTEXTS: AnthropicTranslationContext[] = [
  { requestedModel: 'claude-requested', stream: false, includeUsage: false, thinking: true, jsonResponse: null },
  { requestedModel: 'claude-requested', stream: false, includeUsage: false, thinking: false, jsonResponse: { mode: 'tool', toolName: 'json_tool_call' } },
];

function fixedEnvironment(): TranslationEnvironment {
  let next = 0;
  return { generateId: (kind) => `${kind}-${next++}`, now: () => 1_700_000_000 };
}

/** The mapper's answer, or what it throws (a block field that cannot become a string throws with zod alone too). */
function convert(body: unknown, context: AnthropicTranslationContext, zodOnly: boolean): unknown {
  mode.zodOnly = zodOnly;
  try {
    return convertAnthropicResponseToOpenAI(body, { context, environment: fixedEnvironment() });
  } catch (error) {
    return { threw: String(error) };
  } finally {
    mode.zodOnly = false;
  }
}

/** The property (`checkReplyParserAgreement`): the checker and zod agree, and the mapper answers what it answers with zod alone. */
function expectAgreement(input: unknown): boolean {
  const { fast, problems } = checkReplyParserAgreement(input, {
    check: parseAnthropicMessage,
    oracle: (value) => schema.safeParse(value),
    answers: (zodOnly) => CONTEXTS.map((context) => convert(input, context, zodOnly)),
  });
  expect(problems).toEqual([]);
  return fast;
}

// ---- mutations: values and keys the schema names, at every path of a recorded reply ----

const SCHEMA_KEYS = ['type', 'id', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'stop_details', 'explanation', 'usage', 'input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'output_tokens_details', 'thinking_tokens', 'text', 'error', 'message', 'request_id'];
const EDGE_VALUES: unknown[] = [null, true, false, 0, -0, 1, -1, 0.5, 1e21, '', 'message', 'assistant', 'user', 'error', 'text', 'tool_use', 'end_turn', 'refusal', 'pause_turn', [], [{}], [{ type: 'text', text: 'x' }], [{ type: 1 }], {}, { type: 'text' }, { thinking_tokens: 3 }, { explanation: 'x' }, { type: 'x', message: 'y' }];

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

describe('the fast Anthropic reply check agrees with zod', () => {
  it('reads the fixture replies and the recorded messages', () => {
    expect(FIXTURE_BODIES.length).toBeGreaterThan(50);
    expect(RECORDED.length).toBeGreaterThan(10);
  });

  it('on every fixture reply body, taking the fast path for every Anthropic message', () => {
    let fast = 0;
    for (const { body } of FIXTURE_BODIES) {
      const before = JSON.stringify(body);
      if (expectAgreement(body)) fast++;
      // The mapper reads the reply it was given (now the input itself, no longer zod's copy) and never writes to it.
      expect(JSON.stringify(body)).toBe(before);
    }
    const messages = FIXTURE_BODIES.filter(({ body }) => schema.safeParse(body).success);
    expect(messages.length).toBeGreaterThan(20);
    expect(fast).toBe(messages.length);
  });

  it('on every Anthropic message in the vendored recordings', () => {
    let fast = 0;
    for (const message of RECORDED) if (expectAgreement(message)) fast++;
    expect(fast).toBe(RECORDED.filter((message) => schema.safeParse(message).success).length);
  });

  it('defers to zod on an own __proto__ key, which zod drops', () => {
    const input = JSON.parse('{"type":"message","content":[{"type":"text","text":"hi","__proto__":{"x":1}}]}') as unknown;
    const result = parseAnthropicMessage(input);
    expect(result.success && result.data !== input).toBe(true);
    expectAgreement(input);
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
