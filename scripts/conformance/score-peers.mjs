#!/usr/bin/env node
// Scores peer gateways with the Interlingua conformance kit and writes the score tables of CONFORMANCE.md (not run in
// CI: it installs the peers from npm).
//
//   node scripts/conformance/score-peers.mjs                      # Interlingua (Express, Workers) and every peer
//   node scripts/conformance/score-peers.mjs --skip-interlingua   # keep Interlingua's last reports
//   node scripts/conformance/score-peers.mjs --only llm-router    # one peer (the others' last reports are kept)
//   node scripts/conformance/score-peers.mjs --tables-only         # only rewrite CONFORMANCE.md from results/
//
// 1. Interlingua: runs the kit's CI tests for the Express and Workers adapters with CONFORMANCE_RESULTS_DIR set, so
//    they write their reports to scripts/conformance/results/.
// 2. Each peer: installs the pinned version from npm into its own temporary folder outside the repository (npm, no
//    install scripts), writes its configuration with every upstream base URL pointed at the kit's mock upstream, starts
//    it bound to 127.0.0.1 only, and runs the kit in both stream modes: Portkey with the portkey target, the others with
//    the generic target (models named the way the peer routes them). What each peer needed is said in PEERS below and
//    in CONFORMANCE.md.
// 3. Writes the raw JSON reports (with the versions) under scripts/conformance/results/ and the tables between the
//    scores markers of CONFORMANCE.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const results = join(here, 'results');
const bindLoopback = pathToFileURL(join(here, 'bind-loopback.mjs')).href;
const skipInterlingua = process.argv.includes('--skip-interlingua');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const tablesOnly = process.argv.includes('--tables-only');

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

