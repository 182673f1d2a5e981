#!/usr/bin/env node
// Diagnostic (not a published metric): what parsing an upstream's non-stream reply costs in process, zod alone (the
// parse before the compiled checker) against the checker first (what `parseAnthropicMessage` and
// `parseGeminiGenerateContentResponse` do now), measured in the same process and interleaved, so the ratio holds on a
// busy machine where absolute µs drift.
//   parse:<provider>:<corpus>    JSON.parse of the reply text, then the reply parse (the `json` column is JSON.parse alone)
//   mapper:<provider>:<corpus>   JSON.parse, then convertAnthropicResponseToOpenAI / convertGeminiResponseToOpenAI
//                                (the whole mapper, its reply parse switched by `lib/reply-validation-hooks.mjs`)
//     text      the lane's recorded reply (fixtures/anthropic/text, fixtures/gemini/js-genai-text)
//     fixtures  every fixtures/*/*/upstream-response.json body the provider's zod schema accepts, in turn
//               (Gemini: those with candidates or a block reason; its loose schema accepts any object)
//     rejected  Anthropic: every error body of the fixtures (both variants run zod; the mapper maps the error)
//   core:<lane>                  createGatewayCore, GatewayRequest in → reply text out, upstream answered from memory
//                                with the lane's recorded reply (`lib/memory-lane.mjs`)
// CPU µs per reply (process.cpuUsage) per block; ROUNDS rounds, the variants' order rotated each round; reported: the
// median per variant, and the median of the per-round ratios (paired, so drift between rounds cancels).
// With --expose-gc (and --max-semi-space-size=64 so no scavenge runs inside a sample): heap bytes allocated per reply
// (heapUsed delta over a block), median of 5.
// Needs built packages (`npx -y pnpm@10.34.9 turbo run build --filter=@interlingua/gateway...`).
// Usage: node --expose-gc --max-semi-space-size=64 --min-semi-space-size=64 bench/in-process/reply-validation.mjs
//        (one JSON object on stdout, a table on stderr; BENCH_VALIDATION_ROUNDS (default 9), BENCH_VALIDATION_SCALE
//        (default 1) multiply the work)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMemoryLane } from './lib/memory-lane.mjs';

register('./lib/reply-validation-hooks.mjs', import.meta.url);

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (pkg) => import(pathToFileURL(join(root, 'packages', pkg, 'dist', 'index.js')).href);
const anthropic = await load('anthropic-mapper');
const gemini = await load('gemini-mapper');
const { createGatewayCore } = await load('gateway');

const ROUNDS = Number(process.env.BENCH_VALIDATION_ROUNDS ?? 9);
const SCALE = Number(process.env.BENCH_VALIDATION_SCALE ?? 1);
const VARIANTS = ['zod', 'fast'];
const setVariant = (variant) => {
  globalThis.__interlinguaZodOnly = variant === 'zod';
};

