#!/usr/bin/env node
// The Workers bundle size: packages/workers/scripts/bundle-worker.mjs bundles the Worker as wrangler does (esbuild,
// ESM, browser platform, workerd conditions, minified); this measures the minified and the min+gzip bytes.
// Prints one JSON object on stdout.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from './lib/processes.mjs';

const { bundleWorker } = await import(pathToFileURL(join(repositoryRoot, 'packages', 'workers', 'scripts', 'bundle-worker.mjs')).href);
const code = await bundleWorker();
const minifiedBytes = Buffer.byteLength(code);
const gzipBytes = gzipSync(code, { level: 9 }).length;
process.stdout.write(`${JSON.stringify({ minifiedBytes, gzipBytes, gzipKB: Math.round(gzipBytes / 100) / 10, gzipKiB: Math.round((gzipBytes / 1024) * 10) / 10, gzipLevel: 9 })}\n`);
