#!/usr/bin/env node
// The Workers bundle size: packages/workers/scripts/bundle-worker.mjs bundles the Worker as wrangler does (esbuild,
// ESM, browser platform, workerd conditions, minified); this measures the minified and the min+gzip bytes.
// Prints one JSON object on stdout: the default Worker's sizes, the budget it is held to (`budgetBytes`), and the
// demo Worker's sizes under `demoWorker`.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from './lib/processes.mjs';

const { bundleWorker } = await import(pathToFileURL(join(repositoryRoot, 'packages', 'workers', 'scripts', 'bundle-worker.mjs')).href);
const { BUNDLE_BUDGET_BYTES } = await import(pathToFileURL(join(repositoryRoot, 'packages', 'workers', 'scripts', 'bundle-budget.mjs')).href);
const measure = async (entry) => {
  const code = await bundleWorker({ entry });
  const minifiedBytes = Buffer.byteLength(code);
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  return { minifiedBytes, gzipBytes, gzipKB: Math.round(gzipBytes / 100) / 10, gzipKiB: Math.round((gzipBytes / 1024) * 10) / 10, gzipLevel: 9 };
};
// The default Worker (src/index.ts, what wrangler.toml deploys) is the measured one; the demo Worker, which adds the
// offline replay recordings, is reported beside it.
const result = await measure('index.ts');
process.stdout.write(`${JSON.stringify({ ...result, budgetBytes: BUNDLE_BUDGET_BYTES, demoWorker: await measure('demo-worker.ts') })}\n`);
