import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoTime } from './format-iso-time.js';

describe('formatIsoTime', () => {
  it('is exactly Date#toISOString for any time, in any order (the cached second changes back and forth)', () => {
    const times = fc.oneof(
      fc.integer({ min: 0, max: 253402300799999 }),
      // Neighbouring milliseconds around now, where one second's prefix is reused.
      fc.integer({ min: 1_765_000_000_000, max: 1_765_000_003_000 }),
      fc.double({ min: 0, max: 4e12, noNaN: true }),
      fc.integer({ min: -1e13, max: -1 }),
      fc.integer({ min: 253402300800000, max: 8.64e15 }),
    );
    fc.assert(
      fc.property(fc.array(times, { minLength: 1, maxLength: 20 }), (list) => {
        for (const ms of list) expect(formatIsoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('pads the milliseconds', () => {
    expect(formatIsoTime(Date.UTC(2026, 11, 6, 20, 8, 15, 7))).toBe('2026-12-06T20:08:15.007Z');
    expect(formatIsoTime(Date.UTC(2026, 11, 6, 20, 8, 15, 70))).toBe('2026-12-06T20:08:15.070Z');
    expect(formatIsoTime(Date.UTC(2026, 11, 6, 20, 8, 15, 700))).toBe('2026-12-06T20:08:15.700Z');
  });
});
