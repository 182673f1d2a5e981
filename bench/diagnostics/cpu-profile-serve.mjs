#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): a V8 CPU profile of `interlingua serve` under autocannon c=8 on one lane,
// summarised as self time by function and by package (gateway core, mappers, undici, Node internals, GC).
// Usage: node bench/diagnostics/cpu-profile-serve.mjs [out-dir]   LANE=anthropic|gemini|openai DUR=8 TOP=40 ARM=floor CONNECTIONS=8 STREAM=1 MOCK_CHUNKS=64
//        BODY_BYTES=65536 (the openai lane with the 64 KiB lane's body)
//        (ARM=floor profiles the translating floor arm instead, ARM=express the Express arm)
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasTaskset, repositoryRoot, SUT_CPU, sleep, startMock } from '../lib/processes.mjs';
import { summariseCpuProfile } from '../lib/cpu-profile-summary.mjs';
import { largeOpenAIBody, openaiRequestWithBody, requestFor } from '../lib/requests.mjs';

const outDirectory = resolve(process.argv[2] ?? join(repositoryRoot, 'bench', 'results', 'profiles', `serve-${Date.now()}`));
mkdirSync(outDirectory, { recursive: true });
const lane = process.env.LANE ?? 'anthropic';
const mock = await startMock({ chunks: Number(process.env.MOCK_CHUNKS ?? 64) });
const port = 31_000 + Math.floor(Math.random() * 1000); // below the ephemeral range
const floor = process.env.ARM === 'floor';
const express = process.env.ARM === 'express';
const profileFlags = ['--cpu-prof', `--cpu-prof-dir=${outDirectory}`, '--cpu-prof-interval=50'];
const command = floor
  ? [process.execPath, ...profileFlags, join(repositoryRoot, 'bench/arms/floor-proxy.mjs'), '--port', String(port)]
  : express
    ? [process.execPath, ...profileFlags, join(repositoryRoot, 'bench/arms/express-arm.mjs'), '--port', String(port)]
    : [process.execPath, ...profileFlags, join(repositoryRoot, 'packages/cli/dist/bin.js'), 'serve', '--host', '127.0.0.1', '--port', String(port)];
const [file, ...args] = hasTaskset ? ['taskset', '-c', SUT_CPU, ...command] : command;
const child = spawn(file, args, {
  env: { ...process.env, UPSTREAM: mock.url, FLOOR_MODE: 'translate', ANTHROPIC_BASE_URL: mock.url, GEMINI_BASE_URL: mock.url, OPENAI_BASE_URL: `${mock.url}/v1`, ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'k', OPENAI_API_KEY: 'k' },
  // stdout to /dev/null as in bench/run.mjs: a pipe would make each log line a blocking write (Node writes to pipes
  // synchronously on Linux) that waits for this process, busy with autocannon, to read it.
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let tries = 0; !(await canConnect(port)); tries++) {
  if (child.exitCode !== null || tries > 300) throw new Error(`the arm did not listen on ${port}`);
  await sleep(50);
}
const url = `http://127.0.0.1:${port}`;
function canConnect(port) {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}
const arm = floor ? 'floor-translate' : express ? 'express' : 'serve';
// BODY_BYTES=65536: the 64 KiB lane's OpenAI body (lib/requests.mjs, largeOpenAIBody) on the openai lane instead.
const request = process.env.BODY_BYTES
  ? openaiRequestWithBody(arm, largeOpenAIBody(Number(process.env.BODY_BYTES)), mock.url)
  : requestFor(arm, lane, { mockUrl: mock.url, stream: process.env.STREAM === '1' });
const load = (seconds) =>
  new Promise((done, fail) => autocannon({ url: url + request.path, method: 'POST', headers: request.headers, body: request.body, connections: Number(process.env.CONNECTIONS ?? 8), duration: seconds }, (e, r) => (e ? fail(e) : done(r))));
const warm = await load(2);
const result = await load(Number(process.env.DUR ?? 8));
const requests = warm.requests.total + result.requests.total;
child.kill('SIGINT');
await new Promise((done) => child.once('exit', done));
await mock.stop();
await sleep(100);
const profileFile = readdirSync(outDirectory).filter((name) => name.endsWith('.cpuprofile')).sort().at(-1);
const profile = JSON.parse(readFileSync(join(outDirectory, profileFile), 'utf8'));
const { total, byPackage, byFunction } = summariseCpuProfile(profile);
const perRequest = (us) => (us / requests).toFixed(2);
console.log(`${arm}, ${lane} lane: ${requests} requests over the profile (start-up included); profile ${profileFile}`);
console.log('\nself time by package (µs per request):');
for (const [name, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${perRequest(us).padStart(8)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
console.log('\nself time by function:');
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) console.log(`${perRequest(us).padStart(8)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
process.exit(0);
