#!/usr/bin/env node
// Every package's `publishConfig.exports` (what pnpm publishes in place of `exports`) is its `exports` map without
// the workspace-only `@interlingua/source` condition, so published packages list `types` first and point at no
// source file. This script rewrites `publishConfig.exports` from `exports` in every packages/*/package.json;
// with --check it only reports the packages that are out of date (exit 1). Run it after adding or changing a subpath.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { stripSourceCondition } from './check-package.mjs';

const packagesDir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'packages');
const checkOnly = process.argv.includes('--check');
const stale = [];
for (const folder of readdirSync(packagesDir).sort()) {
  const file = join(packagesDir, folder, 'package.json');
  if (!existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (manifest.private || !manifest.exports) continue;
  const expected = stripSourceCondition(manifest.exports);
  if (isDeepStrictEqual(manifest.publishConfig?.exports, expected)) continue;
  stale.push(manifest.name);
  if (checkOnly) continue;
  manifest.publishConfig = { access: 'public', ...manifest.publishConfig, exports: expected };
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
}
if (stale.length === 0) console.log('publishConfig.exports is up to date in every package');
else console.log(`${checkOnly ? 'out of date' : 'updated'}: ${stale.join(', ')}`);
if (checkOnly && stale.length > 0) process.exit(1);
