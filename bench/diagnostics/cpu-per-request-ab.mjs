#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): CPU µs per request of `interlingua serve` built from two checkouts, run
// interleaved (A, B, A, B, …) against one mock upstream, so that the machine's drift falls on both alike. Each round
// starts the arm pinned to the SUT core, warms it for WARM seconds of autocannon at c=8, then counts the process's CPU
// time over DUR seconds and divides by the requests answered. Prints every round and the median per arm. This is how
// each change in BENCHMARKS.md's "What changed" list was measured before the session that confirms it.
//
// Usage: node bench/diagnostics/cpu-per-request-ab.mjs <checkout A> [<checkout B> …]
//        (each a repository root with built packages, `.` for this one, or another arm: lib/arm-spec.mjs; e.g.
//        `floor`, `floor-undici`, `.@--interrupt-budget=67584`, `express:.#BENCH_LOG=0`)
//        ROUNDS=5 WARM=2 DUR=4 LANE=anthropic|gemini|openai STREAM=1 (streamed requests) MOCK_CHUNKS=64
//        CONNECTIONS=8 (at 1, each arm's mean round trip, duration ÷ requests, is printed as well)
//        BODY_BYTES=65536 (the openai lane with the 64 KiB lane's body)
import autocannon from 'autocannon';
import { startArmFromSpec } from '../lib/arm-spec.mjs';
import { cpuMicroseconds, startMock } from '../lib/processes.mjs';
import { largeOpenAIBody, openaiRequestWithBody, requestFor } from '../lib/requests.mjs';

const checkouts = process.argv.slice(2);
if (checkouts.length === 0) throw new Error('name at least one checkout (a repository root with built packages), or floor');
const rounds = Number(process.env.ROUNDS ?? 5);
const lane = process.env.LANE ?? 'anthropic';
const stream = process.env.STREAM === '1';
const connections = Number(process.env.CONNECTIONS ?? 8);
// BODY_BYTES=65536: the openai lane with the 64 KiB lane's body (lib/requests.mjs, largeOpenAIBody).
const largeBody = process.env.BODY_BYTES ? largeOpenAIBody(Number(process.env.BODY_BYTES)) : undefined;
const mock = await startMock({ chunks: Number(process.env.MOCK_CHUNKS ?? 64) });

const load = (url, request, seconds) =>
  new Promise((done, fail) =>
    autocannon({ url: url + request.path, method: 'POST', headers: request.headers, body: request.body, connections, duration: seconds }, (error, result) =>
      error ? fail(error) : done(result),
    ),
  );

const results = new Map();
const trips = new Map();
for (let round = 0; round < rounds; round++) {
  for (const checkout of checkouts) {
    const server = await startArmFromSpec(checkout, mock);
    const request = largeBody ? openaiRequestWithBody(server.armName, largeBody, mock.url) : requestFor(server.armName, lane, { mockUrl: mock.url, stream });
    await load(server.url, request, Number(process.env.WARM ?? 2));
    const before = cpuMicroseconds(server.pid);
    const result = await load(server.url, request, Number(process.env.DUR ?? 4));
    const used = cpuMicroseconds(server.pid) - before;
    if (result.non2xx || result.errors) throw new Error(`${checkout}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    results.set(checkout, [...(results.get(checkout) ?? []), Math.round(used / result.requests.total)]);
    trips.set(checkout, [...(trips.get(checkout) ?? []), Math.round((Number(process.env.DUR ?? 4) * 1e6) / result.requests.total)]);
    await server.stop();
  }
}
for (const [checkout, values] of results) {
  const median = [...values].sort((a, b) => a - b)[values.length >> 1];
  console.log(`${checkout}: median ${median} µs CPU per ${stream ? 'streamed ' : ''}request (${lane}, c=${connections}) | ${values.join(' / ')}`);
  if (connections === 1) {
    const roundTrips = trips.get(checkout);
    console.log(`${' '.repeat(checkout.length)}  median ${[...roundTrips].sort((a, b) => a - b)[roundTrips.length >> 1]} µs mean round trip | ${roundTrips.join(' / ')}`);
  }
}
await mock.stop();
process.exit(0);
