/// <reference types="node" />
/**
 * The fast path of `parseChatCompletionRequest` (a checker compiled from the zod schema) against zod itself, the
 * oracle: on every fixture request, on arbitrary JSON and on mutations of every fixture request, the checker
 * accepts exactly what zod accepts, zod's parsed value then equals the input (so returning the input is returning
 * what zod would), and `parseChatCompletionRequest` answers exactly what a zod-only parse answers (same value, same
 * 400 message and `param`). The one documented difference: where zod's copy would differ from the input (an own
 * `__proto__` key, which zod drops; an object that is not a plain one, which `JSON.parse` never builds), the checker
 * defers to zod (it says no, zod accepts and returns its copy).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { chatCompletionRequestSchema } from './chat-completion-request-schema.js';
import { compileSchemaChecker } from './compile-schema-checker.js';
import { parseChatCompletionRequest } from './parse-chat-completion-request.js';
import { parseWithSchema } from './parse-result.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixturesDir = path.join(repoRoot, 'fixtures');

/** Every `fixtures/<provider>/<case>/request.json`, as parsed JSON. */
const FIXTURE_REQUESTS: Array<{ name: string; json: unknown }> = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((provider) => provider.isDirectory())
  .flatMap((provider) =>
    readdirSync(path.join(fixturesDir, provider.name), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(fixturesDir, provider.name, entry.name, 'request.json')))
      .map((entry) => ({
        name: `${provider.name}/${entry.name}`,
        json: JSON.parse(readFileSync(path.join(fixturesDir, provider.name, entry.name, 'request.json'), 'utf8')) as unknown,
      })),
  );

const schema = chatCompletionRequestSchema();
const isValid = compileSchemaChecker(schema);
const STYLE = { status: 400 as const, type: 'invalid_request_error', code: null, subject: 'The request body', prefix: '' };

/**
 * Whether zod's copy of a value can differ from the value itself: an own `__proto__` key (zod drops it) or an
 * object whose prototype is not `Object.prototype` (zod returns a plain object; `JSON.parse` never builds one).
 */
function zodCopyMayDiffer(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(zodCopyMayDiffer);
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
  return Object.values(value).some(zodCopyMayDiffer);
}

/** The property: the checker and zod agree, and the public function answers what zod alone answers. */
function expectAgreement(input: unknown): void {
  const fast = isValid(input);
  const oracle = z.safeParse(schema, input);
  if (fast) {
    expect(oracle.success).toBe(true);
    expect(oracle.data).toStrictEqual(input);
  } else if (oracle.success) {
    // The only way zod accepts what the checker does not: zod's copy would differ from the input.
    expect(zodCopyMayDiffer(input)).toBe(true);
  }
  expect(parseChatCompletionRequest(input)).toStrictEqual(parseWithSchema(schema, input, STYLE));
}

// ---- values and keys the schema itself names, so that mutations hit its branches and boundaries ----

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  [key: string]: unknown;
}

/** All object keys, the key set of each object, and all literal/enum values of the schema. */
function schemaVocabulary(): { keys: string[]; shapes: string[][]; values: unknown[]; numbers: number[] } {
  const keys = new Set<string>();
  const shapes: string[][] = [];
  // Around every numeric bound of the schema's checks, and non-integers for its integer refinements.
  const numbers = new Set<number>([0, 0.5, 1, 1.5, -1, 1e21]);
  const values = new Set<unknown>();
  const seen = new Set<object>();
  const walk = (node: { _zod: { def: Def; values?: Set<unknown> } } | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def;
    if (def.type === 'literal' || def.type === 'enum') for (const value of node._zod.values ?? []) values.add(value);
    if (def.shape) shapes.push(Object.keys(def.shape));
    for (const check of (def.checks as Array<{ _zod: { def: { value?: unknown } } }> | undefined) ?? []) {
      const bound = check._zod.def.value;
      if (typeof bound === 'number') for (const delta of [-1, -0.5, -1e-9, 0, 1e-9, 0.5, 1]) numbers.add(bound + delta);
    }
    if (def.shape) for (const [key, child] of Object.entries(def.shape)) {
      keys.add(key);
      walk(child as never);
    }
    for (const field of ['innerType', 'element', 'valueType', 'keyType', 'catchall']) walk(def[field] as never);
    for (const option of (def.options as never[] | undefined) ?? []) walk(option);
  };
  walk(schema as never);
  return { keys: [...keys], shapes, values: [...values], numbers: [...numbers] };
}

