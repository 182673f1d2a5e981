/**
 * The serializer writes exactly `JSON.stringify`'s text: for any JSON value (fast-check's `jsonValue`, with `-0`,
 * escapes and lone surrogates), for values with `undefined`, functions and symbols in objects and arrays, for values
 * that are not plain data (a `toJSON`, a `Date`, a class instance, a boxed string, a bigint: the same text or the same
 * error), and when a long string is repeated or replaced between calls (what it remembers must follow).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLongStringJsonSerializer } from './create-long-string-json-serializer.js';

const long = fc.string({ unit: 'binary', minLength: 8, maxLength: 40 }).map((piece) => piece.repeat(20));
const strings = fc.oneof(fc.string({ unit: 'binary' }), long, fc.constantFrom('"', '\\', '\n', '\u2028', '\ud800', '</script>'));
const leaf = fc.oneof(
  strings,
  fc.double(),
  fc.constantFrom(-0, 0, Number.NaN, Infinity, -Infinity, true, false, null, undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', '1', '01', 'toString')), tie('node'), { maxKeys: 4 }),
})).node;

describe('createLongStringJsonSerializer', () => {
  it('writes JSON.stringify\'s text for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(createLongStringJsonSerializer(4)(json)).toBe(JSON.stringify(json));
      }),
      { numRuns: 500 },
    );
  });

  it('writes JSON.stringify\'s text for plain data with values JSON leaves out, over calls that repeat long strings', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), fc.nat({ max: 64 }), (values, minLength) => {
        const write = createLongStringJsonSerializer(minLength);
        // Each value twice, then all of them again: remembered strings come back, and are replaced.
        for (const each of [...values, ...values.slice().reverse(), ...values]) expect(write(each)).toBe(JSON.stringify(each));
      }),
      { numRuns: 400 },
    );
  });

  it('hands what is not plain data to JSON.stringify', () => {
    const write = createLongStringJsonSerializer(1);
    class Point {
      constructor(readonly x: number) {}
    }
    const cases: unknown[] = [
      { at: new Date(0) },
      { custom: { toJSON: () => 'custom' } },
      [new Point(1)],
      // eslint-disable-next-line no-new-wrappers
      { boxed: new String('boxed') },
      Object.assign(Object.create(null), { bare: 'prototype' }),
      { nested: [[{ a: undefined, b: 'x'.repeat(10) }]] },
    ];
    for (const each of cases) expect(write(each)).toBe(JSON.stringify(each));
    expect(write(undefined)).toBeUndefined();
    expect(() => write({ big: 1n })).toThrow(TypeError);
    expect(() => JSON.stringify({ big: 1n })).toThrow(TypeError);
  });

  it('escapes a long text once however often it is written', () => {
    const write = createLongStringJsonSerializer(8);
    const text = 'say "hi"\n'.repeat(100);
    const calls: string[] = [];
    const original = JSON.stringify;
    JSON.stringify = ((...args: Parameters<typeof JSON.stringify>) => {
      if (args[0] === text) calls.push('text');
      return original(...args);
    }) as typeof JSON.stringify;
    try {
      expect(write({ text, part: { text }, output: [{ content: [{ text }] }] })).toBe(original({ text, part: { text }, output: [{ content: [{ text }] }] }));
    } finally {
      JSON.stringify = original;
    }
    expect(calls).toEqual(['text']);
  });
});
