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
 * `zod/mini` (used for its small bundle) does not load a locale by itself; the classic API registers English the
 * first time a schema is built. This does the same: English messages unless the application configured a locale.
 */
export function ensureEnglishZodMessages(): void {
  if (!z.config().localeError) z.config(en());
}
