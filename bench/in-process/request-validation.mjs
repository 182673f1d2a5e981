#!/usr/bin/env node
// Diagnostic (not a published metric): what validating a Chat Completions request costs in process, zod alone (the
// validation before the compiled checker) against the checker first (what `parseChatCompletionRequest` does now),
// measured in the same process and interleaved, so the ratio holds on a busy machine where absolute µs drift.
//   parse:<corpus>   JSON.parse of the body text, then the validation (the `json` row is JSON.parse alone)
//                    text      fixtures/anthropic/text/request.json (the 165-byte request of BENCHMARKS.md)
//                    fixtures  every fixtures/*/*/request.json zod accepts, in turn
//                    rejected  every one zod rejects, or three broken requests when none is (both variants then run
//                              zod to describe the problem)
//                    large     the text request with a 64 KiB user message
//   core:<lane>      createGatewayCore, GatewayRequest in → reply text out, upstream answered from memory with the
//                    lane's recorded reply (anthropic/text, gemini/js-genai-text, openai-compatible/seed-say-test);
//                    the log line is JSON.stringify'd as the default logger does, without writing it
// CPU µs per request (process.cpuUsage) per block; ROUNDS rounds, the variants' order rotated each round; reported:
// the median per variant, and the median of the per-round ratios (paired, so drift between rounds cancels).
// With --expose-gc (and --max-semi-space-size=64 so no scavenge runs inside a sample): heap bytes allocated per
// request (heapUsed delta over a block), median of 5.
// Needs built packages (`npx -y pnpm@10.34.9 turbo run build --filter=@interlingua/gateway...`).
// Usage: node --expose-gc --max-semi-space-size=64 bench/in-process/request-validation.mjs   (one JSON object on stdout,
//        a table on stderr; BENCH_VALIDATION_ROUNDS (default 9), BENCH_VALIDATION_SCALE (default 1) multiply the work)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMemoryLane, LANES } from './lib/memory-lane.mjs';

register('./lib/validation-hooks.mjs', import.meta.url);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (pkg) => import(pathToFileURL(join(root, 'packages', pkg, 'dist', 'index.js')).href);
const { createGatewayCore } = await load('gateway');
// Through the hooks: the same module the gateway gets, with the bench switch.
const { parseChatCompletionRequest } = await import('@interlingua/openai-schema');

const ROUNDS = Number(process.env.BENCH_VALIDATION_ROUNDS ?? 9);
const SCALE = Number(process.env.BENCH_VALIDATION_SCALE ?? 1);
const VARIANTS = ['zod', 'fast'];
const setVariant = (variant) => {
  globalThis.__interlinguaZodOnly = variant === 'zod';
};

const readJson = (path) => JSON.parse(readFileSync(join(root, 'fixtures', path), 'utf8'));
const fixtureTexts = readdirSync(join(root, 'fixtures'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((provider) =>
    readdirSync(join(root, 'fixtures', provider.name))
      .map((name) => join(root, 'fixtures', provider.name, name, 'request.json'))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8')),
  );
setVariant('zod');
const accepted = fixtureTexts.filter((text) => parseChatCompletionRequest(JSON.parse(text)).ok);
const rejected = fixtureTexts.filter((text) => !parseChatCompletionRequest(JSON.parse(text)).ok);
const textRequest = readJson('anthropic/text/request.json');
const large = structuredClone(textRequest);
large.messages[0].content = 'All work and no play makes Jack a dull boy. '.repeat(1490).slice(0, 64 * 1024);
// Rejections: the fixtures zod rejects, or (when none does) three broken variants of the text request.
const broken = [
  { ...textRequest, temperature: 3 },
  { messages: textRequest.messages },
  { ...textRequest, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 1 } }] }] },
].map((request) => JSON.stringify(request));
const corpora = {
  text: [JSON.stringify(textRequest)],
  fixtures: accepted,
  rejected: rejected.length ? rejected : broken,
  large: [JSON.stringify(large)],
};

// ---- measurement ----

function cpuMicros(run, iterations) {
  const before = process.cpuUsage();
  run(iterations);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}

