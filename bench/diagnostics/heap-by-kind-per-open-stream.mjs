#!/usr/bin/env node
// Diagnostic (not part of bench/run.mjs): what one open stream keeps on the JS heap of a running arm, by kind. Starts
// the mock upstream (paced: one event every 500 ms, so streams stay open) and the arm (`serve` as shipped, the
// Express arm of bench/arms/express-arm.mjs, or the translating floor), warms it with 300 short streams, writes a heap snapshot (--heapsnapshot-signal), opens N
// streams over real sockets and waits for their first bytes, writes a second snapshot, and prints the difference per
// open stream: self size and count by node kind (V8's type:name), then the closure contexts by the variables they
// hold (which function scope they belong to), then what retains the anonymous closures and contexts.
// Usage: node bench/diagnostics/heap-by-kind-per-open-stream.mjs [serve|express|floor] [streams=1000]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setMockKnobs, sleep, startMock } from '../lib/processes.mjs';
import { requestFor } from '../lib/requests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arm = ['floor', 'express'].includes(process.argv[2]) ? process.argv[2] : 'serve';
const streams = Number(process.argv[3] ?? 1000);
const directory = mkdtempSync(join(tmpdir(), 'interlingua-heap-by-kind-'));
mkdirSync(join(directory, 'snapshots'));
const mock = await startMock({ chunks: 100_000, intervalMs: 500 });
const port = 21_000 + Math.floor(Math.random() * 5_000);
const config = join(directory, 'config.json');
writeFileSync(config, JSON.stringify({ limits: { maxConcurrentStreams: streams * 2 } }));
const target =
  arm === 'floor'
    ? [join(root, 'bench', 'arms', 'floor-proxy.mjs'), '--port', String(port)]
    : arm === 'express'
      ? [join(root, 'bench', 'arms', 'express-arm.mjs'), '--port', String(port)]
      : [join(root, 'packages', 'cli', 'dist', 'bin.js'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--config', config];
const child = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir', join(directory, 'snapshots'), ...target], {
  env: { ...process.env, UPSTREAM: mock.url, FLOOR_MODE: 'translate', ANTHROPIC_BASE_URL: mock.url, ANTHROPIC_API_KEY: 'bench-key', BENCH_MAX_STREAMS: String(streams * 2) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
await sleep(1500);
const request = requestFor(arm === 'floor' ? 'floor-translate' : arm, 'anthropic', { stream: true, mockUrl: mock.url });
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const post = (onResponse) => {
  const outgoing = http.request({ host: '127.0.0.1', port, path: request.path, method: 'POST', headers: request.headers, agent }, onResponse);
  outgoing.end(request.body);
};

await setMockKnobs(mock, { intervalMs: 0, chunks: 4 });
for (let i = 0; i < 300; i++) await new Promise((resolve) => post((response) => response.resume().on('end', resolve)));
await setMockKnobs(mock, { intervalMs: 500, chunks: 100_000 });

/** Signals the arm, waits until its new snapshot has stopped growing, returns its path. */
async function snapshot() {
  const folder = join(directory, 'snapshots');
  const before = new Set(readdirSync(folder));
  child.kill('SIGUSR2');
  for (;;) {
    await sleep(500);
    const written = readdirSync(folder).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!written) continue;
    let size = -1;
    for (let steady = 0; steady < 4; await sleep(500)) {
      const now = statSync(join(folder, written)).size;
      steady = now === size && now > 0 ? steady + 1 : 0;
      size = now;
    }
    return join(folder, written);
  }
}

const empty = await snapshot();
let opened = 0;
for (let i = 0; i < streams; i++) post((response) => response.once('data', () => opened++));
while (opened < streams) await sleep(100);
await sleep(1500);
const full = await snapshot();
child.kill('SIGKILL');
await mock.stop();

/** Counts and self sizes by key: node kinds, closure contexts by their variables, retainers of anonymous closures. */
function read(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const { node_fields: nodeFields, edge_fields: edgeFields, node_types: nodeTypes, edge_types: edgeTypes } = snap.snapshot.meta;
  const [types, kinds] = [nodeTypes[0], edgeTypes[0]];
  const { nodes, edges, strings } = snap;
  const W = nodeFields.length;
  const EW = edgeFields.length;
  const [T, N, S, C] = ['type', 'name', 'self_size', 'edge_count'].map((field) => nodeFields.indexOf(field));
  const [ET, EN, TO] = ['type', 'name_or_index', 'to_node'].map((field) => edgeFields.indexOf(field));
  const byKind = new Map();
  const contexts = new Map();
  const retainers = new Map();
  const add = (map, key, size) => {
    const entry = map.get(key) ?? [0, 0];
    entry[0]++;
    entry[1] += size;
    map.set(key, entry);
  };
  const describe = (n) => `${types[nodes[n + T]]}:${strings[nodes[n + N]]}`.slice(0, 60);
  const isAnonymous = (n) => (types[nodes[n + T]] === 'closure' && strings[nodes[n + N]] === '') || describe(n) === 'object:system / Context';
  let e = 0;
  for (let n = 0; n < nodes.length; n += W) {
    const type = types[nodes[n + T]];
    let name = strings[nodes[n + N]];
    if (type.endsWith('string')) name = '(string)';
    if (type === 'number') name = '(number)';
    add(byKind, `${type}:${name}`.slice(0, 80), nodes[n + S]);
    const variables = [];
    for (let c = 0; c < nodes[n + C]; c++, e += EW) {
      const kind = kinds[edges[e + ET]];
      if (kind === 'context') variables.push(strings[edges[e + EN]]);
      const to = edges[e + TO];
      if (kind !== 'weak' && isAnonymous(to)) add(retainers, `${describe(to)} <- ${describe(n)}.${kind === 'element' || kind === 'hidden' ? `[${kind}]` : strings[edges[e + EN]]}`, 0);
    }
    if (type === 'object' && name === 'system / Context') add(contexts, `{${variables.slice(0, 8).join(', ')}${variables.length > 8 ? ', …' : ''}}`, nodes[n + S]);
  }
  return { byKind, contexts, retainers };
}

const [a, b] = [read(empty), read(full)];
function table(title, key, limit, minimum = 0.5) {
  const rows = [];
  for (const [name, [count, size]] of b[key]) {
    const [count0, size0] = a[key].get(name) ?? [0, 0];
    const perStream = (count - count0) / streams;
    if (perStream >= minimum) rows.push([name, perStream, (size - size0) / streams]);
  }
  rows.sort((x, y) => y[2] - x[2] || y[1] - x[1]);
  if (key === 'retainers') rows.sort((x, y) => y[1] - x[1]);
  const total = rows.reduce((sum, row) => sum + row[2], 0);
  console.log(`\n${title}${key === 'retainers' ? '' : ` (${Math.round(total)} B per open stream in these rows)`}`);
  for (const [name, count, size] of rows.slice(0, limit)) {
    console.log(key === 'retainers' ? `${count.toFixed(2).padStart(7)} × ${name}` : `${size.toFixed(0).padStart(7)} B ${count.toFixed(2).padStart(7)} × ${name}`);
  }
}
console.log(`${arm}: ${streams} open streams; snapshots in ${directory}`);
table('By kind (self size per open stream)', 'byKind', 40, 0.05);
table('Closure contexts, by the variables they hold', 'contexts', 30);
table('What holds the anonymous closures and the contexts (count per open stream)', 'retainers', 30);
process.exit(0);
