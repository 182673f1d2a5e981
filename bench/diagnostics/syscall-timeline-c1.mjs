#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs; Linux, needs `perf` and the right to trace): where a c=1 request's time
// goes between its system calls, for `serve` or the translating floor. After 3,000 warm-up requests, `perf trace`
// records the arm's reads and writes over 200 requests sent one at a time, 3 ms apart; each request is then split into
//   request phase: the end of the `read` of the client's request → the start of the write to the upstream
//   reply phase:   the end of the `read` of the upstream's reply → the start of the write to the client
// (user-space time: no system call falls in between but the batched log line's `write`, which is skipped), and
//   writes: the two writes' own duration (the kernel's loopback delivery, `perf trace`'s overhead included).
// Prints the quartiles. Run arms one after another, the results follow the machine: compare several pairs.
// Usage: node bench/diagnostics/syscall-timeline-c1.mjs [serve|floor-translate|express]   LANE=anthropic
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProbe } from '../lib/probe.mjs';
import { ARMS, sleep, startMock } from '../lib/processes.mjs';
import { requestFor } from '../lib/requests.mjs';

const lane = process.env.LANE ?? 'anthropic';
const armName = process.argv[2] ?? 'serve';
const mock = await startMock({});
const arm = await ARMS[armName].start(mock);
const probe = createProbe(arm.url);
const request = requestFor(armName, lane, { mockUrl: mock.url });
const once = () => probe.timeRequest(request);
for (let i = 0; i < 3000; i++) await once();
const out = join(mkdtempSync(join(tmpdir(), 'interlingua-syscalls-')), `${armName}-${lane}.txt`);
const perf = spawn('perf', ['trace', '-p', String(arm.pid), '-o', out, '-e', 'read,write,writev'], { stdio: 'inherit' });
await sleep(1500);
for (let i = 0; i < 200; i++) {
  await once();
  await sleep(3);
}
await sleep(300);
perf.kill('SIGINT');
await sleep(800);
await probe.close();
await arm.stop();
await mock.stop();

// "  765.131 ( 0.025 ms): node/11517 read(fd: 19, buf: …, count: 65536) = 317": start (ms), duration, call, fd, result.
const calls = [];
for (const line of readFileSync(out, 'utf8').split('\n')) {
  const match = line.match(/^\s*([\d.]+) \(\s*([\d.]*) ms\): \S+ (read|writev|write)\(fd: (\d+)[^)]*\)\s+= (\d+)/);
  if (match) calls.push({ at: Number(match[1]), took: Number(match[2]) || 0, call: match[3], fd: Number(match[4]), bytes: Number(match[5]) });
}
const clientFd = calls.find((call) => call.call === 'read')?.fd;
const requestPhase = [];
const replyPhase = [];
const writes = [];
for (let i = 0; i < calls.length; i++) {
  const read = calls[i];
  if (read.call !== 'read' || read.fd !== clientFd) continue;
  const rest = calls.slice(i + 1);
  const toUpstream = rest.find((call) => call.call !== 'read' && call.fd !== clientFd && call.fd > 2);
  const fromUpstream = rest.find((call) => call.call === 'read' && call.fd !== clientFd);
  const toClient = fromUpstream && calls.slice(calls.indexOf(fromUpstream) + 1).find((call) => call.call !== 'read' && call.fd === clientFd);
  if (!toUpstream || !toClient) continue;
  requestPhase.push((toUpstream.at - read.at - read.took) * 1000);
  replyPhase.push((toClient.at - fromUpstream.at - fromUpstream.took) * 1000);
  writes.push((toUpstream.took + toClient.took) * 1000);
}
const quartiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return [0.25, 0.5, 0.75].map((q) => Math.round(sorted[Math.floor(sorted.length * q)])).join(' / ');
};
console.log(`${armName}, ${lane} lane, ${requestPhase.length} requests (µs, p25 / p50 / p75):`);
console.log(`  request phase  ${quartiles(requestPhase)}`);
console.log(`  reply phase    ${quartiles(replyPhase)}`);
console.log(`  the two writes ${quartiles(writes)}`);
process.exit(0);
