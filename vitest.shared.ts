import { defineConfig } from 'vitest/config';

/**
 * Shared Vitest settings for every package: tests run on the TypeScript sources through the
 * `@interlingua/source` export condition, so no build is needed between an edit and a test.
 */
const conditions = ['@interlingua/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
