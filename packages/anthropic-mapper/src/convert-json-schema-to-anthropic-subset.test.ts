import { fc, test as propTest } from '@fast-check/vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ANTHROPIC_SCHEMA_FORMATS, convertJsonSchemaToAnthropicSubset } from './convert-json-schema-to-anthropic-subset.js';

type Schema = Record<string, unknown>;

function convert(schema: Schema) {
  const result = convertJsonSchemaToAnthropicSubset(schema, 'response_format.json_schema.schema');
  if (!result.ok) throw new Error(result.reason);
  return result;
}

// Golden cases: one per rule of the documented subset (platform.claude.com/docs/en/build-with-claude/structured-outputs,
// "JSON Schema limitations"). Expected outputs written by hand from the rules.
describe('convertJsonSchemaToAnthropicSubset: rules', () => {
  it('rule 1: numeric and string-length constraints are removed, reported one by one, and kept in the description', () => {
    const result = convert({ type: 'object', properties: { age: { type: 'integer', minimum: 0, maximum: 150, description: 'Age' }, name: { type: 'string', maxLength: 20 } }, required: ['age'] });
    expect(result.schema).toEqual({
      type: 'object',
      properties: { age: { type: 'integer', description: 'Age (minimum: 0; maximum: 150)' }, name: { type: 'string', description: '(maxLength: 20)' } },
      required: ['age'],
      additionalProperties: false,
    });
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([
      ['schema_keyword_removed', 'response_format.json_schema.schema.properties.age.minimum'],
      ['schema_keyword_removed', 'response_format.json_schema.schema.properties.age.maximum'],
      ['schema_keyword_removed', 'response_format.json_schema.schema.properties.name.maxLength'],
    ]);
  });

  it('rule 2: oneOf becomes anyOf (reported)', () => {
    const result = convert({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(result.schema).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
    expect(result.removed).toEqual([{ path: 'response_format.json_schema.schema', keyword: 'oneOf' }]);
  });

  it('rule 3: minItems above 1 becomes 1; complex enums, other formats and complex patterns are removed', () => {
    const result = convert({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', format: 'email' }, minItems: 3, maxItems: 5 },
        point: { enum: [{ x: 1 }, 'origin'] },
        slug: { type: 'string', pattern: '^(\\w)\\1$' },
        code: { type: 'string', pattern: '^[A-Z]{3}$', format: 'iso-4217' },
      },
    });
    expect(result.schema['properties']).toEqual({
      tags: { type: 'array', items: { type: 'string', format: 'email' }, minItems: 1, description: '(minItems: 3; maxItems: 5)' },
      point: { description: '(enum: [{"x":1},"origin"])' },
      slug: { type: 'string', description: '(pattern: "^(\\\\w)\\\\1$")' },
      code: { type: 'string', pattern: '^[A-Z]{3}$', description: '(format: "iso-4217")' },
    });
    expect(result.removed.map((r) => r.keyword)).toEqual(['minItems', 'maxItems', 'enum', 'pattern', 'format']);
  });

  it('rule 4: every object is closed; an open object is reported', () => {
    const result = convert({ type: 'object', properties: { meta: { type: 'object', additionalProperties: { type: 'string' } } } });
    expect(result.schema).toEqual({ type: 'object', properties: { meta: { type: 'object', additionalProperties: false } }, additionalProperties: false });
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([['schema_additional_properties_closed', 'response_format.json_schema.schema.properties.meta.additionalProperties']]);
  });

  it('rule 5: local $defs references stay; recursive and external ones cannot be expressed', () => {
    const local = convert({ type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { type: 'object', properties: { n: { type: 'number', multipleOf: 2 } } } } });
    expect(local.schema).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' } },
      $defs: { A: { type: 'object', properties: { n: { type: 'number', description: '(multipleOf: 2)' } }, additionalProperties: false } },
      additionalProperties: false,
    });
    expect(convertJsonSchemaToAnthropicSubset({ type: 'object', properties: { child: { $ref: '#/$defs/Node' } }, $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } } }, 'x')).toMatchObject({ ok: false });
    expect(convertJsonSchemaToAnthropicSubset({ $ref: 'https://example.com/s.json' }, 'x')).toMatchObject({ ok: false });
    expect(convertJsonSchemaToAnthropicSubset({ type: 'object', properties: { self: { $ref: '#' } } }, 'x')).toMatchObject({ ok: false });
  });

  it('keeps what the subset supports and drops identifiers silently; never mutates the input', () => {
    const input = { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'T', type: ['object', 'null'], properties: { when: { type: 'string', format: 'date-time', default: '2026-01-01T00:00:00Z' }, kind: { const: 'a' }, n: { anyOf: [{ type: 'integer' }, { type: 'null' }] } }, required: ['kind'] };
    const before = structuredClone(input);
    const result = convert(input);
    expect(result.schema).toEqual({ title: 'T', type: ['object', 'null'], properties: { when: { type: 'string', format: 'date-time', default: '2026-01-01T00:00:00Z' }, kind: { const: 'a' }, n: { anyOf: [{ type: 'integer' }, { type: 'null' }] } }, required: ['kind'], additionalProperties: false });
    expect(result.warnings).toEqual([]);
    expect(input).toEqual(before);
  });
});

