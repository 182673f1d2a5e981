#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): how a fresh process's added latency at c=1 falls over its first thousands of
// requests. Every arm starts fresh against one mock upstream; requests go in blocks of 100 per arm, the arms' order
// rotated each block, 40 blocks by default. Prints, per arm, its added p50 over the direct call in M1's window
// (requests 301–3,100: M1's 300 warm-up requests, then its 7 × 400) and after it (3,101 on), then the added p50 of every
// block. M1 measures a fresh process, so what V8 has not optimised yet by then counts in it (BENCHMARKS.md, "A fresh
// process's first thousands of requests").
//
// Usage: node bench/diagnostics/warm-up-curve.mjs <arm> [<arm> …]   (lib/arm-spec.mjs: `floor`, `.`,
//        `.@--interrupt-budget=67584`, `floor@--interrupt-budget=16896`, `express:.` …)
//        LANE=anthropic|gemini|openai BLOCKS=40
import { startArmFromSpec } from '../lib/arm-spec.mjs';
import { createProbe } from '../lib/probe.mjs';
import { startMock } from '../lib/processes.mjs';
import { requestFor } from '../lib/requests.mjs';
import { quantile } from '../lib/stats.mjs';

const specs = process.argv.slice(2);
if (specs.length === 0) throw new Error('name at least one arm (lib/arm-spec.mjs)');
const lane = process.env.LANE ?? 'anthropic';
const blocks = Number(process.env.BLOCKS ?? 40);
const BLOCK = 100;
const WINDOW = [300, 3100]; // M1: 300 warm-up requests, then 7 rounds × 400

const mock = await startMock({ chunks: 64, intervalMs: 0 });
const arms = [{ spec: 'direct', server: { url: mock.url, armName: 'direct', stop: async () => {} } }];
for (const spec of specs) arms.push({ spec, server: await startArmFromSpec(spec, mock) });
for (const arm of arms) {
  arm.probe = createProbe(arm.server.url);
  arm.request = requestFor(arm.server.armName, lane, { mockUrl: mock.url });
  arm.samples = [];
}
for (let block = 0; block < blocks; block++) {
  for (let i = 0; i < arms.length; i++) {
    const arm = arms[(block + i) % arms.length];
    for (let n = 0; n < BLOCK; n++) arm.samples.push(await arm.probe.timeRequest(arm.request));
  }
}

const p50 = (values) => quantile(values, 0.5);
const direct = arms[0].samples;
const inWindow = (samples) => samples.slice(WINDOW[0], WINDOW[1]);
const after = (samples) => samples.slice(WINDOW[1]);
console.log(`${lane} lane, c=1, ${blocks} blocks of ${BLOCK} requests per arm; added p50 over the direct call, µs`);
for (const arm of arms.slice(1)) {
  const window = p50(inWindow(arm.samples)) - p50(inWindow(direct));
  const settled = after(arm.samples).length ? (p50(after(arm.samples)) - p50(after(direct))).toFixed(0) : 'n/a';
  const curve = [];
  for (let start = 0; start < arm.samples.length; start += BLOCK) curve.push(Math.round(p50(arm.samples.slice(start, start + BLOCK)) - p50(direct.slice(start, start + BLOCK))));
  console.log(`${arm.spec}: requests 301–3,100 ${window.toFixed(0)}; from 3,101 ${settled} | per block: ${curve.join(' ')}`);
}
for (const arm of arms) await arm.probe.close();
for (const arm of arms) await arm.server.stop();
await mock.stop();
process.exit(0);
