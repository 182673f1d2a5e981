/// <reference types="node" />
import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { validateGeminiLegacySchema } from '../test/gemini-legacy-schema-validator.js';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.js';

const asParameters = (schema: unknown) => convertJsonSchemaToGeminiSchema(schema, { path: 'p', purpose: 'parameters' });
const asResponse = (schema: unknown) => convertJsonSchemaToGeminiSchema(schema, { path: 'r', purpose: 'response' });
const codes = (result: { warnings: { code: string }[] }) => result.warnings.map((warning) => warning.code);

describe('Gemini schema rules (golden, one per rule)', () => {
  it('rule 1: never mutates the input', () => {
    const input = { type: 'object', properties: { a: { type: ['string', 'null'], format: 'uri' } }, required: ['a', 'b'], additionalProperties: false };
    const copy = structuredClone(input);
    asParameters(input);
    expect(input).toEqual(copy);
  });
  it('rule 2: inlines $ref/$defs; a recursive reference becomes a loose object with a warning', () => {
    const result = asParameters({
      type: 'object',
      properties: { node: { $ref: '#/$defs/Node' }, size: { $ref: '#/definitions/Size' } },
      $defs: { Node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#/$defs/Node' } } } },
      definitions: { Size: { type: 'integer' } },
    });
    expect(result.schema).toEqual({
      type: 'OBJECT',
      properties: {
        node: {
          type: 'OBJECT',
          properties: { name: { type: 'STRING' }, child: { type: 'OBJECT', description: '(recursive reference #/$defs/Node not expanded)' } },
        },
        size: { type: 'INTEGER' },
      },
    });
    expect(codes(result)).toContain('schema_recursion_truncated');
  });
  it('rule 3: nullability from type arrays and null branches; multi-type → anyOf; null-only property dropped', () => {
    const result = asParameters({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'maybe' },
        c: { type: ['string', 'number'] },
        d: { type: 'null' },
      },
      required: ['a', 'd'],
    });
    expect(result.schema).toEqual({
      type: 'OBJECT',
      properties: {
        a: { type: 'STRING', nullable: true },
        b: { type: 'INTEGER', description: 'maybe', nullable: true },
        c: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      },
      required: ['a'],
    });
    expect(codes(result)).toContain('schema_null_property_removed');
  });
  it('rule 4: oneOf → anyOf, allOf merged', () => {
    const result = asParameters({
      type: 'object',
      properties: {
        shape: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        both: { allOf: [{ type: 'object', properties: { x: { type: 'number' } }, required: ['x'] }, { properties: { y: { type: 'number' } }, required: ['y'] }] },
      },
    });
    expect(result.schema.properties).toEqual({
      shape: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      both: { type: 'OBJECT', properties: { x: { type: 'NUMBER' }, y: { type: 'NUMBER' } }, required: ['x', 'y'] },
    });
    expect(codes(result)).toEqual(expect.arrayContaining(['schema_oneof_to_anyof', 'schema_allof_merged']));
  });
  it('rule 5: const → enum; enums are strings; integer enums move to the description; empty strings removed', () => {
    const result = asParameters({
      type: 'object',
      properties: {
        kind: { const: 'circle' },
        level: { type: 'integer', enum: [1, 2, 3] },
        mode: { type: 'string', enum: ['', 'fast', 'slow'] },
      },
    });
    expect(result.schema.properties).toEqual({
      kind: { type: 'STRING', enum: ['circle'] },
      level: { type: 'INTEGER', description: 'Allowed values: 1, 2, 3.' },
      mode: { type: 'STRING', enum: ['fast', 'slow'] },
    });
    expect(codes(result)).toEqual(expect.arrayContaining(['schema_enum_moved_to_description', 'schema_enum_empty_value_removed']));
  });
  it('rule 6: anyOf keeps no siblings; title/description copied into branches; type beside anyOf removed', () => {
    const result = asParameters({
      type: 'object',
      properties: { v: { type: 'string', title: 'V', description: 'value', minLength: 2, anyOf: [{ type: 'string' }, { type: 'integer' }] } },
    });
    expect(result.schema.properties!.v).toEqual({
      anyOf: [
        { type: 'STRING', title: 'V', description: 'value' },
        { type: 'INTEGER', title: 'V', description: 'value' },
      ],
    });
    expect(codes(result)).toContain('schema_keyword_removed');
  });
  it('rule 7: unsupported keywords stripped at every depth, never property names', () => {
    const result = asParameters({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        additionalProperties: { type: 'string' },
        list: { type: 'array', uniqueItems: true, items: { type: 'object', additionalProperties: false, properties: { n: { type: 'number', exclusiveMinimum: 0, multipleOf: 2 } } } },
      },
    });
    expect(result.schema).toEqual({
      type: 'OBJECT',
      properties: {
        additionalProperties: { type: 'STRING' },
        list: { type: 'ARRAY', items: { type: 'OBJECT', properties: { n: { type: 'NUMBER' } } } },
      },
    });
    expect(result.warnings.map((warning) => warning.param)).toEqual(
      expect.arrayContaining(['p.additionalProperties', 'p.properties.list.uniqueItems', 'p.properties.list.items.additionalProperties', 'p.properties.list.items.properties.n.exclusiveMinimum']),
    );
  });
  it('rule 8: string formats other than enum/date-time removed', () => {
    const result = asParameters({ type: 'object', properties: { u: { type: 'string', format: 'uri' }, t: { type: 'string', format: 'date-time' }, f: { type: 'number', format: 'float' } } });
    expect(result.schema.properties).toEqual({ u: { type: 'STRING' }, t: { type: 'STRING', format: 'date-time' }, f: { type: 'NUMBER', format: 'float' } });
    expect(codes(result)).toContain('schema_format_removed');
  });
  it('rule 9: upper-case types; unknown types removed', () => {
    const result = asParameters({ type: 'object', properties: { a: { type: 'boolean' }, b: { type: 'banana', description: 'x' } } });
    expect(result.schema.properties).toEqual({ a: { type: 'BOOLEAN' }, b: { type: 'OBJECT', description: 'x' } });
  });
  it('rule 10: properties imply OBJECT; required pruned to existing names; no empty properties', () => {
    const result = asParameters({ properties: { a: { type: 'string' }, o: { type: 'object', properties: {} } }, required: ['a', 'ghost'] });
    expect(result.schema).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING' }, o: { type: 'OBJECT' } }, required: ['a'] });
    expect(codes(result)).toContain('schema_required_pruned');
  });
  it('rule 11: every array gets items; tuples collapse', () => {
    const result = asParameters({
      type: 'object',
      properties: { bare: { type: 'array' }, empty: { type: 'array', items: {} }, pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }, same: { type: 'array', items: [{ type: 'string' }, { type: 'string' }] } },
    });
    expect(result.schema.properties).toEqual({
      bare: { type: 'ARRAY', items: { type: 'OBJECT' } },
      empty: { type: 'ARRAY', items: { type: 'OBJECT' } },
      pair: { type: 'ARRAY', items: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] } },
      same: { type: 'ARRAY', items: { type: 'STRING' } },
    });
  });
  it('rule 12: parameters root is an OBJECT (root union of objects merged)', () => {
    expect(asParameters({ type: 'string' }).schema).toEqual({ type: 'OBJECT' });
    const merged = asParameters({ anyOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] }] });
    expect(merged.schema).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING' } , b: { type: 'STRING' } } });
  });
  it('rule 13: response schemas get propertyOrdering from key order (nested too)', () => {
    expect(asResponse({ type: 'object', properties: { b: { type: 'string' }, a: { type: 'object', properties: { y: { type: 'number' }, x: { type: 'number' } } } } }).schema).toEqual({
      type: 'OBJECT',
      properties: { b: { type: 'STRING' }, a: { type: 'OBJECT', properties: { y: { type: 'NUMBER' }, x: { type: 'NUMBER' } }, propertyOrdering: ['y', 'x'] } },
      propertyOrdering: ['b', 'a'],
    });
  });
  it('int64 bounds are sent as decimal strings (the spec types them int64)', () => {
    expect(asParameters({ type: 'object', properties: { s: { type: 'string', minLength: 1, maxLength: 10 } } }).schema.properties!.s).toEqual({ type: 'STRING', minLength: '1', maxLength: '10' });
  });
});

