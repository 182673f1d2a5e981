#!/usr/bin/env node
// `pnpm bench`: the benchmark session of BENCHMARKING.md. Never part of the test run; asserts nothing.
//
//   node bench/run.mjs [--quick] [--only m1,m2,m3,m4,m5,m6,m1body,m1resp,m3resp,m4resp,bundle] [--session NAME]
//
// Arms run in the same session, interleaved where the metric allows it: direct to the mock, the bare Node
// pass-through and translating proxies (the floor), Interlingua through the Express adapter and through
// `interlingua serve`, and the Portkey gateway 1.15.2 from npm, all on the same zero-dependency mock upstream.
// With taskset: every system under test on CPU1, the mock and this process (the load generator) on CPU0.
// Raw records: bench/results/<session>/*.json. `--quick` is a short smoke run (numbers not for publishing).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ARMS, CLIENT_CPU, hasTaskset, repositoryRoot, SUT_CPU } from './lib/processes.mjs';
import { describeMachine, loadAverage, writeRecord } from './lib/records.mjs';
import { measureAddedLatency } from './lanes/m1-added-latency.mjs';
import { measureThroughput } from './lanes/m2-throughput.mjs';
import { measureFirstChunk } from './lanes/m4-first-chunk.mjs';
import { measureCapacity, measureMemory } from './lanes/m5-m6-streams.mjs';
import { measureLargeBody } from './lanes/m1-large-body.mjs';
import { measureResponsesLatency } from './lanes/m1-responses.mjs';
import { measureResponsesFirstChunk } from './lanes/m4-responses.mjs';
import { setupPortkey } from './setup-portkey.mjs';
import { median } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);

// Pin this process (the load generator) to the client CPU, once.
if (hasTaskset && !process.env.BENCH_PINNED) {
  const result = spawnSync('taskset', ['-c', CLIENT_CPU, process.execPath, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, BENCH_PINNED: '1' } });
  process.exit(result.status ?? 1);
}