/** Waits until something answers HTTP on the URL (any status). */
async function waitFor(url, timeoutMs, child) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode} before answering`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

mkdirSync(results, { recursive: true });
sh('npx', ['-y', 'pnpm@10.34.9', 'exec', 'turbo', 'run', 'build', '--filter=@interlingua/conformance'], { cwd: root });
const kit = await import(pathToFileURL(join(root, 'packages', 'conformance', 'dist', 'runner.js')).href);
const { fixturesRoot, loadFixtureCases } = await import(pathToFileURL(join(root, 'packages', 'conformance', 'dist', 'node.js')).href);
const cases = loadFixtureCases(fixturesRoot());
const models = (provider) => kit.caseModelRoutes(cases).filter((route) => route.upstream === provider).map((route) => route.name);

if (!skipInterlingua && !only && !tablesOnly) {
  for (const project of ['express', 'workers']) {
    sh('npx', ['vitest', 'run', '--project', `@interlingua/${project}`, 'src/conformance-kit.test.ts'], { cwd: root, env: { ...process.env, CONFORMANCE_RESULTS_DIR: results } });
  }
}

/**
 * The peers. `install` is the npm manifest of the temporary project; `start(work, port, mockUrl)` writes the peer's
 * configuration and returns the command that starts it; `gatewayUrl(port)` is its OpenAI base URL and
 * `gatewayUrlFor(port)` picks another one per case where the peer has one endpoint per upstream.
 */
const PEERS = [
  {
    id: 'portkey',
    label: 'Portkey',
    package: '@portkey-ai/gateway',
    version: '1.15.2',
    // Newer @hono/node-server and hono break its streaming (Portkey issue #1389): pinned with npm overrides.
    install: (version) => ({
      dependencies: { '@portkey-ai/gateway': version, '@hono/node-server': '1.13.5', hono: '4.9.7' },
      overrides: { '@hono/node-server': '1.13.5', hono: '4.9.7' },
    }),
    setup: 'no configuration: every request names its upstream with x-portkey-provider and x-portkey-custom-host (the kit\'s portkey target); @hono/node-server 1.13.5 and hono 4.9.7 pinned (newer ones break its streaming, Portkey issue #1389); its start script listens on every interface, so bind-loopback.mjs is preloaded',
    start: (work, port) => ({
      args: ['--import', bindLoopback, join(work, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js'), `--port=${port}`, '--headless'],
      env: { NODE_ENV: 'production' },
    }),
    gatewayUrl: (port) => `http://127.0.0.1:${port}/v1`,
    target: () => kit.portkeyTarget(),
    command: '(no CLI equivalent: the portkey target is built in) interlingua conformance --target portkey --base-url http://127.0.0.1:PORT/v1',
  },
  {
    id: 'llm-router',
    label: 'llm-router',
    package: '@khanglvm/llm-router',
    version: '2.6.2',
    // Its one dependency, @levu/snap (the terminal UI of its `llr` command), is not on the npm registry reachable here
    // (404); the router itself never imports it, so an empty stand-in package takes its place.
    install: (version) => ({ dependencies: { '@khanglvm/llm-router': version }, overrides: { '@levu/snap': 'file:./snap-stub' } }),
    files: {
      'snap-stub/package.json': JSON.stringify({ name: '@levu/snap', version: '0.3.13', type: 'module', description: 'empty stand-in for the terminal UI package' }),
    },
    setup: 'providers `anthropic` (format claude, baseUrl <mock>) and `openai` (format openai, baseUrl <mock>/v1), each listing the cases\' models; models named `<provider>/<model>`; no Gemini provider (llm-router speaks only the OpenAI and Anthropic formats upstream); started with `startLocalRouteServer` on 127.0.0.1 (its `llr start` supervisor needs the terminal UI package); @levu/snap (its terminal UI, 404 on the registry reachable here) replaced by an empty stand-in',
    start: (work, port, mockUrl) => {
      const config = {
        providers: [
          { id: 'anthropic', name: 'anthropic', baseUrl: mockUrl, apiKey: 'conformance-anthropic-key', format: 'claude', formats: ['claude'], models: models('anthropic').map((id) => ({ id })) },
          { id: 'openai', name: 'openai', baseUrl: `${mockUrl}/v1`, apiKey: 'conformance-openai-key', format: 'openai', formats: ['openai'], models: models('openai-compatible').map((id) => ({ id })) },
        ],
      };
      writeFileSync(join(work, 'llm-router.json'), JSON.stringify(config, null, 2));
      writeFileSync(
        join(work, 'start.mjs'),
        [
          "import { startLocalRouteServer } from '@khanglvm/llm-router/src/node/local-server.js';",
          `await startLocalRouteServer({ port: ${port}, host: '127.0.0.1', configPath: ${JSON.stringify(join(work, 'llm-router.json'))}, watchConfig: false });`,
        ].join('\n'),
      );
      return { args: ['--import', bindLoopback, join(work, 'start.mjs')], env: { HOME: work } };
    },
    gatewayUrl: (port) => `http://127.0.0.1:${port}/v1`,
    target: () => kit.genericTarget({ name: 'llm-router', modelPrefixes: { anthropic: 'anthropic/', gemini: 'gemini/', 'openai-compatible': 'openai/' } }),
    command: 'interlingua conformance --target generic --model-prefix anthropic=anthropic/ --model-prefix gemini=gemini/ --model-prefix openai-compatible=openai/ --base-url http://127.0.0.1:PORT/v1',
  },
  {
    id: 'musistudio-llms',
    label: '@musistudio/llms',
    package: '@musistudio/llms',
    version: '1.0.53',
    install: (version) => ({ dependencies: { '@musistudio/llms': version } }),
    setup: 'providers `anthropic` (api_base_url <mock>/v1/messages, transformer anthropic), `gemini` (<mock>/v1beta/models/, transformer gemini) and `openai` (<mock>/v1/chat/completions), each listing the cases\' models; models named `<provider>,<model>` (its router\'s form); its `Server` (CommonJS build: the ESM build fails to load, a dynamic require of child_process) started with HOST 127.0.0.1 and no config file',
    start: (work, port, mockUrl) => {
      const providers = [
        { name: 'anthropic', api_base_url: `${mockUrl}/v1/messages`, api_key: 'conformance-anthropic-key', models: models('anthropic'), transformer: { use: ['anthropic'] } },
        { name: 'gemini', api_base_url: `${mockUrl}/v1beta/models/`, api_key: 'conformance-gemini-key', models: models('gemini'), transformer: { use: ['gemini'] } },
        { name: 'openai', api_base_url: `${mockUrl}/v1/chat/completions`, api_key: 'conformance-openai-key', models: models('openai-compatible') },
      ];
      // The package's ESM build fails to load (a dynamic require of child_process in the bundle): its CommonJS build is used.
      writeFileSync(
        join(work, 'start.cjs'),
        [
          "const llms = require('@musistudio/llms');",
          'const Server = llms.default ?? llms;',
          `const server = new Server({ useJsonFile: false, initialConfig: { providers: ${JSON.stringify(providers)}, HOST: '127.0.0.1', PORT: ${port} }, logger: false });`,
          'server.start();',
        ].join('\n'),
      );
      return { args: ['--import', bindLoopback, join(work, 'start.cjs')], env: { HOME: work } };
    },
    gatewayUrl: (port) => `http://127.0.0.1:${port}/v1`,
    target: () => kit.genericTarget({ name: '@musistudio/llms', modelPrefixes: { anthropic: 'anthropic,', gemini: 'gemini,', 'openai-compatible': 'openai,' } }),
    command: 'interlingua conformance --target generic --model-prefix anthropic=anthropic, --model-prefix gemini=gemini, --model-prefix openai-compatible=openai, --base-url http://127.0.0.1:PORT/v1',
  },
  {
    id: 'nullplatform-llm-gateway',
    label: '@nullplatform/llm-gateway',
    package: '@nullplatform/llm-gateway',
    version: '2.0.11',
    // Its SDK 2.0.2 (the only one published) depends on "@nullplatform/llm-gateway-sdk@^1.0.0", which does not exist;
    // an npm override resolves that self-reference to 2.0.2.
    install: (version) => ({ dependencies: { '@nullplatform/llm-gateway': version }, overrides: { '@nullplatform/llm-gateway-sdk': '2.0.2' } }),
    setup: 'one project per upstream, each with one default model (`bypassModel`: the request\'s model is sent): the default project → provider anthropic (baseUrl <mock>), project `openai` → provider openai (baseUrl <mock>/v1); its OpenAI endpoints are `/openai/v1/chat/completions` and `/openai/openai/v1/chat/completions`, chosen per case; no Gemini provider exists in the package (Gemini cases go to the default project and fail); its server listens on every interface, so bind-loopback.mjs is preloaded; the SDK\'s self-dependency on the non-existent @nullplatform/llm-gateway-sdk@^1 overridden to 2.0.2',
    start: (work, port, mockUrl) => {
      const model = (name, type, baseUrl) => ({ name, isDefault: true, provider: { type, config: { apiKey: `conformance-${name}-key`, baseUrl, bypassModel: true } } });
      const config = {
        server: { host: '127.0.0.1', port },
        defaultProject: true,
        availableExtensions: [],
        models: [model('anthropic', 'anthropic', mockUrl)],
        plugins: [],
        adapters: [{ name: 'openai', type: 'openai', config: {} }],
        projects: [{ name: 'openai', models: [model('openai', 'openai', `${mockUrl}/v1`)], plugins: [], adapters: [] }],
        logging: { level: 'error', format: 'json' },
      };
      writeFileSync(join(work, 'gateway.json'), JSON.stringify(config, null, 2));
      return { args: ['--import', bindLoopback, join(work, 'node_modules', '@nullplatform', 'llm-gateway', 'dist', 'cli.js'), 'start', '--config', join(work, 'gateway.json')], env: { HOME: work } };
    },
    gatewayUrl: (port) => `http://127.0.0.1:${port}/openai/v1`,
    gatewayUrlFor: (port) => (fixtureCase) => (fixtureCase.provider === 'openai-compatible' ? `http://127.0.0.1:${port}/openai/openai/v1` : undefined),
    target: () => kit.genericTarget({ name: '@nullplatform/llm-gateway' }),
    command: 'interlingua conformance --target generic --base-url http://127.0.0.1:PORT/openai/v1 (and, for the openai-compatible cases, --case \'openai-compatible/*\' --base-url http://127.0.0.1:PORT/openai/openai/v1)',
  },
];