const bodies = readdirSync(join(root, 'fixtures'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((kind) =>
    readdirSync(join(root, 'fixtures', kind.name))
      .map((name) => join(root, 'fixtures', kind.name, name, 'upstream-response.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')).body),
  );
const textOf = (path) => JSON.stringify(JSON.parse(readFileSync(join(root, 'fixtures', path), 'utf8')).body);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

const environment = { generateId: (kind) => `${kind}-bench`, now: () => 1_700_000_000 };
const PROVIDERS = {
  anthropic: {
    fast: anthropic.parseAnthropicMessage,
    zod: (body) => anthropic.anthropicMessageSchema().safeParse(body),
    convert: (body) =>
      anthropic.convertAnthropicResponseToOpenAI(body, {
        context: { requestedModel: 'claude-bench', stream: false, includeUsage: false, thinking: false, jsonResponse: null },
        environment,
      }),
    corpora: {
      text: [textOf('anthropic/text/upstream-response.json')],
      fixtures: bodies.filter((body) => anthropic.anthropicMessageSchema().safeParse(body).success).map((body) => JSON.stringify(body)),
      rejected: bodies.filter((body) => isObject(body) && body.type === 'error').map((body) => JSON.stringify(body)),
    },
  },
  gemini: {
    fast: gemini.parseGeminiGenerateContentResponse,
    zod: (body) => gemini.geminiGenerateContentResponseSchema().safeParse(body),
    convert: (body) =>
      gemini.convertGeminiResponseToOpenAI(body, {
        context: { model: 'gemini-bench', upstreamModel: 'gemini-bench', stream: false, includeUsage: false, toolNames: {}, logprobs: false, includeThoughts: false, candidateCount: 1, responseFormat: null },
        environment,
      }),
    corpora: {
      text: [textOf('gemini/js-genai-text/upstream-response.json')],
      fixtures: bodies
        .filter((body) => isObject(body) && (Array.isArray(body.candidates) || isObject(body.promptFeedback)) && gemini.geminiGenerateContentResponseSchema().safeParse(body).success)
        .map((body) => JSON.stringify(body)),
    },
  },
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

async function heapBytesPerReply(run, iterations) {
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

/** Runs every variant ROUNDS times in rotated order; `measure(variant)` returns µs per reply. */
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
  note: 'CPU µs per reply in one process; ratio = median of per-round fast/zod ratios',
  parse: {},
  mapper: {},
  core: {},
};

// ---- parse and mapper: JSON.parse + the reply parse, or + the whole mapper ----

for (const [provider, spec] of Object.entries(PROVIDERS)) {
  for (const [name, texts] of Object.entries(spec.corpora)) {
    if (texts.length === 0) continue;
    const perBlock = Math.max(1, Math.round((4000 * SCALE) / texts.length)) * texts.length;
    const parseOnly = (iterations) => {
      let sink = 0;
      for (let i = 0; i < iterations; i++) sink += JSON.parse(texts[i % texts.length]) === null ? 1 : 0;
      return sink;
    };
    // The parse stage calls zod or the checker-first parse directly; the mapper stage switches inside the mapper.
    const parse = (iterations) => {
      const run = globalThis.__interlinguaZodOnly === true ? spec.zod : spec.fast;
      let sink = 0;
      for (let i = 0; i < iterations; i++) sink += run(JSON.parse(texts[i % texts.length])).success ? 1 : 0;
      return sink;
    };
    const map = (iterations) => {
      let sink = 0;
      for (let i = 0; i < iterations; i++) sink += spec.convert(JSON.parse(texts[i % texts.length])).ok ? 1 : 0;
      return sink;
    };
    for (const [stage, run] of [['parse', parse], ['mapper', map]]) {
      const samples = await interleave(['json', ...VARIANTS], (variant) => cpuMicros(variant === 'json' ? parseOnly : run, perBlock));
      const row = { replies: texts.length, bytes: Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length) };
      for (const variant of ['json', ...VARIANTS]) row[`${variant}Micros`] = round2(median(samples[variant]));
      row.savedMicros = round2(median(samples.zod) - median(samples.fast));
      row.ratioTotal = round2(median(samples.fast.map((fast, i) => fast / samples.zod[i])));
      row.ratioAfterJson = round2(median(samples.fast.map((fast, i) => (fast - samples.json[i]) / (samples.zod[i] - samples.json[i]))));
      for (const variant of VARIANTS) {
        setVariant(variant);
        row[`${variant}HeapBytes`] = await heapBytesPerReply(async (iterations) => run(iterations), Math.min(perBlock, 1000));
      }
      result[stage][`${provider}:${name}`] = row;
    }
  }
}

// ---- core: the gateway in process, upstream from memory ----

for (const lane of ['anthropic', 'gemini']) {
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
    row[`${variant}HeapBytes`] = await heapBytesPerReply(memoryLane.serve, 300);
  }
  result.core[lane] = row;
  if (!memoryLane.lastLine.includes('"status":200')) throw new Error('the log line was not written');
}

process.stdout.write(`${JSON.stringify(result)}\n`);
const lines = ['| stage | zod µs | checker µs | ratio | zod heap B | checker heap B |', '|---|---|---|---|---|---|'];
for (const stage of ['parse', 'mapper']) {
  for (const [name, row] of Object.entries(result[stage])) {
    lines.push(`| ${stage}:${name} (${row.replies} × ${row.bytes} B; JSON.parse ${row.jsonMicros} µs) | ${row.zodMicros} | ${row.fastMicros} | ${row.ratioTotal} (after JSON.parse ${row.ratioAfterJson}) | ${row.zodHeapBytes ?? '–'} | ${row.fastHeapBytes ?? '–'} |`);
  }
}
for (const [lane, row] of Object.entries(result.core)) {
  lines.push(`| core:${lane} | ${row.zodMicros} | ${row.fastMicros} | ${row.ratio} | ${row.zodHeapBytes ?? '–'} | ${row.fastHeapBytes ?? '–'} |`);
}
process.stderr.write(`${lines.join('\n')}\n`);
