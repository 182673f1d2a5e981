import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'bench'],
    // The JSON report is what `.ci/run` counts for its closing line.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