describe('edge case #4: hostile tool schema (golden)', () => {
  const hostile = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      tags: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { label: { type: 'string' } } } },
      note: { type: ['string', 'null'] },
      shape: { anyOf: [{ const: 'circle' }, { const: 'square' }] },
      tree: { $ref: '#/$defs/Tree' },
      priority: { type: 'integer', enum: [1, 2, 3] },
      loose: { type: 'array' },
      homepage: { type: 'string', format: 'uri' },
    },
    required: ['tags', 'missing'],
    $defs: { Tree: { type: 'object', properties: { value: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Tree' } } } } },
  };
  it('converts to the golden legacy schema, which the spec validator accepts', () => {
    const result = asParameters(hostile);
    expect(result.schema).toEqual({
      type: 'OBJECT',
      properties: {
        tags: { type: 'ARRAY', items: { type: 'OBJECT', properties: { label: { type: 'STRING' } } } },
        note: { type: 'STRING', nullable: true },
        shape: { anyOf: [{ type: 'STRING', enum: ['circle'] }, { type: 'STRING', enum: ['square'] }] },
        tree: {
          type: 'OBJECT',
          properties: {
            value: { type: 'STRING' },
            children: { type: 'ARRAY', items: { type: 'OBJECT', description: '(recursive reference #/$defs/Tree not expanded)' } },
          },
        },
        priority: { type: 'INTEGER', description: 'Allowed values: 1, 2, 3.' },
        loose: { type: 'ARRAY', items: { type: 'OBJECT' } },
        homepage: { type: 'STRING' },
      },
      required: ['tags'],
    });
    expect(validateGeminiLegacySchema(result.schema)).toEqual([]);
    expect(new Set(codes(result))).toEqual(
      new Set(['schema_keyword_removed', 'schema_recursion_truncated', 'schema_enum_moved_to_description', 'schema_any_type_narrowed', 'schema_format_removed', 'schema_required_pruned']),
    );
  });
});