const quick = flag('--quick');
const only = new Set(value('--only', 'm1,m2,m3,m4,m5,m6,m1body,m1resp,m3resp,m4resp,bundle').split(','));
const session = value('--session', `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}`);
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${loadAverage()[0]}] ${line}`);

const portkeyReady = setupPortkey(log) && ARMS.portkey.available();
if (!portkeyReady) log('Portkey is not installed: its arm is skipped (see bench/setup-portkey.mjs).');
const withPortkey = (arms) => arms.filter((arm) => arm !== 'portkey' || portkeyReady);

const machine = describeMachine();
log(`session ${session}: ${machine.cpuModel} × ${machine.nproc}, Node ${process.versions.node}, commit ${machine.commit?.slice(0, 10)}${machine.dirty ? ' (dirty)' : ''}, taskset ${hasTaskset ? `SUT→CPU${SUT_CPU}, mock+loadgen→CPU${CLIENT_CPU}` : 'absent'}`);

async function cell(name, settings, measure) {
  if (!only.has(name.split('-')[0])) return;
  const loadBefore = loadAverage();
  const started = new Date();
  log(`${name}: start`);
  const results = await measure();
  const record = { metric: name, session, started: started.toISOString(), seconds: Math.round((Date.now() - started.getTime()) / 1000), loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), quick, settings, machine, results };
  log(`${name}: wrote ${writeRecord(session, name, record)}`);
}

const allArms = withPortkey(['direct', 'floor-pass', 'floor-translate', 'express', 'serve', 'portkey']);

// M1: three runs; the median run (by the Express arm's added p50 in the Anthropic lane) is the one reported. Beside the
// arms, the translating floor twice more, as each adapter runs: started with the V8 flag `serve` sets itself (`serve` on
// equal terms, item 42) and hosted in Express (the Express arm on equal terms, item 43).
const m1Arms = withPortkey(['direct', 'floor-pass', 'floor-translate', 'floor-translate-tiered', 'floor-translate-express', 'express', 'serve', 'portkey']);
const m1Settings = quick ? { warmup: 50, rounds: 2, perRound: 100 } : { warmup: 300, rounds: 7, perRound: 400 };
const m1Runs = quick ? 1 : Number(process.env.BENCH_M1_RUNS ?? 3);
for (let run = 1; run <= m1Runs; run++) {
  await cell(`m1-added-latency-run${run}`, { ...m1Settings, lanes: ['openai', 'anthropic', 'gemini'], arms: m1Arms }, () =>
    measureAddedLatency({ lanes: ['openai', 'anthropic', 'gemini'], arms: m1Arms, ...m1Settings, log }),
  );
}

const m2Settings = quick
  ? { lanes: ['anthropic'], ladder: [1, 8, 64], rungSeconds: 2, cpuSeconds: 2 }
  : { lanes: ['anthropic', 'openai'], ladder: [1, 2, 4, 8, 16, 32, 64, 128, 256], rungSeconds: Number(process.env.BENCH_RUNG_SECONDS ?? 3), cpuSeconds: 5 };
await cell('m2-throughput', { ...m2Settings, arms: allArms }, () => measureThroughput({ ...m2Settings, arms: allArms, log }));

if (only.has('m3')) {
  const loadBefore = loadAverage();
  log('m3-transducer-cost: start');
  const args = ['--expose-gc', '--max-semi-space-size=64', join(repositoryRoot, 'bench', 'in-process', 'transducer-cost.mjs')];
  const env = { ...process.env, ...(quick ? { BENCH_M3_RUNS: '3', BENCH_M3_RUN_MS: '150' } : {}) };
  const output = hasTaskset ? execFileSync('taskset', ['-c', SUT_CPU, process.execPath, ...args], { env }) : execFileSync(process.execPath, args, { env });
  const results = JSON.parse(output.toString());
  for (const provider of ['anthropic', 'gemini']) {
    const entry = results[provider];
    log(`M3 ${provider}: byte path ${entry.bytePath.microsPerEventMedian} µs/event (${entry.bytePathOverJsonFloor}× the JSON floor ${entry.jsonFloor.microsPerEventMedian}), stream path ${entry.streamPath.microsPerEventMedian} µs/event`);
  }
  writeRecord(session, 'm3-transducer-cost', { metric: 'm3-transducer-cost', session, loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), quick, machine, results });
}

const m4Arms = withPortkey(['direct', 'floor-translate', 'express', 'serve', 'portkey']);
const m4Variants = [
  { name: 'paced', knobs: { chunks: 64, intervalMs: 20, ttftMs: 0 }, warmupBurst: quick ? 100 : 1000, warmup: quick ? 1 : 2, streams: quick ? 3 : 24 },
  { name: 'burst', knobs: { chunks: 64, intervalMs: 0, ttftMs: 0 }, warmup: quick ? 100 : 1000, streams: quick ? 50 : 400 },
  // Diagnostic: the paced variant with the SUT's CPU kept busy at the lowest priority (see m4-first-chunk.mjs).
  { name: 'paced-spin', spin: true, knobs: { chunks: 64, intervalMs: 20, ttftMs: 0 }, warmupBurst: quick ? 100 : 1000, warmup: quick ? 1 : 2, streams: quick ? 3 : 12 },
];
await cell('m4-first-chunk', { variants: m4Variants, lanes: ['anthropic', 'gemini'], arms: m4Arms }, () => measureFirstChunk({ lanes: ['anthropic', 'gemini'], arms: m4Arms, variants: m4Variants, log }));

const m5Arms = withPortkey(['floor-translate', 'express', 'serve', 'portkey']);
const m5Settings = { lane: 'anthropic', counts: quick ? [100, 500] : [100, 500, 1000, 2000], knobs: { chunks: 40, intervalMs: 250 }, recoverySeconds: quick ? 2 : 10 };
await cell('m5-memory', { ...m5Settings, arms: m5Arms }, () => measureMemory({ ...m5Settings, arms: m5Arms, log }));

const m6Arms = (process.env.BENCH_M6_ARMS ?? 'express,serve,floor-translate').split(',');
const m6Settings = { lane: 'anthropic', counts: quick ? [500, 1000] : [1000, 2000, 4000, 8000, 9000], knobs: { chunks: 12, intervalMs: 1000 } };
await cell('m6-capacity', { ...m6Settings, arms: m6Arms }, () => measureCapacity({ ...m6Settings, arms: m6Arms, log }));

// ---- the 64 KiB lane and the Responses lanes (after the lanes above, which they leave unchanged) ----
// M1 64 KiB (key m1body): the openai lane with the fixture's body and with a 64 KiB body, same processes,
// interleaved; cost per extra KiB. Runs and settings as M1; the median run by Express's µs per KiB is reported.
const m1BodyArms = withPortkey(['direct', 'floor-pass', 'floor-translate', 'express', 'serve', 'portkey']);
const m1BodyBytes = 64 * 1024;
for (let run = 1; run <= m1Runs; run++) {
  await cell(`m1body-64k-run${run}`, { ...m1Settings, lane: 'openai', bodyBytes: m1BodyBytes, arms: m1BodyArms }, () =>
    measureLargeBody({ arms: m1BodyArms, bytes: m1BodyBytes, ...m1Settings, log }),
  );
}

// M1 Responses (key m1resp): POST /v1/responses against the same arm's POST /v1/chat/completions, Anthropic upstream.
const m1RespArms = ['express', 'serve'];
for (let run = 1; run <= m1Runs; run++) {
  await cell(`m1resp-added-latency-run${run}`, { ...m1Settings, lane: 'anthropic', arms: m1RespArms, reference: 'floor-translate (chat)' }, () =>
    measureResponsesLatency({ arms: m1RespArms, ...m1Settings, log }),
  );
}

// M3 Responses (key m3resp): in process, µs per upstream event, Responses stream against the chat stream.
if (only.has('m3resp')) {
  const loadBefore = loadAverage();
  const started = new Date();
  log('m3resp-transducer-cost: start');
  const args = ['--expose-gc', '--max-semi-space-size=64', join(repositoryRoot, 'bench', 'in-process', 'responses-transducer-cost.mjs')];
  const env = { ...process.env, ...(quick ? { BENCH_M3_RUNS: '3', BENCH_M3_RUN_MS: '150' } : {}) };
  const output = hasTaskset ? execFileSync('taskset', ['-c', SUT_CPU, process.execPath, ...args], { env }) : execFileSync(process.execPath, args, { env });
  const results = JSON.parse(output.toString());
  log(`M3 Responses anthropic: ${results.anthropic.responses.microsPerEventMedian} µs/event against the chat lane's ${results.anthropic.chat.microsPerEventMedian} (${results.anthropic.responsesOverChat}×); the Responses transcoder alone ${results.anthropic.responsesAlone.microsPerEventMedian}`);
  writeRecord(session, 'm3resp-transducer-cost', { metric: 'm3resp-transducer-cost', session, started: started.toISOString(), seconds: Math.round((Date.now() - started.getTime()) / 1000), loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), quick, machine, results });
}

// M4 Responses (key m4resp): first content frame of a streamed /v1/responses against the same arm's chat stream.
const m4RespArms = ['express', 'serve'];
const m4RespVariants = m4Variants.filter((variant) => variant.name === 'paced' || variant.name === 'burst');
await cell('m4resp-first-chunk', { variants: m4RespVariants, lane: 'anthropic', arms: m4RespArms }, () => measureResponsesFirstChunk({ arms: m4RespArms, variants: m4RespVariants, log }));

if (only.has('bundle')) {
  const results = JSON.parse(execFileSync(process.execPath, [join(repositoryRoot, 'bench', 'bundle-size.mjs')]).toString());
  log(`Workers bundle: ${results.minifiedBytes} B minified, ${results.gzipBytes} B min+gzip`);
  writeRecord(session, 'bundle-size', { metric: 'bundle-size', session, machine, results });
}

log(`done: bench/results/${session}/ (summarise with: node bench/summarise.mjs bench/results/${session})`);
export { median };
