#!/usr/bin/env node
// Diagnostic: the JS heap one open chat stream keeps in the gateway core alone (no sockets, no HTTP objects): the
// BUILT packages/gateway core on the Anthropic lane, each upstream body an async generator that yields the recorded
// stream's first four events and then waits, each reply read up to its first chunk and kept open. Prints the heap
// after a forced GC per open stream (KiB). With `--snapshot <file>` it also writes a heap snapshot with them open.
// Usage: node --expose-gc bench/diagnostics/heap-per-open-stream.mjs [streams=2000] [--snapshot /tmp/core.heapsnapshot]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { createGatewayCore } = await import(pathToFileURL(join(root, 'packages', 'gateway', 'dist', 'index.js')).href);
const args = process.argv.slice(2);
const snapshotAt = args.includes('--snapshot') ? args[args.indexOf('--snapshot') + 1] : undefined;
const streams = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 2000);

const utf8 = new TextEncoder();
const recorded = readFileSync(join(root, 'fixtures', 'anthropic', 'text-stream', 'upstream-response.sse'), 'utf8').replace(/\r\n/g, '\n');
const opening = recorded.split('\n\n').filter(Boolean).slice(0, 4).map((block) => utf8.encode(`${block}\n\n`));
const requestBody = utf8.encode(JSON.stringify({ model: 'claude-sonnet-4-5-20250929', stream: true, messages: [{ role: 'user', content: 'Hello' }] }));
const waiting = [];
const core = createGatewayCore({
  upstreams: { anthropic: { apiKey: 'bench-key', baseUrl: 'http://upstream.invalid' } },
  prefixes: [{ prefix: '', upstream: 'anthropic' }],
  limits: { maxConcurrentStreams: 1_000_000 },
  log: () => {},
  fetch: async () => ({
    status: 200,
    headers: { get: (name) => (name === 'content-type' ? 'text/event-stream' : null) },
    body: (async function* () {
      for (const event of opening) yield event;
      await new Promise((resolve) => waiting.push(resolve));
    })(),
  }),
});

async function openStream() {
  const reply = await core({
    method: 'POST',
    path: '/v1/chat/completions',
    header: (name) => (name === 'content-type' ? 'application/json' : null),
    body: (async function* () {
      yield requestBody;
    })(),
    signal: new AbortController().signal,
  });
  if (typeof reply.body === 'string') throw new Error(`${reply.status} ${reply.body}`);
  const reader = reply.body.getReader();
  await reader.read();
  return reader;
}

const open = [];
for (let i = 0; i < 50; i++) open.push(await openStream());
globalThis.gc();
globalThis.gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < streams; i++) open.push(await openStream());
await new Promise((resolve) => setTimeout(resolve, 100));
globalThis.gc();
globalThis.gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({ streams, heapKiBPerOpenStream: Math.round(((after - before) / streams / 1024) * 100) / 100 })}\n`);
if (snapshotAt) writeHeapSnapshot(snapshotAt);
process.exit(0);