const summaries = {};
for (const peer of PEERS) {
  if ((only && only !== peer.id) || tablesOnly) continue;
  const work = mkdtempSync(join(tmpdir(), `${peer.id}-conformance-`));
  const reports = {};
  let child;
  let stderr = '';
  try {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: `${peer.id}-conformance`, private: true, type: 'module', ...peer.install(peer.version) }, null, 2));
    for (const [file, text] of Object.entries(peer.files ?? {})) {
      mkdirSync(dirname(join(work, file)), { recursive: true });
      writeFileSync(join(work, file), text);
    }
    sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: work });
    const version = JSON.parse(readFileSync(join(work, 'node_modules', ...peer.package.split('/'), 'package.json'), 'utf8')).version;
    const mock = await kit.startMockUpstream();
    const port = await freePort();
    const { args, env } = peer.start(work, port, mock.url);
    console.error(`$ node ${args.join(' ')}`);
    child = spawn(process.execPath, args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    child.stderr.on('data', (data) => (stderr += data));
    try {
      await waitFor(`http://127.0.0.1:${port}/`, 60_000, child);
      for (const strictStreams of [false, true]) {
        const report = await kit.runConformance({
          gatewayUrl: peer.gatewayUrl(port),
          ...(peer.gatewayUrlFor ? { gatewayUrlFor: peer.gatewayUrlFor(port) } : {}),
          mock,
          cases,
          target: peer.target(),
          strictStreams,
          label: `${peer.label} ${version}`,
        });
        const file = `${peer.id}-${version}${strictStreams ? '-strict' : ''}.json`;
        writeFileSync(join(results, file), JSON.stringify({ package: peer.package, versions: { [peer.package]: version }, node: process.versions.node, setup: peer.setup, ...report }, null, 2) + '\n');
        reports[strictStreams ? 'strict' : 'accumulated'] = report;
        console.error(`${file}: ${report.total.passed}/${report.total.total} (${report.total.skipped} skipped)`);
      }
    } finally {
      await mock.close();
    }
    summaries[peer.id] = { version, reports };
  } catch (error) {
    console.error(`${peer.id}: ${error instanceof Error ? error.message : String(error)}`);
    summaries[peer.id] = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    child?.kill('SIGTERM');
    if (stderr.trim()) writeFileSync(join(results, `${peer.id}.stderr.txt`), stderr.slice(0, 20_000));
    rmSync(work, { recursive: true, force: true });
  }
}

