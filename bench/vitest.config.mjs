import { defineConfig } from 'vitest/config';

// The benchmark's own checks (not benchmarks: nothing here measures time): BENCHMARKS.md's tables against the raw records.
export default defineConfig({
  test: {
    name: 'bench',
    include: ['*.test.mjs'],
    testTimeout: 60_000,
  },
});
