#!/usr/bin/env node
// `pnpm fuzz`: the fuzz properties and the client-abort soak at full size (not part of CI, which runs the same tests
// at 500 runs per property and 1,000 streams). Usage: pnpm fuzz [runs per property] [soak streams]
//   INTERLINGUA_FUZZ_SEED=<n> replays a run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runs = Number(process.argv[2] ?? 100_000);
const streams = Number(process.argv[3] ?? 10_000);
const summary = join(mkdtempSync(join(tmpdir(), 'interlingua-fuzz-')), 'summary.jsonl');
const env = {
  ...process.env,
  INTERLINGUA_FUZZ_RUNS: String(runs),
  INTERLINGUA_SOAK_STREAMS: String(streams),
  INTERLINGUA_FUZZ_SUMMARY: summary,
};
const vitest = join(root, 'node_modules', '.bin', 'vitest');
const started = Date.now();
let failed = false;
for (const args of [
  ['run', '--project', '@interlingua/gateway', 'test/fuzz'],
  ['run', '--project', '@interlingua/express', 'src/client-abort-soak.test.ts'],
]) {
  console.log(`\n$ vitest ${args.join(' ')}  (runs=${runs}, streams=${streams})`);
  const result = spawnSync(vitest, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
console.log('\nFuzz summary');
if (existsSync(summary)) {
  for (const line of readFileSync(summary, 'utf8').trim().split('\n')) {
    const entry = JSON.parse(line);
    const count = entry.runs ?? entry.streams;
    console.log(`  ${entry.property}: ${count} in ${entry.seconds} s${entry.heapGrowthMiB !== undefined ? `, heap growth ${entry.heapGrowthMiB} MiB, upstream aborted ${entry.upstreamAborted}/${entry.upstreamRequests}` : ''}`);
  }
}
console.log(`  total: ${Math.round((Date.now() - started) / 1000)} s, ${failed ? 'FAILED' : 'all properties held'}`);
process.exit(failed ? 1 : 0);