// The documented subset as a meta-schema: the keys a node may hold and the values they may take.
const subsetNode = {
  $id: 'anthropic-subset',
  type: ['object', 'boolean'],
  propertyNames: { enum: ['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'allOf', '$ref', '$defs', 'definitions', 'title', 'description', 'default', 'format', 'pattern', 'minItems'] },
  properties: {
    type: { anyOf: [{ enum: ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'] }, { type: 'array', items: { enum: ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'] } }] },
    properties: { type: 'object', additionalProperties: { $ref: '#' } },
    $defs: { type: 'object', additionalProperties: { $ref: '#' } },
    items: { $ref: '#' },
    anyOf: { type: 'array', items: { $ref: '#' } },
    allOf: { type: 'array', items: { $ref: '#' } },
    additionalProperties: { const: false },
    enum: { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } },
    format: { enum: [...ANTHROPIC_SCHEMA_FORMATS] },
    minItems: { enum: [0, 1] },
    description: { type: 'string' },
    $ref: { type: 'string', pattern: '^#/(\\$defs|definitions)/' },
  },
  if: { type: 'object', properties: { type: { const: 'object' } }, required: ['type'] },
  then: { required: ['additionalProperties'] },
};

const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const isInSubset = ajv.compile(subsetNode);

// Arbitrary client schemas: supported keywords mixed with unsupported ones, nested objects and arrays.
const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: fc.constant('string') }, { requiredKeys: [] }).chain(() =>
    fc.record({ type: fc.constant('string'), minLength: fc.nat(5), maxLength: fc.integer({ min: 5, max: 12 }), format: fc.constantFrom('email', 'date', 'uuid', 'iso-4217'), enum: fc.constantFrom(['a', 'b'], ['x']) }, { requiredKeys: ['type'] }),
  ),
  fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.integer({ min: -5, max: 0 }), maximum: fc.integer({ min: 1, max: 10 }), multipleOf: fc.constant(2) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('boolean') }),
  fc.record({ type: fc.constant(['string', 'null']) }),
  fc.record({ const: fc.constantFrom('on', 3, true) }),
);
const schemaArb: fc.Arbitrary<Schema> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array'), tie('union')),
  object: fc
    .record({
      props: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('node') as fc.Arbitrary<Schema>, { maxKeys: 3 }),
      required: fc.subarray(['a', 'b', 'c', 'd']),
      additional: fc.constantFrom(undefined, true, false, { type: 'string' }),
      minProperties: fc.constantFrom(undefined, 1),
    })
    .map(({ props, required, additional, minProperties }) => ({
      type: 'object',
      properties: props,
      required: required.filter((name) => name in props),
      ...(additional !== undefined ? { additionalProperties: additional } : {}),
      ...(minProperties !== undefined ? { minProperties } : {}),
    })),
  array: fc.record({ type: fc.constant('array'), items: tie('node') as fc.Arbitrary<Schema>, minItems: fc.nat(3), maxItems: fc.integer({ min: 3, max: 4 }), uniqueItems: fc.boolean() }, { requiredKeys: ['type', 'items'] }),
  union: fc.record({ which: fc.constantFrom('anyOf', 'oneOf'), branches: fc.array(tie('node') as fc.Arbitrary<Schema>, { minLength: 1, maxLength: 3 }) }).map(({ which, branches }) => ({ [which]: branches })),
})).node as fc.Arbitrary<Schema>;

