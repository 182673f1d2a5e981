#!/usr/bin/env node
// Scores peer gateways with the Interlingua conformance kit and writes CONFORMANCE.md (not run in CI).
//
//   node scripts/conformance/score-portkey.mjs            # everything: Interlingua (Express, Workers) and Portkey
//   node scripts/conformance/score-portkey.mjs --skip-interlingua
//
// 1. Interlingua: runs the kit's CI tests for the Express and Workers adapters with CONFORMANCE_RESULTS_DIR set, so
//    they write their reports to scripts/conformance/results/.
// 2. Portkey: installs @portkey-ai/gateway 1.15.2 into a temporary folder with npm, with @hono/node-server pinned to
//    1.13.5 and hono to 4.9.7 (npm overrides; newer ones break its streaming, Portkey issue #1389), starts it bound to
//    127.0.0.1 only (its start script listens on every interface: bind-loopback.mjs is preloaded to force the host),
//    and runs the kit with the portkey target in both stream modes.
// 3. Writes the raw JSON reports under scripts/conformance/results/ and the score tables into CONFORMANCE.md
//    (between the scores markers).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const results = join(here, 'results');
const PORTKEY = { name: '@portkey-ai/gateway', version: '1.15.2', honoNodeServer: '1.13.5', hono: '4.9.7' };
const skipInterlingua = process.argv.includes('--skip-interlingua');