// CONFORMANCE.md: the score tables, from every report in results/ (a peer not scored this time keeps its last one).
const read = (file) => (existsSync(join(results, file)) ? JSON.parse(readFileSync(join(results, file), 'utf8')) : undefined);
const latest = (peer, strict) => {
  const version = summaries[peer.id]?.version ?? peer.version;
  return read(`${peer.id}-${version}${strict ? '-strict' : ''}.json`);
};
const columns = (strict) => [
  ['Interlingua Express', read(`interlingua-express${strict ? '-strict' : ''}.json`)],
  ['Interlingua Workers', read(`interlingua-workers${strict ? '-strict' : ''}.json`)],
  ...PEERS.map((peer) => [`${peer.label} ${peer.version}`, latest(peer, strict)]),
];
const percent = (score) => `${(score * 100).toFixed(1).replace(/\.0$/, '')}%`;
const cell = (count) => `${count.passed}/${count.total} (${percent(count.score)})${count.skipped ? `, ${count.skipped} skipped` : ''}`;
function within(report) {
  if (report.withinSpec) return report.withinSpec;
  const inside = report.cases.filter((result) => !result.categories.includes('beyond-spec'));
  const passed = inside.filter((result) => result.status === 'pass').length;
  const failed = inside.filter((result) => result.status === 'fail').length;
  return { passed, total: passed + failed, skipped: inside.length - passed - failed, score: passed + failed ? passed / (passed + failed) : 1 };
}
/** Reports of an earlier case set (a gateway not scored again since cases were added) are left out of the tables. */
const stale = new Set();
function table(cols) {
  const present = cols.filter(([name, report]) => {
    if (report && report.cases.length !== cases.length) stale.add(`${name} (its last report covers ${report.cases.length} cases)`);
    return report && report.cases.length === cases.length;
  });
  const lines = [`| category | ${present.map(([name]) => name).join(' | ')} |`, `|---|${present.map(() => '---').join('|')}|`];
  for (const category of kit.CATEGORY_ORDER) {
    const cells = present.map(([, report]) => {
      const found = report.categories.find((c) => c.category === category);
      return found ? cell(found) : '—';
    });
    if (cells.some((value) => value !== '—')) lines.push(`| ${category} | ${cells.join(' | ')} |`);
  }
  const byProvider = (provider) => (report) => {
    const mine = report.cases.filter((result) => result.provider === provider);
    const passed = mine.filter((result) => result.status === 'pass').length;
    const failed = mine.filter((result) => result.status === 'fail').length;
    return { passed, total: passed + failed, skipped: mine.length - passed - failed, score: passed + failed ? passed / (passed + failed) : 1 };
  };
  for (const provider of ['anthropic', 'gemini', 'openai-compatible']) lines.push(`| *${provider} cases* | ${present.map(([, report]) => cell(byProvider(provider)(report))).join(' | ')} |`);
  lines.push(`| within the OpenAI spec (all but beyond-spec) | ${present.map(([, report]) => cell(within(report))).join(' | ')} |`);
  lines.push(`| **all cases** | ${present.map(([, report]) => `**${cell(report.total)}**`).join(' | ')} |`);
  return lines.join('\n');
}
const peerRows = PEERS.map((peer) => {
  const report = latest(peer, false);
  const version = report?.versions?.[peer.package] ?? peer.version;
  return `| ${peer.label} | \`${peer.package}@${version}\` | ${report ? report.setup ?? peer.setup : `not scored: ${summaries[peer.id]?.error ?? 'no report'}`} | \`${peer.command}\` |`;
});
const generated = [
  `Generated by \`node scripts/conformance/score-peers.mjs\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.versions.node}; ${cases.length} cases; every gateway bound to 127.0.0.1 with its upstream base URLs pointed at the kit's mock upstream). Raw reports: \`scripts/conformance/results/\`.`,
  '',
  '### Accumulated streams (what a client sees)',
  '',
  table(columns(false)),
  '',
  '### Strict streams (chunk grammar checked too)',
  '',
  table(columns(true)),
  '',
  ...(stale.size ? [`Not in the tables (not scored again on the current ${cases.length} cases): ${[...stale].join('; ')}.`, ''] : []),
  '### How each peer was set up',
  '',
  '| gateway | installed | set up | kit command (equivalent) |',
  '|---|---|---|---|',
  ...peerRows,
].join('\n');
const conformancePath = join(root, 'CONFORMANCE.md');
const current = readFileSync(conformancePath, 'utf8');
const start = '<!-- scores:start -->';
const end = '<!-- scores:end -->';
if (!current.includes(start) || !current.includes(end)) throw new Error('CONFORMANCE.md has no scores markers');
writeFileSync(conformancePath, `${current.slice(0, current.indexOf(start) + start.length)}\n${generated}\n${current.slice(current.indexOf(end))}`);
console.error('CONFORMANCE.md updated.');