const mcpSchemas: Record<string, unknown> = {
  filesystemEdit: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      edits: { type: 'array', items: { $ref: '#/$defs/Edit' } },
      dryRun: { type: 'boolean', default: false },
    },
    required: ['path', 'edits'],
    additionalProperties: false,
    $defs: { Edit: { type: 'object', properties: { oldText: { type: 'string' }, newText: { type: 'string' } }, required: ['oldText', 'newText'], additionalProperties: false } },
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  githubCreateIssue: {
    type: 'object',
    properties: {
      owner: { type: 'string' },
      repo: { type: 'string' },
      title: { type: 'string' },
      body: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      labels: { type: ['array', 'null'], items: { type: 'string' } },
      milestone: { anyOf: [{ type: 'number' }, { type: 'string' }, { type: 'null' }] },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
    },
    required: ['owner', 'repo', 'title'],
  },
  pydanticModel: {
    title: 'Search',
    type: 'object',
    properties: { query: { title: 'Query', type: 'string' }, filters: { allOf: [{ $ref: '#/definitions/Filters' }], default: {} } },
    definitions: { Filters: { title: 'Filters', type: 'object', properties: { since: { type: 'string', format: 'date' }, limit: { type: 'integer', minimum: 1, exclusiveMaximum: 100 } } } },
  },
};

describe('real MCP-style tool schemas pass the spec validator', () => {
  it.each(Object.entries(mcpSchemas))('%s', (_name, schema) => {
    const result = asParameters(schema);
    expect(validateGeminiLegacySchema(result.schema)).toEqual([]);
    expect(result.schema.type).toBe('OBJECT');
  });
});

const jsonSchemaArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'null', 'weird'), format: fc.constantFrom('uri', 'date-time', 'email', 'float') }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant(['string', 'null']) }),
    fc.record({ type: fc.constant(['string', 'number', 'boolean']) }),
    fc.record({ enum: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean()), { maxLength: 4 }), type: fc.constantFrom('string', 'integer') }, { requiredKeys: ['enum'] }),
    fc.record({ const: fc.oneof(fc.string(), fc.integer()) }),
    fc.record(
      {
        type: fc.constant('object'),
        properties: fc.dictionary(fc.string({ maxLength: 6 }), tie('schema'), { maxKeys: 4 }),
        required: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
      },
      { requiredKeys: [] },
    ),
    fc.record({ type: fc.constant('array'), items: fc.oneof(tie('schema'), fc.array(tie('schema'), { maxLength: 3 })), minItems: fc.nat(5), uniqueItems: fc.boolean() }, { requiredKeys: ['type'] }),
    fc.record({ anyOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }), description: fc.string() }, { requiredKeys: ['anyOf'] }),
    fc.record({ oneOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('schema'), { minLength: 1, maxLength: 3 }) }),
    fc.constant({ $ref: '#/$defs/Self' }),
    fc.constant({ $ref: '#/$defs/Missing' }),
    fc.constant({}),
    fc.constant(true),
  ),
})).schema;

describe('property: any JSON Schema converts to a valid Gemini legacy schema', () => {
  propertyTest.prop([jsonSchemaArbitrary, fc.constantFrom('parameters', 'response' as const)], { numRuns: 300 })('valid, never throws, never mutates', (schema, purpose) => {
    const root = typeof schema === 'object' && schema !== null ? { ...schema, $defs: { Self: { type: 'object', properties: { next: { $ref: '#/$defs/Self' } } } } } : schema;
    const copy = structuredClone(root);
    const result = convertJsonSchemaToGeminiSchema(root, { path: 'p', purpose: purpose as 'parameters' | 'response' });
    expect(root).toEqual(copy);
    expect(validateGeminiLegacySchema(result.schema)).toEqual([]);
    if (purpose === 'parameters') expect(result.schema.type).toBe('OBJECT');
  });
});
