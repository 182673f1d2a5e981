#!/usr/bin/env node
// Kept for its old name: scores Portkey only, with score-peers.mjs (which scores every peer; see there).
//   node scripts/conformance/score-portkey.mjs [--skip-interlingua]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'score-peers.mjs');
const result = spawnSync(process.execPath, [script, '--only', 'portkey', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = result.status ?? 1;
