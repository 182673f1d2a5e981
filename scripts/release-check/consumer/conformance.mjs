// Runs inside the temporary consumer project (outside the workspace), against the packages npm installed from the
// tarballs: the packed conformance kit scores
//   1. the packed Express adapter (the gateway's SSRF-guarded image resolver, with the kit's mock named as the one
//      internal host it may fetch from), and
//   2. the packed CLI's `interlingua serve`, started exactly as `interlingua conformance --print-setup` prints it (only
//      the listening ports are free ones instead of 8787/8788), scored with the printed `interlingua conformance`
//      command,
// each in accumulated and strict stream mode, with the strict-mode cases against a strict gateway. Anything under 100%
// (or a skipped case) fails. Prints one `ok` / `FAIL` line per check; exits non-zero when a check fails.
import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { createInterlinguaRouter } from '@interlingua/express';
import { createGuardedMediaResolver } from '@interlingua/gateway';
import { createOpenAISpecValidator, fixturesRoot, loadFixtureCases, specsRoot } from '@interlingua/conformance/node';
import { formatConformanceReport, interlinguaGatewayConfig, runConformance, startMockUpstream } from '@interlingua/conformance/runner';

const here = process.cwd();
const bin = join(here, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
for (const name of Object.keys(env)) if (/^(ANTHROPIC|GEMINI|GOOGLE|OPENAI|INTERLINGUA)_/.test(name)) delete env[name];
let failed = false;
const children = [];

async function check(name, run) {
  try {
    console.log(`ok   ${name}: ${await run()}`);
  } catch (error) {
    failed = true;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The verdict on a report: every case run and passed, or the failures. */
function verdict(report) {
  if (report.total.failed > 0 || report.total.skipped > 0 || report.total.total === 0) {
    throw new Error(`${report.total.passed}/${report.total.total} passed, ${report.total.skipped} skipped\n${formatConformanceReport(report, { failuresOnly: true })}`);
  }
  return `${report.total.passed}/${report.total.total}`;
}

const cases = loadFixtureCases(fixturesRoot());

await check('the packed kit carries its cases and the specs its validator reads', () => {
  const root = fixturesRoot();
  const inside = join('node_modules', '@interlingua', 'conformance');
  if (!root.includes(inside)) throw new Error(`fixturesRoot() is ${root}, not inside the installed package`);
  if (!specsRoot().includes(inside)) throw new Error(`specsRoot() is ${specsRoot()}, not inside the installed package`);
  const validator = createOpenAISpecValidator();
  const errors = validator.completion({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [] });
  if (errors.length) throw new Error(`the spec validator rejects a minimal completion: ${errors.join('; ')}`);
  const beyond = cases.filter((fixtureCase) => fixtureCase.description.categories.includes('beyond-spec')).length;
  return `${cases.length} cases (${beyond} beyond the OpenAI spec), OpenAI spec validator loaded from the package`;
});

await check('the packed kit scores the packed Express adapter at 100%', async () => {
  const mock = await startMockUpstream();
  const resolveMedia = createGuardedMediaResolver({
    lookup: async (hostname) => (await lookup(hostname, { all: true })).map((entry) => entry.address),
    allowInternalHosts: [new URL(mock.url).host],
  });
  const servers = [];
  const serve = (strict) =>
    new Promise((resolve) => {
      const app = express();
      app.use(createInterlinguaRouter({ ...interlinguaGatewayConfig(mock.url, cases, { strict }), resolveMedia, log: () => {} }));
      const server = app.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/v1`));
      servers.push(server);
    });
  try {
    const gatewayUrl = await serve(false);
    const strictGatewayUrl = await serve(true);
    const scores = [];
    for (const strictStreams of [false, true]) {
      const report = await runConformance({ gatewayUrl, strictGatewayUrl, mock, cases, strictStreams, label: 'packed express' });
      scores.push(`${strictStreams ? 'strict' : 'accumulated'} ${verdict(report)}`);
    }
    return scores.join(', ');
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await mock.close();
  }
});

/** Runs a printed shell line (with the consumer's node_modules/.bin first on PATH) and resolves once it listens. */
function startPrinted(line) {
  return new Promise((resolve, reject) => {
    // Leading NAME=value assignments go into the environment, so that `exec` replaces the shell by the command itself
    // (and killing the child stops the gateway).
    const assignments = {};
    let command = line;
    for (let match; (match = /^([A-Z_][A-Z0-9_]*)=(\S*)\s+/.exec(command)); command = command.slice(match[0].length)) assignments[match[1]] = match[2];
    const child = spawn('sh', ['-c', `exec ${command}`], { cwd: here, env: { ...env, ...assignments }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${line}: not listening after 30 s\n${output}`)), 30_000);
    child.stdout.on('data', (data) => {
      output += data;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
    child.stderr.on('data', (data) => (output += data));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${line} exited ${code}\n${output}`));
    });
  });
}

await check('the packed kit scores the packed CLI serve, set up as --print-setup prints, at 100%', async () => {
  const mockPort = await freePort();
  const printed = spawnSync('interlingua', ['conformance', '--print-setup', '--mock-port', String(mockPort)], { cwd: here, env, encoding: 'utf8' });
  if (printed.status !== 0) throw new Error(`--print-setup exited ${printed.status}: ${printed.stderr}`);
  const lines = printed.stdout.split('\n');
  const start = lines.indexOf('{');
  const config = JSON.parse(lines.slice(start, lines.indexOf('}', start) + 1).join('\n'));
  writeFileSync(join(here, 'conformance.json'), JSON.stringify(config, null, 2));
  const serveLines = lines.filter((line) => /^\s+(\S+=\S+\s+)*interlingua serve /.test(line)).map((line) => line.trim());
  const scoreLine = lines.find((line) => /^\s+interlingua conformance /.test(line))?.trim();
  if (serveLines.length !== 2 || !scoreLine) throw new Error(`--print-setup did not print two serve commands and a conformance command:\n${printed.stdout}`);
  if (!serveLines.every((line) => line.includes(`--allow-image-hosts 127.0.0.1:${mockPort}`))) throw new Error(`the serve commands do not name the mock's host:\n${serveLines.join('\n')}`);
  const ports = [await freePort(), await freePort()];
  const urls = [];
  for (const [index, line] of serveLines.entries()) urls.push(await startPrinted(line.replace(/--port \d+/, `--port ${ports[index]}`)));
  const scoreCommand = scoreLine.replace(/--base-url \S+/, `--base-url ${urls[0]}/v1`).replace(/--strict-base-url \S+/, `--strict-base-url ${urls[1]}/v1`);
  const scores = [];
  for (const strict of [false, true]) {
    const json = join(here, `serve-report${strict ? '-strict' : ''}.json`);
    const result = spawnSync('sh', ['-c', `${scoreCommand}${strict ? ' --strict' : ''} --json ${json}`], { cwd: here, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    let report;
    try {
      report = JSON.parse(readFileSync(json, 'utf8'));
    } catch {
      throw new Error(`${scoreCommand} exited ${result.status} without a report:\n${result.stdout}${result.stderr}`);
    }
    scores.push(`${strict ? 'strict' : 'accumulated'} ${verdict(report)}`);
    if (result.status !== 0) throw new Error(`${scoreCommand} exited ${result.status}`);
  }
  return `${serveLines[0].replace(/--port \d+/, '--port N')}: ${scores.join(', ')}`;
});

for (const child of children) child.kill('SIGTERM');
if (failed) process.exitCode = 1;