async function cpuMicrosAsync(run, iterations) {
  const before = process.cpuUsage();
  await run(iterations);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / iterations;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round2 = (value) => Math.round(value * 100) / 100;

async function heapBytesPerRequest(run, iterations) {
  if (typeof globalThis.gc !== 'function') return null;
  const samples = [];
  for (let sample = 0; sample < 5; sample++) {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    await run(iterations);
    samples.push((process.memoryUsage().heapUsed - before) / iterations);
  }
  return Math.round(median(samples));
}

/** Runs every variant ROUNDS times in rotated order; `measure(variant)` returns µs per request. */
async function interleave(variants, measure) {
  for (const variant of variants) {
    setVariant(variant);
    await measure(variant);
    await measure(variant);
  }
  const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let index = 0; index < variants.length; index++) {
      const variant = variants[(index + round) % variants.length];
      setVariant(variant);
      samples[variant].push(await measure(variant));
    }
  }
  return samples;
}

const result = {
  rounds: ROUNDS,
  scale: SCALE,
  node: process.version,
  gcExposed: typeof globalThis.gc === 'function',
  note: 'CPU µs per request in one process; ratio = median of per-round fast/zod ratios',
  parse: {},
  core: {},
};

// ---- parse: JSON.parse + validation ----

for (const [name, texts] of Object.entries(corpora)) {
  const perBlock = Math.max(1, Math.round((name === 'large' ? 400 : 4000) * SCALE / texts.length)) * texts.length;
  const parseOnly = (iterations) => {
    let sink = 0;
    for (let i = 0; i < iterations; i++) sink += JSON.parse(texts[i % texts.length]) === null ? 1 : 0;
    return sink;
  };
  const validate = (iterations) => {
    let sink = 0;
    for (let i = 0; i < iterations; i++) sink += parseChatCompletionRequest(JSON.parse(texts[i % texts.length])).ok ? 1 : 0;
    return sink;
  };
  const samples = await interleave(['json', ...VARIANTS], (variant) => cpuMicros(variant === 'json' ? parseOnly : validate, perBlock));
  const json = median(samples.json);
  const row = { requests: texts.length, bytes: Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length) };
  for (const variant of ['json', ...VARIANTS]) row[`${variant}Micros`] = round2(median(samples[variant]));
  row.zodValidationMicros = round2(median(samples.zod) - json);
  row.fastValidationMicros = round2(median(samples.fast) - json);
  row.ratioTotal = round2(median(samples.fast.map((fast, i) => fast / samples.zod[i])));
  row.ratioValidation = round2(median(samples.fast.map((fast, i) => (fast - samples.json[i]) / (samples.zod[i] - samples.json[i]))));
  for (const variant of VARIANTS) {
    setVariant(variant);
    row[`${variant}HeapBytes`] = await heapBytesPerRequest(async (iterations) => validate(iterations), Math.min(perBlock, 1000));
  }
  result.parse[name] = row;
}

// ---- core: the gateway in process, upstream from memory ----

for (const lane of Object.keys(LANES)) {
  const memoryLane = createMemoryLane(root, createGatewayCore, lane);
  await memoryLane.serve(1);
  const perBlock = Math.round(1000 * SCALE);
  const samples = await interleave(VARIANTS, () => cpuMicrosAsync(memoryLane.serve, perBlock));
  const row = {};
  for (const variant of VARIANTS) row[`${variant}Micros`] = round2(median(samples[variant]));
  row.savedMicros = round2(median(samples.zod) - median(samples.fast));
  row.ratio = round2(median(samples.fast.map((fast, i) => fast / samples.zod[i])));
  for (const variant of VARIANTS) {
    setVariant(variant);
    row[`${variant}HeapBytes`] = await heapBytesPerRequest(memoryLane.serve, 300);
  }
  result.core[lane] = row;
  if (!memoryLane.lastLine.includes('"status":200')) throw new Error('the log line was not written');
}

process.stdout.write(`${JSON.stringify(result)}\n`);
const lines = ['| stage | zod µs | checker µs | ratio | zod heap B | checker heap B |', '|---|---|---|---|---|---|'];
for (const [name, row] of Object.entries(result.parse)) {
  lines.push(`| parse:${name} (JSON.parse ${row.jsonMicros} µs) | ${row.zodMicros} (validation ${row.zodValidationMicros}) | ${row.fastMicros} (validation ${row.fastValidationMicros}) | ${row.ratioTotal} (validation ${row.ratioValidation}) | ${row.zodHeapBytes ?? '–'} | ${row.fastHeapBytes ?? '–'} |`);
}
for (const [lane, row] of Object.entries(result.core)) {
  lines.push(`| core:${lane} | ${row.zodMicros} | ${row.fastMicros} | ${row.ratio} | ${row.zodHeapBytes ?? '–'} | ${row.fastHeapBytes ?? '–'} |`);
}
process.stderr.write(`${lines.join('\n')}\n`);
