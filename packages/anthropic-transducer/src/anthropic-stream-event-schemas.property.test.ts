/// <reference types="node" />
/**
 * The fast parsers of the rare Anthropic stream events (`message_start`, `content_block_start`, `message_delta`,
 * `error`: a checker compiled from each zod schema) against zod itself, the oracle: on every such event of the
 * Anthropic stream fixtures and the vendored recordings, mutations of them and arbitrary values, the checker accepts
 * only what zod accepts, zod's parsed value then equals the input, anything else is zod's own answer (same issues),
 * and the transducer's step answers exactly what it answers with zod alone (same frames, warnings and state). Every
 * valid recorded event takes the fast path.
 */
import { fc, test } from '@fast-check/vitest';
import { applyJsonMutation } from '@interlingua/conformance';
import { checkReplyParserAgreement, findRecordedObjects, fixturesRoot } from '@interlingua/conformance/node';
import { createFixedEnvironment, type TranslationWarning } from '@interlingua/openai-schema';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  anthropicContentBlockStartEventSchema,
  anthropicErrorEventSchema,
  anthropicMessageDeltaEventSchema,
  anthropicMessageStartEventSchema,
  parseAnthropicContentBlockStartEvent,
  parseAnthropicErrorEvent,
  parseAnthropicMessageDeltaEvent,
  parseAnthropicMessageStartEvent,
} from './anthropic-stream-event-schemas.js';
import { createAnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { endAnthropicStream, stepAnthropicStreamEvent } from './step-anthropic-stream-event.js';

// The step with the fast parsers, or with zod alone, switched per call.
const mode = vi.hoisted(() => ({ zodOnly: false }));
vi.mock('./anthropic-stream-event-schemas.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./anthropic-stream-event-schemas.js')>();
  const either =
    <T,>(fast: (value: unknown) => T, schema: () => { safeParse: (value: unknown) => unknown }) =>
    (value: unknown): T =>
      mode.zodOnly ? (schema().safeParse(value) as T) : fast(value);
  return {
    ...actual,
    parseAnthropicMessageStartEvent: either(actual.parseAnthropicMessageStartEvent, actual.anthropicMessageStartEventSchema),
    parseAnthropicContentBlockStartEvent: either(actual.parseAnthropicContentBlockStartEvent, actual.anthropicContentBlockStartEventSchema),
    parseAnthropicMessageDeltaEvent: either(actual.parseAnthropicMessageDeltaEvent, actual.anthropicMessageDeltaEventSchema),
    parseAnthropicErrorEvent: either(actual.parseAnthropicErrorEvent, actual.anthropicErrorEventSchema),
  };
});

const KINDS = {
  message_start: { parse: parseAnthropicMessageStartEvent, schema: anthropicMessageStartEventSchema },
  content_block_start: { parse: parseAnthropicContentBlockStartEvent, schema: anthropicContentBlockStartEventSchema },
  message_delta: { parse: parseAnthropicMessageDeltaEvent, schema: anthropicMessageDeltaEventSchema },
  error: { parse: parseAnthropicErrorEvent, schema: anthropicErrorEventSchema },
} as const;
type Kind = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as Kind[];

/** The `data:` payloads of every `fixtures/anthropic/<case>/upstream-response.sse`, parsed. */
function fixtureStreamEvents(): unknown[] {
  const root = path.join(fixturesRoot(), 'anthropic');
  const events: unknown[] = [];
  for (const entry of readdirSync(root)) {
    const file = path.join(root, entry, 'upstream-response.sse');
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.startsWith('data: ')) continue;
      try {
        events.push(JSON.parse(line.slice(6)));
      } catch {
        // a fixture's deliberately broken payload
      }
    }
  }
  return events;
}

const isKind = (value: unknown): value is { type: Kind } =>
  typeof value === 'object' && value !== null && KIND_NAMES.includes((value as { type?: unknown }).type as Kind);
const SAMPLES = [...fixtureStreamEvents().filter(isKind), ...findRecordedObjects((record) => isKind(record))];

