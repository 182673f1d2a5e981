import { defineConfig } from 'vitest/config';

/**
 * Shared Vitest settings for every package: tests run on the TypeScript sources through the
 * `@interlingua/source` export condition, so no build is needed between an edit and a test.
 */
const SOURCE = '@interlingua/source';
// Vite's own defaults (vite's defaultClientConditions / defaultServerConditions), after ours.
const defaultClientConditions = ['module', 'browser', 'development|production'];
const defaultServerConditions = ['module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
