#!/usr/bin/env node
// Bundles the Worker the way wrangler does (esbuild, ESM, browser platform with the workerd condition, minified)
// and prints its size. `--out <file>` writes the bundle; `--entry demo-worker.ts` bundles the Worker with the replay
// recordings instead of the default one; the size report goes to stdout.
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export async function bundleWorker({ minify = true, source = true, entry = 'index.ts' } = {}) {
  const here = dirname(fileURLToPath(import.meta.url));
  const result = await build({
    entryPoints: [join(here, '..', 'src', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: [...(source ? ['@interlingua/source'] : []), 'workerd', 'worker', 'browser'],
    minify,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entryFlag = process.argv.indexOf('--entry');
  const code = await bundleWorker(entryFlag > 0 ? { entry: process.argv[entryFlag + 1] } : {});
  const out = process.argv.indexOf('--out');
  if (out > 0) writeFileSync(process.argv[out + 1], code);
  const gzip = gzipSync(code).length;
  console.log(`Worker bundle: ${(code.length / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB min+gzip`);
}
