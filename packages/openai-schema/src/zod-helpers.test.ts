import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { compileSchemaChecker } from './compile-schema-checker.js';
import { jsonObjectAsIs } from './zod-helpers.js';

describe('jsonObjectAsIs', () => {
  // What JSON.parse builds for `{"__proto__": …}`: an own member, not a prototype.
  const withProtoMember = () => JSON.parse('{"__proto__":{"city":"Paris"},"unit":"C"}') as Record<string, unknown>;

  it('returns the object it was given, a member named __proto__ included (z.record leaves that member out)', () => {
    const args = withProtoMember();
    const parsed = jsonObjectAsIs().parse(args);
    expect(parsed).toBe(args);
    expect(JSON.stringify(parsed)).toBe('{"__proto__":{"city":"Paris"},"unit":"C"}');
    expect(JSON.stringify(z.record(z.string(), z.unknown()).parse(withProtoMember()))).toBe('{"unit":"C"}');
  });

  it.each([[[1, 2]], [null], ['{}'], [3]])('rejects %j as not an object', (value) => {
    const result = jsonObjectAsIs().safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Invalid input: expected object');
  });

  it('is modelled by compileSchemaChecker, so a reply carrying it keeps the fast path', () => {
    const check = compileSchemaChecker(z.looseObject({ args: z.optional(jsonObjectAsIs()) }));
    expect(check({ args: withProtoMember() })).toBe(true);
    expect(check({})).toBe(true);
    expect(check({ args: [] })).toBe(false);
    expect(check({ args: 'x' })).toBe(false);
  });
});
