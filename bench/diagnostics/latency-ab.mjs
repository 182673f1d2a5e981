#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): added latency at c=1 of `interlingua serve` built from several checkouts (and
// the translating floor), all running at once against one mock upstream, requests interleaved in rounds (300 per arm
// per round, after 1,500 warm-up requests per arm), so that the machine's drift falls on every arm alike. Prints each
// arm's p50 and its p50 added over the direct call. The c=1 counterpart of cpu-per-request-ab.mjs.
//
// Usage: node bench/diagnostics/latency-ab.mjs <checkout A> [<checkout B> …] [floor]
//        (each a repository root with built packages, `.` for this one, or another arm: lib/arm-spec.mjs; e.g.
//        `floor`, `floor-undici`, `.@--interrupt-budget=67584`, `express:.`)
//        ROUNDS=8 LANE=anthropic|gemini|openai SPIN=1 (a lowest-priority busy loop on the SUT's CPU, so it never idles)
//        BODY_BYTES=65536 (the openai lane with the 64 KiB lane's body)
import { Pool } from 'undici';
import { startArmFromSpec } from '../lib/arm-spec.mjs';
import { startMock, startSpinner } from '../lib/processes.mjs';
import { largeOpenAIBody, openaiRequestWithBody, requestFor } from '../lib/requests.mjs';

const checkouts = process.argv.slice(2);
if (checkouts.length === 0) throw new Error('name at least one checkout (a repository root with built packages), or floor');
const lane = process.env.LANE ?? 'anthropic';
const rounds = Number(process.env.ROUNDS ?? 8);
// BODY_BYTES=65536: the openai lane with the 64 KiB lane's body (lib/requests.mjs, largeOpenAIBody).
const largeBody = process.env.BODY_BYTES ? largeOpenAIBody(Number(process.env.BODY_BYTES)) : undefined;
const mock = await startMock({});
const spinner = process.env.SPIN === '1' ? startSpinner() : null;

const arms = { direct: { url: mock.url, armName: 'direct', stop: async () => {} } };
for (const checkout of checkouts) arms[checkout] = await startArmFromSpec(checkout, mock);
const names = Object.keys(arms);
const pools = Object.fromEntries(names.map((name) => [name, new Pool(arms[name].url, { connections: 1 })]));
const requests = Object.fromEntries(
  names.map((name) => [name, largeBody ? openaiRequestWithBody(arms[name].armName, largeBody, mock.url) : requestFor(arms[name].armName, lane, { mockUrl: mock.url })]),
);

async function once(name) {
  const request = requests[name];
  const started = process.hrtime.bigint();
  const { statusCode, body } = await pools[name].request({ method: 'POST', path: request.path, headers: request.headers, body: request.body });
  await body.text();
  if (statusCode !== 200) throw new Error(`${name}: status ${statusCode}`);
  return Number(process.hrtime.bigint() - started) / 1e3;
}

const samples = Object.fromEntries(names.map((name) => [name, []]));
for (const name of names) for (let i = 0; i < 1500; i++) await once(name);
for (let round = 0; round < rounds; round++) for (const name of names) for (let i = 0; i < 300; i++) samples[name].push(await once(name));
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const direct = median(samples.direct);
for (const name of names) console.log(`${name}: p50 ${median(samples[name]).toFixed(0)} µs, added p50 ${(median(samples[name]) - direct).toFixed(0)} µs (${lane}, c=1)`);
for (const pool of Object.values(pools)) await pool.close();
for (const arm of Object.values(arms)) await arm.stop();
spinner?.stop();
await mock.stop();
process.exit(0);
