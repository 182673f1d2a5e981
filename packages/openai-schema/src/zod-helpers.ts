import * as z from 'zod';

/**
 * A JSON integer, optionally bounded. Unlike `z.int()` there is no safe-integer bound: JSON Schema's `integer`
 * has none either, and the two validators must agree.
 */
export function jsonInteger(bounds: { min?: number; max?: number } = {}) {
  let schema = z.number();
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return schema.refine(Number.isInteger, { message: 'Invalid input: expected an integer' });
}

/** An object whose every value is of one type (JSON Schema `additionalProperties: <schema>`). */
export function jsonRecord<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value);
}