const VOCABULARY = schemaVocabulary();

const SMILE = '\u{1F600}';
/** Boundaries of the schema's numeric and length checks, and the shapes its unions tell apart. */
const EDGE_VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 0.5, 1.5, 2, 2.0001, -2, -2.0001, 20, 21, 128, 129, 1e21, -1e21, 1.0000001, 2 ** 53 + 2,
  '', 'x', 'x_1', 'web_search_20250305', 'x_', '_1', 'x_1.5', 'x_-1', 'x_1e5', 'x_Infinity', 'x_0x10', 'a_b_2',
  'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(63) + SMILE, 'a'.repeat(64) + SMILE, SMILE.repeat(32), SMILE.repeat(33), `${SMILE.slice(0, 1)}${'a'.repeat(64)}`,
  [], [{}], [''], ['text'], {}, { type: 'text' }, { type: 'function' }, { mode: 'explicit' }, { url: 'https://x' }, { name: 'n' }, { id: 'i' },
];

const valueArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...VOCABULARY.values, ...EDGE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...VOCABULARY.keys), fc.constantFrom(...VOCABULARY.values, ...EDGE_VALUES), { maxKeys: 4 }) },
  // Not JSON (NaN, Infinity, undefined, -0, null prototypes), as a library caller may pass.
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);
const keyArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VOCABULARY.keys) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'x_unknown') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const fieldValueArbitrary = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VOCABULARY.numbers) }, { weight: 2, arbitrary: valueArbitrary });

type Segment = string | number;
/** A mutation: where (an index into the value's paths, taken modulo their count), what, and with which value or key. */
const mutationArbitrary = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'add-key', 'set-field', 'set-field', 'set-field', 'empty', 'duplicate', 'wrap'),
  pick: fc.nat(),
  field: fieldValueArbitrary,
  value: valueArbitrary,
  key: keyArbitrary,
});

function pathsOf(value: unknown, prefix: Segment[] = []): Segment[][] {
  const out: Segment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...pathsOf(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...prefix, key]));
  return out;
}

/** Defines an own property even for `__proto__` (as JSON.parse does). */
function defineOwn(target: Record<Segment, unknown>, key: Segment, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy keeping prototypes and own `__proto__` keys (the arbitraries share constant objects between runs). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<Segment, unknown>;
  for (const key of Object.keys(value)) defineOwn(out, key, copy((value as Record<Segment, unknown>)[key]));
  return out;
}

/** The keys the schema declares beside an object's keys: those of every schema object sharing a key with it. */
function fieldsBeside(keys: string[]): string[] {
  const beside = VOCABULARY.shapes.filter((shape) => keys.length === 0 || keys.some((key) => shape.includes(key)));
  return [...new Set(beside.flat())];
}

