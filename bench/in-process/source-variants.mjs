#!/usr/bin/env node
// Diagnostic: one gateway source file at a git revision against the working tree, in one process, interleaved.
// Each variant is bundled by esbuild (the case's entry, with the file's text at the revision or in the working tree;
// everything else from the working tree), and
// `BENCH_VARIANT_CASE` names what to run per iteration. Reports CPU µs per call (process.cpuUsage per block, median
// over rounds, variants' order rotated) and the median of the per-round after/before ratios.
// Usage: node [--expose-gc --max-semi-space-size=64 --min-semi-space-size=64] bench/in-process/source-variants.mjs <revision> <case>
//   cases: read-upstream-body   readUpstreamBody of a one-chunk 1.3 KB reply (packages/gateway/src/read-upstream-body.ts)
//          read-request-body    readRequestBody of the text request in one chunk (BENCH_VARIANT_BODY_KIB: a larger one)
//          open-byte-reader     the read-request-body case with packages/gateway/src/open-byte-reader.ts swapped
//          gateway-core         createGatewayCore (packages/gateway/src/create-gateway.ts, the rest of the gateway bundled
//                               from the working tree), one request of the memory lane (BENCH_VARIANT_LANE, default anthropic)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMemoryLane } from './lib/memory-lane.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { build } = createRequire(join(root, 'packages', 'workers', 'package.json'))('esbuild');
const [revision, caseName] = process.argv.slice(2);
const ROUNDS = Number(process.env.BENCH_VARIANT_ROUNDS ?? 9);

const CASES = {
  'read-upstream-body': {
    file: 'packages/gateway/src/read-upstream-body.ts',
    iterations: 20000,
    setup(module) {
      const reply = new TextEncoder().encode(JSON.stringify(JSON.parse(readFileSync(join(root, 'fixtures/anthropic/text/upstream-response.json'), 'utf8')).body));
      const headers = { get: () => null };
      const controller = new AbortController();
      return async () => {
        const result = await module.readUpstreamBody(
          { status: 200, headers, body: (async function* () { yield reply; })() },
          { controller, idleTimeoutMs: 60_000, maxBytes: 1 << 20 },
        );
        if (!result.ok) throw new Error('read failed');
      };
    },
  },
  'open-byte-reader': {
    file: 'packages/gateway/src/open-byte-reader.ts',
    entry: 'packages/gateway/src/read-request-body.ts',
    get iterations() {
      return CASES['read-request-body'].iterations;
    },
    setup: (module) => CASES['read-request-body'].setup(module),
  },
  'read-request-body': {
    file: 'packages/gateway/src/read-request-body.ts',
    iterations: 5000,
    setup(module) {
      // BENCH_VARIANT_BODY_KIB: a request of that many KiB (one user message), else the 146-byte text request.
      const request = JSON.parse(readFileSync(join(root, 'fixtures/anthropic/text/request.json'), 'utf8'));
      const kib = Number(process.env.BENCH_VARIANT_BODY_KIB ?? 0);
      if (kib > 0) request.messages[0].content = 'x'.repeat(kib * 1024);
      const body = new TextEncoder().encode(JSON.stringify(request));
      const length = String(body.byteLength);
      const deadline = { timeoutMs: 600_000, expired: false, onExpire: () => () => {}, dispose() {} };
      const header = (name) => (name === 'content-length' ? length : null);
      return async () => {
        const result = await module.readRequestBody({ method: 'POST', path: '/', header, body: (async function* () { yield body; })() }, 1 << 22, deadline);
        if (!result.ok) throw new Error('read failed');
      };
    },
  },
  'gateway-core': {
    file: 'packages/gateway/src/create-gateway.ts',
    iterations: 2000,
    setup(module) {
      const lane = createMemoryLane(root, module.createGatewayCore, process.env.BENCH_VARIANT_LANE ?? 'anthropic');
      return () => lane.serve(1);
    },
  },
};

const spec = CASES[caseName];
if (!revision || !spec) throw new Error(`usage: source-variants.mjs <revision> <${Object.keys(CASES).join('|')}>`);
const directory = mkdtempSync(join(tmpdir(), 'interlingua-variants-'));
// The case's entry (its `entry`, else its `file`) bundled with `file`'s text replaced by the variant's.
async function bundle(name, contents) {
  const swapped = join(root, spec.file);
  const result = await build({
    entryPoints: [join(root, spec.entry ?? spec.file)],
    bundle: true, format: 'esm', platform: 'node', target: 'es2022', write: false, logLevel: 'silent',
    plugins: [{
      name: 'variant',
      setup(build) {
        build.onLoad({ filter: /\.ts$/ }, (args) => (args.path === swapped ? { contents, loader: 'ts', resolveDir: dirname(swapped) } : undefined));
      },
    }],
  });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, result.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
const before = await bundle('before', execFileSync('git', ['show', `${revision}:${spec.file}`], { cwd: root, encoding: 'utf8' }));
const after = await bundle('after', readFileSync(join(root, spec.file), 'utf8'));
const runs = { before: spec.setup(before), after: spec.setup(after) };

async function measure(run, iterations) {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const name of ['before', 'after']) await measure(runs[name], spec.iterations);
const samples = { before: [], after: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 ? ['after', 'before'] : ['before', 'after']) samples[name].push(await measure(runs[name], spec.iterations));
}
// With --expose-gc (and --max-semi-space-size=64 --min-semi-space-size=64): heap bytes allocated per call.
async function heapBytes(run) {
  const samples = [];
  for (let sample = 0; sample < 5; sample++) {
    globalThis.gc();
    const start = process.memoryUsage().heapUsed;
    for (let i = 0; i < 300; i++) await run();
    samples.push((process.memoryUsage().heapUsed - start) / 300);
  }
  return Math.round(median(samples));
}
const heap = typeof globalThis.gc === 'function' ? { before: await heapBytes(runs.before), after: await heapBytes(runs.after) } : null;
const round2 = (value) => Math.round(value * 100) / 100;
process.stdout.write(`${JSON.stringify({
  case: caseName,
  revision,
  rounds: ROUNDS,
  beforeMicros: round2(median(samples.before)),
  afterMicros: round2(median(samples.after)),
  ratio: round2(median(samples.after.map((value, i) => value / samples.before[i]))),
  ...(heap ? { beforeHeapBytes: heap.before, afterHeapBytes: heap.after } : {}),
})}\n`);
