#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): what Express's per-request `Object.setPrototypeOf` costs, without the gateway.
// (Its own spawn rather than processes.mjs's arms: the GC pass reads the server's stdout, which the arms discard.)
// Three servers answer a small POST with a fixed body: `node:http` alone, an Express app served by `app.listen` (Node's
// request and response classes, whose prototypes Express changes per request), and the same app served by
// `createExpressServer` (the built @interlingua/express: objects made with the app's prototypes). Each round starts one
// pinned to the SUT core, warms it, then counts its CPU per request under autocannon at c=8; a last pass per arm runs
// with --trace-gc-nvp and reports the young generation's promotion rate (BENCHMARKS.md item 36).
// Usage: node bench/diagnostics/express-prototype-gc.mjs   ROUNDS=5 WARM=2 DUR=4
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuMicroseconds, hasTaskset, SUT_CPU } from '../lib/processes.mjs';
import { median } from '../lib/stats.mjs';

const ARMS = ['node', 'express-app-listen', 'express-createExpressServer'];

if (process.argv[2] === '--serve') {
  // The server side, in its own process: `--serve <arm>`.
  const http = await import('node:http');
  const express = (await import('express')).default;
  const { createExpressServer } = await import('@interlingua/express');
  const body = '{"ok":true}';
  const answer = (request, response) => {
    request.on('data', () => {});
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      response.end(body);
    });
  };
  const arm = process.argv[3];
  const app = express();
  app.disable('x-powered-by');
  app.use(answer);
  const server = arm === 'node' ? http.createServer(answer) : arm === 'express-app-listen' ? http.createServer(app) : createExpressServer(app);
  server.keepAliveTimeout = 60_000;
  process.once('SIGINT', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => process.stderr.write(`${JSON.stringify({ port: server.address().port })}\n`));
} else {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const start = (arm, flags = []) =>
    new Promise((resolve, reject) => {
      const command = [process.execPath, ...flags, fileURLToPath(import.meta.url), '--serve', arm];
      const [file, ...args] = hasTaskset ? ['taskset', '-c', SUT_CPU, ...command] : command;
      const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (data) => (output += data));
      child.stderr.once('data', (data) => resolve({ child, port: JSON.parse(data).port, output: () => output }));
      child.once('exit', (code) => reject(new Error(`${arm} exited with ${code}`)));
    });
  const stop = (child) => new Promise((resolve) => (child.removeAllListeners('exit'), child.once('exit', resolve), child.kill('SIGINT')));
  const load = (port, seconds) =>
    new Promise((resolve, reject) =>
      autocannon({ url: `http://127.0.0.1:${port}/v1/chat/completions`, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m","messages":[]}', connections: 8, duration: seconds }, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  const cpu = new Map(ARMS.map((arm) => [arm, []]));
  for (let round = 0; round < rounds; round++) {
    for (const arm of ARMS) {
      const { child, port } = await start(arm);
      await load(port, Number(process.env.WARM ?? 2));
      const before = cpuMicroseconds(child.pid);
      const result = await load(port, Number(process.env.DUR ?? 4));
      cpu.get(arm).push(Math.round((cpuMicroseconds(child.pid) - before) / result.requests.total));
      await stop(child);
    }
  }
  for (const arm of ARMS) {
    const { child, port, output } = await start(arm, ['--trace-gc-nvp']);
    await load(port, Number(process.env.DUR ?? 4));
    await stop(child);
    const scavenges = output().split('\n').filter((line) => line.includes('gc=s '));
    const promoted = scavenges.map((line) => Number(/promotion_rate=([\d.]+)%/.exec(line)?.[1] ?? NaN)).filter(Number.isFinite);
    const pauses = scavenges.map((line) => Number(/pause=([\d.]+)/.exec(line)?.[1] ?? NaN)).filter(Number.isFinite);
    const values = cpu.get(arm);
    console.log(
      `${arm}: median ${median(values)} µs CPU per request (${values.join(' / ')}); ${scavenges.length} scavenges under load, median promotion rate ${median(promoted)} %, median pause ${median(pauses)} ms`,
    );
  }
}