/** The step's frames, warnings and state after the event (a message already started, so every kind is stepped). */
function step(event: unknown, zodOnly: boolean): unknown {
  mode.zodOnly = zodOnly;
  try {
    const warnings: TranslationWarning[] = [];
    const state = createAnthropicToOpenAIStreamState({
      context: { requestedModel: 'client-model', includeUsage: true },
      environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-test'], fp: ['fp_test'] }, now: 42 }),
      onWarning: (warning) => warnings.push(warning),
    });
    const frames = [
      ...stepAnthropicStreamEvent({ type: 'message_start', message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 1, output_tokens: 1 } } }, state),
      ...stepAnthropicStreamEvent(event as { type: string }, state),
      ...endAnthropicStream(state),
    ];
    // The state's data (its callbacks differ per run): maps and sets as arrays.
    const data = JSON.stringify(state, (_key, value: unknown) => (value instanceof Map || value instanceof Set ? [...value] : value));
    return { frames, warnings, state: JSON.parse(data) as unknown };
  } catch (error) {
    return { threw: String(error) };
  } finally {
    mode.zodOnly = false;
  }
}

function expectAgreement(kind: Kind, input: unknown): boolean {
  const { parse, schema } = KINDS[kind];
  const { fast, problems } = checkReplyParserAgreement(input, {
    check: parse,
    oracle: (value) => schema().safeParse(value),
    answers: (zodOnly) => step(input, zodOnly),
  });
  expect(problems).toEqual([]);
  return fast;
}

const SCHEMA_KEYS = ['type', 'message', 'id', 'model', 'usage', 'input_tokens', 'output_tokens', 'cache_read_input_tokens', 'index', 'content_block', 'text', 'delta', 'stop_reason', 'stop_sequence', 'error', 'output_tokens_details'];
const EDGE_VALUES: unknown[] = [null, true, false, 0, -0, 1, -1, 0.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), 1e21, '', 'x', 'message_start', 'content_block_start', 'message_delta', 'error', 'text', 'tool_use', 'end_turn', [], {}, { type: 'text' }, { type: 1 }, { input_tokens: 3 }, { stop_reason: 'end_turn' }];
const valueArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...SCHEMA_KEYS), fc.constantFrom(...EDGE_VALUES), { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);
const keyArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCHEMA_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'x_unknown') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const mutationArbitrary = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'replace', 'delete', 'add-key', 'empty', 'wrap'), value: valueArbitrary, key: keyArbitrary });

describe('the fast parsers of the rare Anthropic stream events agree with zod', () => {
  it('find recorded events of every kind', () => {
    for (const kind of KIND_NAMES) expect(SAMPLES.filter((event) => (event as { type: Kind }).type === kind).length, kind).toBeGreaterThan(0);
  });

  it('take the fast path for every valid recorded event', () => {
    let valid = 0;
    for (const event of SAMPLES) {
      const kind = (event as { type: Kind }).type;
      const before = JSON.stringify(event);
      const fast = expectAgreement(kind, event);
      if (KINDS[kind].schema().safeParse(event).success) {
        valid++;
        expect(fast, before).toBe(true);
      }
      expect(JSON.stringify(event)).toBe(before);
    }
    expect(valid).toBeGreaterThan(40);
  });

  it('check index as zod int(): a safe integer, not 0.5, 2^53 or -1', () => {
    const event = (index: unknown) => ({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const index of [0, 3, 2 ** 53 - 1]) expect(expectAgreement('content_block_start', event(index))).toBe(true);
    for (const index of [0.5, 2 ** 53, -1, Number.NaN, '1']) {
      expect(expectAgreement('content_block_start', event(index))).toBe(false);
      expect(parseAnthropicContentBlockStartEvent(event(index)).success).toBe(false);
    }
  });

  test.prop([fc.constantFrom(...KIND_NAMES), fc.jsonValue()], { numRuns: 400 })('on arbitrary JSON', (kind, input) => {
    expectAgreement(kind, input);
  });

  test.prop([fc.constantFrom(...KIND_NAMES), fc.anything()], { numRuns: 200 })('on arbitrary values', (kind, input) => {
    expectAgreement(kind, input);
  });

  test.prop([fc.nat(), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })], { numRuns: 1500 })('on mutations of the recorded events', (pick, mutations) => {
    const original = SAMPLES[pick % SAMPLES.length] as { type: Kind };
    let input: unknown = original;
    for (const mutation of mutations) input = applyJsonMutation(input, mutation);
    expectAgreement(original.type, input);
  });
});
