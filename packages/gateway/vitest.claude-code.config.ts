import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** The live Claude Code test (test/claude-code/claude-code.live.ts), run on demand: see that file. */
export default defineConfig({
  resolve: shared.resolve,
  ssr: shared.ssr,
  test: { include: ['test/claude-code/*.live.ts'], testTimeout: 150_000 },
});
