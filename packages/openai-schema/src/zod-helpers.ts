import { en } from 'zod/locales';
import * as z from 'zod/mini';

/**
 * A JSON integer, optionally bounded. Unlike `z.int()` there is no safe-integer bound: JSON Schema's `integer`
 * has none either, and the two validators must agree.
 */
export function jsonInteger(bounds: { min?: number; max?: number } = {}) {
  const checks: z.core.$ZodCheck<number>[] = [];
  if (bounds.min !== undefined) checks.push(z.gte(bounds.min));
  if (bounds.max !== undefined) checks.push(z.lte(bounds.max));
  checks.push(z.refine(Number.isInteger, { message: 'Invalid input: expected an integer' }));
  return z.number().check(...checks);
}

/** An object whose every value is of one type (JSON Schema `additionalProperties: <schema>`). */
export function jsonRecord<T extends z.core.$ZodType>(value: T) {
  return z.record(z.string(), value);
}

/**
 * A JSON object of free-form members (a function call's arguments), validated as an object and returned as it came.
 * `z.record` and `z.looseObject` build a new object and leave out a member named `__proto__` (so that parsing never
 * sets a prototype); in arguments a model wrote, that member is data the client must receive. Built as `unknown`
 * with a refinement (not `z.custom`) so that `compileSchemaChecker` models it and the fast path stays open.
 */
export function jsonObjectAsIs(): z.ZodMiniType<Record<string, unknown>> {
  const schema = z.unknown().check(z.refine(isJsonObject, { message: 'Invalid input: expected object' }));
  return schema as unknown as z.ZodMiniType<Record<string, unknown>>;
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `zod/mini` (used for its small bundle) does not load a locale by itself; the classic API registers English the
 * first time a schema is built. This does the same: English messages unless the application configured a locale.
 */
export function ensureEnglishZodMessages(): void {
  if (!z.config().localeError) z.config(en());
}