const FORMAT_VALUES: Record<string, string> = { email: 'a@example.com', date: '2026-12-06', uuid: '123e4567-e89b-12d3-a456-426614174000' };

/** Instances valid under a converted (subset) schema, generated from it. */
function instanceOf(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema !== 'object' || schema === null) return fc.jsonValue();
  const s = schema as Schema;
  if ('const' in s) return fc.constant(s['const']);
  if (Array.isArray(s['enum'])) return fc.constantFrom(...(s['enum'] as unknown[]));
  if (Array.isArray(s['anyOf'])) return fc.oneof(...(s['anyOf'] as unknown[]).map((branch) => instanceOf(branch, depth + 1)));
  const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return typeof s['format'] === 'string' ? fc.constant(FORMAT_VALUES[s['format']] ?? '') : fc.string({ maxLength: 15 });
        case 'integer':
          return fc.integer({ min: -20, max: 20 });
        case 'number':
          return fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true }));
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(instanceOf(s['items'], depth + 1), { minLength: (s['minItems'] as number | undefined) ?? 0, maxLength: 5 });
        case 'object': {
          const properties = (s['properties'] ?? {}) as Record<string, unknown>;
          const required = new Set((s['required'] ?? []) as string[]);
          return fc.record(Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, instanceOf(sub, depth + 1)])), { requiredKeys: [...required].filter((name) => name in properties) });
        }
        default:
          return fc.jsonValue();
      }
    }),
  );
}

function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** The original schema minus the reported (path, keyword) pairs; nothing else changes. */
function withoutReported(node: unknown, reported: Set<string>, at: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (reported.has(`${at}|${key}`)) {
      if (key === 'oneOf') out['anyOf'] = (value as unknown[]).map((branch, i) => withoutReported(branch, reported, pathOf(pathOf(at, 'oneOf'), i)));
      continue;
    }
    if ((key === 'properties' || key === '$defs') && typeof value === 'object' && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, withoutReported(sub, reported, pathOf(pathOf(at, key), name))]));
    } else if ((key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((branch, i) => withoutReported(branch, reported, pathOf(pathOf(at, key), i)));
    } else if (key === 'items') out[key] = withoutReported(value, reported, pathOf(at, 'items'));
    else out[key] = value;
  }
  return out;
}

describe('convertJsonSchemaToAnthropicSubset: properties', () => {
  propTest.prop([schemaArb], { numRuns: 300 })('every converted schema is inside the documented subset', (schema) => {
    const result = convert(schema);
    if (!isInSubset(result.schema)) expect.fail(`outside the subset: ${JSON.stringify(isInSubset.errors?.slice(0, 3))}\n${JSON.stringify(result.schema)}`);
  });

  propTest.prop([schemaArb.chain((schema) => fc.tuple(fc.constant(schema), instanceOf(convert(schema).schema)))], { numRuns: 300 })(
    'an instance valid under the converted schema breaks the original only through a reported keyword',
    ([schema, instance]) => {
      const result = convert(schema);
      const validConverted = ajv.compile(result.schema);
      fc.pre(validConverted(instance) === true);
      // The original with exactly the reported keywords taken out (oneOf read as anyOf) must accept it.
      const relaxed = withoutReported(schema, new Set(result.removed.map((r) => `${r.path}|${r.keyword}`)), 'response_format.json_schema.schema');
      const validRelaxed = ajv.compile(relaxed as Schema);
      expect(validRelaxed(instance), `${JSON.stringify(instance)} under ${JSON.stringify(schema)}: ${JSON.stringify(validRelaxed.errors?.slice(0, 2))}`).toBe(true);
    },
  );
});
