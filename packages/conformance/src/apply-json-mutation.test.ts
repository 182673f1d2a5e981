import { describe, expect, it } from 'vitest';
import { applyJsonMutation } from './apply-json-mutation.js';

describe('applyJsonMutation', () => {
  const value = { a: [1, { b: 'x' }], c: null };
  // Paths in order: [], [a], [a,0], [a,1], [a,1,b], [c].
  it('replaces, deletes, adds a key, empties and wraps at the chosen path, leaving the input unchanged', () => {
    expect(applyJsonMutation(value, { at: 4, kind: 'replace', value: 2, key: '' })).toEqual({ a: [1, { b: 2 }], c: null });
    expect(applyJsonMutation(value, { at: 2, kind: 'delete', value: 0, key: '' })).toEqual({ a: [{ b: 'x' }], c: null });
    expect(applyJsonMutation(value, { at: 3, kind: 'add-key', value: true, key: 'k' })).toEqual({ a: [1, { b: 'x', k: true }], c: null });
    expect(applyJsonMutation(value, { at: 1, kind: 'empty', value: 0, key: '' })).toEqual({ a: [], c: null });
    expect(applyJsonMutation(value, { at: 5, kind: 'wrap', value: 0, key: '' })).toEqual({ a: [1, { b: 'x' }], c: [null] });
    expect(value).toEqual({ a: [1, { b: 'x' }], c: null });
  });

  it('adds an own __proto__ key as JSON.parse would', () => {
    const result = applyJsonMutation({}, { at: 0, kind: 'add-key', value: 1, key: '__proto__' }) as object;
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});