function sh(command, args, options = {}) {
  console.error(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

mkdirSync(results, { recursive: true });

// The kit is used from its build output.
sh('npx', ['-y', 'pnpm@10.34.9', 'exec', 'turbo', 'run', 'build', '--filter=@interlingua/conformance'], { cwd: root });
const kit = await import(pathToFileURL(join(root, 'packages', 'conformance', 'dist', 'runner.js')).href);

if (!skipInterlingua) {
  for (const project of ['express', 'workers']) {
    sh('npx', ['vitest', 'run', '--project', `@interlingua/${project}`, 'src/conformance-kit.test.ts'], {
      cwd: root,
      env: { ...process.env, CONFORMANCE_RESULTS_DIR: results },
    });
  }
}

// Portkey, installed from npm into a temporary folder.
const work = mkdtempSync(join(tmpdir(), 'portkey-conformance-'));
writeFileSync(
  join(work, 'package.json'),
  JSON.stringify(
    {
      name: 'portkey-conformance',
      private: true,
      type: 'module',
      dependencies: { [PORTKEY.name]: PORTKEY.version, '@hono/node-server': PORTKEY.honoNodeServer, hono: PORTKEY.hono },
      overrides: { '@hono/node-server': PORTKEY.honoNodeServer, hono: PORTKEY.hono },
    },
    null,
    2,
  ),
);
sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: work });
const installed = (name) => JSON.parse(readFileSync(join(work, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
const nested = join(work, 'node_modules', '@portkey-ai', 'gateway', 'node_modules', '@hono', 'node-server');
if (existsSync(nested)) throw new Error('npm left a nested @hono/node-server under the gateway; the override did not apply');
const versions = { gateway: installed(PORTKEY.name), honoNodeServer: installed('@hono/node-server'), hono: installed('hono') };
console.error(`Portkey ${versions.gateway}, @hono/node-server ${versions.honoNodeServer}, hono ${versions.hono}`);

const port = await freePort();
const portkeyArgs = ['--import', pathToFileURL(join(here, 'bind-loopback.mjs')).href, join(work, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${port}`, '--headless'];
console.error(`$ node ${portkeyArgs.join(' ')}`);
const portkey = spawn(process.execPath, portkeyArgs, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
let portkeyErrors = '';
portkey.stderr.on('data', (data) => (portkeyErrors += data));
const reports = {};
try {
  await waitFor(`http://127.0.0.1:${port}/`, 30_000);
  for (const strictStreams of [false, true]) {
    const report = await kit.runConformance({
      gatewayUrl: `http://127.0.0.1:${port}/v1`,
      target: kit.portkeyTarget(),
      strictStreams,
      label: `portkey ${versions.gateway}`,
    });
    const file = `portkey-${versions.gateway}${strictStreams ? '-strict' : ''}.json`;
    writeFileSync(join(results, file), JSON.stringify({ versions, node: process.versions.node, ...report }, null, 2) + '\n');
    reports[strictStreams ? 'strict' : 'accumulated'] = report;
    console.error(`${file}: ${report.total.passed}/${report.total.total} (${report.total.skipped} skipped)`);
  }
} finally {
  portkey.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
if (portkeyErrors.trim()) writeFileSync(join(results, `portkey-${versions.gateway}.stderr.txt`), portkeyErrors);

// CONFORMANCE.md: the score tables between the markers.
const read = (file) => (existsSync(join(results, file)) ? JSON.parse(readFileSync(join(results, file), 'utf8')) : undefined);
const columns = [
  ['Interlingua Express', read('interlingua-express.json')],
  ['Interlingua Workers', read('interlingua-workers.json')],
  [`Portkey ${versions.gateway}`, reports.accumulated],
];
const strictColumns = [
  ['Interlingua Express', read('interlingua-express-strict.json')],
  ['Interlingua Workers', read('interlingua-workers-strict.json')],
  [`Portkey ${versions.gateway}`, reports.strict],
];
const percent = (score) => `${(score * 100).toFixed(1).replace(/\.0$/, '')}%`;
function table(cols) {
  const present = cols.filter(([, report]) => report);
  const categories = kit.CATEGORY_ORDER ?? [...new Set(present.flatMap(([, report]) => report.categories.map((c) => c.category)))];
  const lines = [`| category | ${present.map(([name]) => name).join(' | ')} |`, `|---|${present.map(() => '---').join('|')}|`];
  for (const category of categories) {
    const cells = present.map(([, report]) => {
      const found = report.categories.find((c) => c.category === category);
      return found ? `${found.passed}/${found.total} (${percent(found.score)})${found.skipped ? `, ${found.skipped} skipped` : ''}` : '—';
    });
    if (cells.some((cell) => cell !== '—')) lines.push(`| ${category} | ${cells.join(' | ')} |`);
  }
  lines.push(`| **all cases** | ${present.map(([, report]) => `**${report.total.passed}/${report.total.total} (${percent(report.total.score)})**${report.total.skipped ? `, ${report.total.skipped} skipped` : ''}`).join(' | ')} |`);
  return lines.join('\n');
}
const portkeyFailures = reports.accumulated.cases
  .filter((result) => result.status !== 'pass')
  .map((result) => `| ${result.id} | ${result.status} | ${result.reasons.map((reason) => reason.split('\n').slice(0, 3).join(' ').replace(/\|/g, '\\|')).join('; ').slice(0, 400)} |`);
const generated = [
  `Generated by \`node scripts/conformance/score-portkey.mjs\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.versions.node}; Portkey ${versions.gateway} with @hono/node-server ${versions.honoNodeServer} and hono ${versions.hono}, bound to 127.0.0.1). Raw reports: \`scripts/conformance/results/\`.`,
  '',
  '### Accumulated streams (what a client sees)',
  '',
  table(columns),
  '',
  '### Strict streams (chunk grammar checked too)',
  '',
  table(strictColumns),
  '',
  `### Portkey ${versions.gateway}: cases not passed (accumulated mode)`,
  '',
  '| case | result | why (first lines; full diffs in the JSON report) |',
  '|---|---|---|',
  ...portkeyFailures,
].join('\n');
const conformancePath = join(root, 'CONFORMANCE.md');
const current = readFileSync(conformancePath, 'utf8');
const start = '<!-- scores:start -->';
const end = '<!-- scores:end -->';
if (!current.includes(start) || !current.includes(end)) throw new Error('CONFORMANCE.md has no scores markers');
writeFileSync(conformancePath, `${current.slice(0, current.indexOf(start) + start.length)}\n${generated}\n${current.slice(current.indexOf(end))}`);
console.error('CONFORMANCE.md updated.');
