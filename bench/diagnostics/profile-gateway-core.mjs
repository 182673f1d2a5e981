#!/usr/bin/env node
// Diagnostic: where the gateway core's CPU and allocations go per non-streamed request, in process, upstream from
// memory (bench/in-process/lib/memory-lane.mjs). Runs a lane under the inspector's sampling CPU profiler and
// sampling heap profiler and prints the top functions by self CPU time, by inclusive CPU time (the function and what it
// calls) and by bytes allocated (self), per request.
// Usage: node bench/diagnostics/profile-gateway-core.mjs [--source] [lane]   (anthropic | gemini | openai-compatible;
//        --source: the working tree bundled by esbuild instead of the built packages/gateway/dist;
//        BENCH_PROFILE_REQUESTS, default 20000; BENCH_PROFILE_TOP, default 25)
import { mkdtempSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMemoryLane } from '../in-process/lib/memory-lane.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fromSource = process.argv.includes('--source');
const laneName = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'anthropic';
let gatewayUrl = pathToFileURL(join(root, 'packages', 'gateway', 'dist', 'index.js')).href;
if (fromSource) {
  // The working tree's TypeScript (every workspace package by its @interlingua/source condition), bundled unminified
  // so the profile names the source functions.
  const { build } = createRequire(join(root, 'packages', 'workers', 'package.json'))('esbuild');
  const out = join(mkdtempSync(join(tmpdir(), 'interlingua-profile-')), 'gateway.mjs');
  await build({
    entryPoints: [join(root, 'packages', 'gateway', 'src', 'index.ts')],
    bundle: true, format: 'esm', platform: 'node', target: 'es2022', conditions: ['@interlingua/source'],
    outfile: out, logLevel: 'silent'
  });
  gatewayUrl = pathToFileURL(out).href;
}
const { createGatewayCore } = await import(gatewayUrl);
const REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 20000);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 25);
const lane = createMemoryLane(root, createGatewayCore, laneName);
await lane.serve(3000);

const session = new Session();
session.connect();
const where = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(packages|node_modules)\//, '$1/').replace(/^.*interlingua-profile-[^/]*\//, '')}:${frame.lineNumber + 1}`;

// Bytes allocated, by function (self), from the sampling heap profiler (every sample stands for ~samplingInterval bytes).
await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
await lane.serve(REQUESTS);
const { profile: heap } = await session.post('HeapProfiler.stopSampling');
const bytes = new Map();
const walk = (node) => {
  const key = where(node.callFrame);
  bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
  node.children.forEach(walk);
};
walk(heap.head);
const totalBytes = [...bytes.values()].reduce((a, b) => a + b, 0);

// CPU, by function (self), from the sampling CPU profiler.
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const before = process.cpuUsage();
await lane.serve(REQUESTS);
const used = process.cpuUsage(before);
const { profile: cpu } = await session.post('Profiler.stop');
const hits = new Map();
const byId = new Map(cpu.nodes.map((node) => [node.id, node]));
for (const id of cpu.samples) {
  const key = where(byId.get(id).callFrame);
  hits.set(key, (hits.get(key) ?? 0) + 1);
}
const totalHits = cpu.samples.length;
// Inclusive time: a sample counts once for every distinct function on its stack (self and callers).
const parents = new Map();
for (const node of cpu.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const inclusive = new Map();
for (const id of cpu.samples) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parents.get(at)) {
    const key = where(byId.get(at).callFrame);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + 1);
  }
}
const cpuMicrosPerRequest = (used.user + used.system) / REQUESTS;

const top = (map, total, unit) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([key, value]) => ({ where: key, share: Math.round((value / total) * 1000) / 10, perRequest: Math.round(unit(value)) }));
process.stdout.write(
  `${JSON.stringify(
    {
      lane: laneName,
      requests: REQUESTS,
      cpuMicrosPerRequest: Math.round(cpuMicrosPerRequest * 10) / 10,
      bytesPerRequest: Math.round(totalBytes / REQUESTS),
      cpuSelf: top(hits, totalHits, (value) => ((value / totalHits) * cpuMicrosPerRequest * 1000)),
      cpuInclusive: top(inclusive, totalHits, (value) => ((value / totalHits) * cpuMicrosPerRequest * 1000)),
      bytesSelf: top(bytes, totalBytes, (value) => value / REQUESTS),
    },
    null,
    1,
  )}\n`,
);
session.disconnect();