function applyMutation(root: unknown, { at, kind, value: inserted, key: newKey, pick, field }: typeof mutationArbitrary extends fc.Arbitrary<infer M> ? M : never): unknown {
  const mutation = { at, kind, value: copy(inserted), key: newKey };
  if (kind === 'set-field') {
    // A field the schema declares for an object of the value (or one like it), set to a value near its bounds.
    const objects: Array<Record<Segment, unknown>> = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') {
        objects.push(node as Record<Segment, unknown>);
        Object.values(node).forEach(collect);
      }
    };
    collect(root);
    const target = pick % 2 === 0 ? objects[0] : objects[at % Math.max(1, objects.length)];
    const fields = target ? fieldsBeside(Object.keys(target)) : [];
    if (target && fields.length > 0) defineOwn(target, fields[pick % fields.length]!, copy(field));
    return root;
  }
  const paths = pathsOf(root);
  const target = paths[mutation.at % paths.length]!;
  const holder = { root } as Record<Segment, unknown>;
  let parent = holder;
  let key: Segment = 'root';
  for (const segment of target) {
    parent = parent[key] as Record<Segment, unknown>;
    key = segment;
  }
  const current = parent[key];
  switch (mutation.kind) {
    case 'replace':
      defineOwn(parent, key, mutation.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'add-key':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) defineOwn(current as Record<Segment, unknown>, mutation.key, mutation.value);
      else if (Array.isArray(current)) current.push(mutation.value);
      else defineOwn(parent, key, { [mutation.key]: mutation.value });
      break;
    case 'empty':
      defineOwn(parent, key, Array.isArray(current) ? [] : current !== null && typeof current === 'object' ? {} : '');
      break;
    case 'duplicate':
      if (Array.isArray(current) && current.length > 0) current.push(copy(current[0]));
      else defineOwn(parent, key, [current]);
      break;
    case 'wrap':
      defineOwn(parent, key, typeof current === 'string' ? [{ type: 'text', text: current }] : Array.isArray(current) ? current[0] : [current]);
      break;
  }
  return holder.root;
}

describe('the fast request check agrees with zod', () => {
  it('reads every fixture request', () => {
    expect(FIXTURE_REQUESTS.length).toBeGreaterThan(50);
  });

  it.each(FIXTURE_REQUESTS)('on the fixture request $name', ({ json }) => {
    expectAgreement(json);
  });

  it('accepts every fixture request that zod accepts, returning the input itself', () => {
    const accepted = FIXTURE_REQUESTS.filter(({ json }) => z.safeParse(schema, json).success);
    expect(accepted.length).toBeGreaterThan(50);
    for (const { json } of accepted) {
      const result = parseChatCompletionRequest(json);
      expect(result.ok && result.value).toBe(json);
    }
  });

  it('defers to zod on an own __proto__ key, which zod drops', () => {
    const input = JSON.parse('{"model":"m","messages":[{"role":"user","content":"hi","__proto__":{"x":1}}]}') as unknown;
    expect(isValid(input)).toBe(false);
    const result = parseChatCompletionRequest(input);
    expect(result.ok).toBe(true);
    expect(result.ok && Object.prototype.hasOwnProperty.call(result.value.messages[0], '__proto__')).toBe(false);
    expectAgreement(input);
  });

  it('counts string lengths in code points, as zod does', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    for (const safety_identifier of ['a'.repeat(64), 'a'.repeat(65), 'a'.repeat(63) + SMILE, SMILE.repeat(32), SMILE.repeat(33)]) {
      expectAgreement({ ...base, safety_identifier });
    }
    expect(isValid({ ...base, safety_identifier: SMILE.repeat(64) })).toBe(true);
    expect(isValid({ ...base, safety_identifier: SMILE.repeat(65) })).toBe(false);
  });

  test.prop([fc.jsonValue()], { numRuns: 1000 })('on arbitrary JSON', (input) => {
    expectAgreement(input);
  });

  test.prop([fc.record({ model: fc.jsonValue({ maxDepth: 1 }), messages: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] })], { numRuns: 500 })(
    'on arbitrary JSON shaped like a request',
    (input) => {
      expectAgreement(input);
    },
  );

  test.prop(
    [fc.constantFrom(...FIXTURE_REQUESTS.map(({ json }) => json)), fc.constantFrom(...fieldsBeside(['model', 'messages'])), fieldValueArbitrary],
    { numRuns: 3000 },
  )('on every fixture request with one of its declared fields set near a bound', (request, key, value) => {
    const mutated = copy(request) as Record<Segment, unknown>;
    defineOwn(mutated, key, copy(value));
    expectAgreement(mutated);
  });

  test.prop(
    [fc.constantFrom(...FIXTURE_REQUESTS.map(({ json }) => json)), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 })],
    { numRuns: 4000 },
  )('on mutations of every fixture request', (request, mutations) => {
    let mutated: unknown = copy(request);
    for (const mutation of mutations) mutated = applyMutation(mutated, mutation);
    expectAgreement(mutated);
  });
});
