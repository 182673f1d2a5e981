#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): where one request's CPU goes at c=1, the way M1 sends requests (one at a
// time, the next once the reply is read), for `serve` or the translating floor: a V8 CPU profile (25 µs interval) of
// the arm over N sequential requests after 4,000 warm-up requests, summarised as self time per request by package and
// by function over the last N requests' span (the tail of the profile; the arm is stopped right after). IDLE_MS
// adds a pause of the load generator (a busy wait on its own CPU) between requests, during which the arm idles.
// Compare with cpu-profile-serve.mjs (c=8, the CPU never idle): the same steps cost several times more here.
// Usage: node bench/diagnostics/cpu-profile-c1.mjs [serve|floor-translate|express]   LANE=anthropic N=3000 IDLE_MS=0 TOP=30
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProbe } from '../lib/probe.mjs';
import { ARMS, sleep, startMock } from '../lib/processes.mjs';
import { summariseCpuProfile } from '../lib/cpu-profile-summary.mjs';
import { requestFor } from '../lib/requests.mjs';

const lane = process.env.LANE ?? 'anthropic';
const armName = process.argv[2] ?? 'serve';
const count = Number(process.env.N ?? 3000);
const idleMs = Number(process.env.IDLE_MS ?? 0);
const directory = mkdtempSync(join(tmpdir(), `interlingua-c1-profile-${armName}-`));
const mock = await startMock({});
const arm = await ARMS[armName].start(mock, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`, '--cpu-prof-interval=25'] });
const probe = createProbe(arm.url);
const request = requestFor(armName, lane, { mockUrl: mock.url });
const once = () => probe.timeRequest(request);
for (let i = 0; i < 4000; i++) await once();
const started = performance.now();
for (let i = 0; i < count; i++) {
  await once();
  const until = performance.now() + idleMs;
  while (performance.now() < until);
}
const spanMicros = (performance.now() - started) * 1000;
await probe.close();
await arm.stop();
await sleep(500);
await mock.stop();

const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(directory, file), 'utf8'));
let clock = 0;
const times = profile.timeDeltas.map((delta) => (clock += delta));
const from = times.at(-1) - spanMicros;
// The measured requests' span (the tail of the profile), busy samples only.
const { total: busy, byPackage, byFunction } = summariseCpuProfile(profile, (i, node) => times[i] >= from && node.callFrame.functionName !== '(idle)');
const perRequest = (micros) => (micros / count).toFixed(2).padStart(8);
console.log(`${armName}, ${lane} lane, c=1, idle ${idleMs} ms between requests: ${perRequest(busy).trim()} µs busy per request (profiler overhead included); profile ${join(directory, file)}`);
console.log('\nself time by package (µs per request):');
for (const [name, micros] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${perRequest(micros)}  ${name}`);
console.log('\nself time by function (µs per request):');
for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(`${perRequest(micros)}  ${name}`);
process.exit(0);
