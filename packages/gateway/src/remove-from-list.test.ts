import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeFromList } from './remove-from-list.js';

describe('removeFromList', () => {
  it('removes the first occurrence in place, keeping the order, as splice does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 8 }), fc.integer({ min: 0, max: 6 }), (items, item) => {
        const list = [...items];
        const expected = [...items];
        const index = expected.indexOf(item);
        if (index !== -1) expected.splice(index, 1);
        removeFromList(list, item);
        expect(list).toEqual(expected);
      }),
    );
  });

  it('leaves a list without the item as it was', () => {
    const list = [1, 2];
    removeFromList(list, 3);
    expect(list).toEqual([1, 2]);
  });
});
