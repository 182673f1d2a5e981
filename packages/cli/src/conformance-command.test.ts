/// <reference types="node" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesRoot, loadFixtureCases, serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { interlinguaGatewayConfig } from '@interlingua/conformance/runner';
import { createGateway } from '@interlingua/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `interlingua conformance` run as a user runs it (the built bin) against a gateway started beforehand, pointed at
// the mock upstream's fixed port.
const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
const cases = loadFixtureCases(fixturesRoot());
let gateway: LoopbackServer;
let mockPort: number;
const out = mkdtempSync(join(tmpdir(), 'interlingua-conformance-'));

function run(args: string[], cwd?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  mockPort = await freePort();
  gateway = await serveOnLoopback(createGateway({ ...interlinguaGatewayConfig(`http://127.0.0.1:${mockPort}`, cases), log: () => {} }));
});

afterAll(async () => {
  await gateway?.close();
});

describe('interlingua conformance', () => {
  it('prints its help', async () => {
    const help = await run(['conformance', '--help']);
    expect(help.status).toBe(0);
    for (const option of ['--base-url', '--target', '--mock-port', '--json', '--case', '--strict']) expect(help.stdout).toContain(option);
  });

  it('scores a gateway pointed at the mock, exits 0 at 100% and writes the JSON report', async () => {
    const json = join(out, 'report.json');
    const result = await run(['conformance', '--base-url', `${gateway.url}/v1`, '--mock-port', String(mockPort), '--case', 'anthropic/tool-use*', '--strict', '--json', json]);
    expect(result.stderr).toContain(`Mock upstream on http://127.0.0.1:${mockPort}.`);
    expect(result.stdout).toContain('| **all cases** | **2/2** | **100%** |');
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.cases.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['anthropic/tool-use', 'pass'],
      ['anthropic/tool-use-stream', 'pass'],
    ]);
  }, 60_000);

  it('exits 1 and says why when cases fail', async () => {
    // Renamed models are not routed by this gateway: every case fails with a 404.
    const result = await run(['conformance', '--base-url', `${gateway.url}/v1`, '--mock-port', String(mockPort), '--case', 'anthropic/text', '--target', 'generic', '--model-prefix', 'anthropic=renamed/']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL anthropic/text');
    expect(result.stdout).toContain('the gateway did not call the upstream');
    expect(result.stdout).toContain('status: expected 200, got 404');
  }, 60_000);

  it('reports a usage error on stderr with a non-zero exit', async () => {
    const result = await run(['conformance', '--case', 'no-such-case/*', '--base-url', 'http://127.0.0.1:9/v1']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('no case matches --case no-such-case/*');
  });
});

/** Splits a shell line as `--print-setup` writes it (leading VAR=value assignments, then words without quotes). */
function parseCommandLine(line: string): { env: Record<string, string>; args: string[] } {
  const words = line.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift()!.split('=', 2) as [string, string];
    env[name] = value;
  }
  return { env, args: words };
}

/** Starts `interlingua serve …` (the built bin) and resolves with its base URL once it listens. */
function startServe(args: string[], env: Record<string, string>, cwd: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ANTHROPIC|GEMINI|GOOGLE|OPENAI|INTERLINGUA)_/.test(name)));
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (data) => (stderr += data));
    child.stdout!.on('data', (data) => {
      stdout += data;
      const listening = /listening on (http:\/\/\S+)/.exec(stdout);
      if (listening) resolve({ child, url: listening[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stdout}${stderr}`)));
  });
}

// The kit's own instructions for `serve`, followed to the letter (only the listening ports are free ones instead of
// 8787/8788): the printed config, the printed `serve` commands (with --allow-image-hosts naming the mock), and the
// printed conformance command. A correct gateway set up this way scores 100%, in both stream modes.
describe('interlingua conformance against interlingua serve, set up as --print-setup says', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('scores every case at 100% (accumulated and strict streams)', async () => {
    const port = await freePort();
    const setup = await run(['conformance', '--print-setup', '--mock-port', String(port)]);
    expect(setup.status).toBe(0);
    const lines = setup.stdout.split('\n');
    const configStart = lines.indexOf('{');
    const configEnd = lines.indexOf('}', configStart);
    const config = JSON.parse(lines.slice(configStart, configEnd + 1).join('\n'));
    expect(config.upstreams.gemini.baseUrl).toBe(`http://127.0.0.1:${port}`);
    const dir = mkdtempSync(join(tmpdir(), 'interlingua-serve-setup-'));
    writeFileSync(join(dir, 'conformance.json'), JSON.stringify(config));
    const serveLines = lines.filter((line) => /^\s+(\S+=\S+\s+)*interlingua serve /.test(line));
    expect(serveLines).toHaveLength(2);
    expect(serveLines[0]).toContain(`--allow-image-hosts 127.0.0.1:${port}`);
    const urls: string[] = [];
    for (const line of serveLines) {
      const { env, args } = parseCommandLine(line);
      expect(args.slice(0, 2)).toEqual(['interlingua', 'serve']);
      const portAt = args.indexOf('--port');
      args[portAt + 1] = String(await freePort());
      const started = await startServe(args.slice(1), env, dir);
      children.push(started.child);
      urls.push(started.url);
    }
    const scoreLine = lines.find((line) => /^\s+interlingua conformance /.test(line))!;
    const scoreArgs = parseCommandLine(scoreLine).args.slice(1);
    scoreArgs[scoreArgs.indexOf('--base-url') + 1] = `${urls[0]}/v1`;
    scoreArgs[scoreArgs.indexOf('--strict-base-url') + 1] = `${urls[1]}/v1`;
    for (const strict of [false, true]) {
      const json = join(dir, `report${strict ? '-strict' : ''}.json`);
      const result = await run([...scoreArgs, ...(strict ? ['--strict'] : []), '--json', json], dir);
      const report = JSON.parse(readFileSync(json, 'utf8'));
      expect(report.cases.filter((c: { status: string }) => c.status !== 'pass').map((c: { id: string; reasons: string[] }) => [c.id, c.reasons])).toEqual([]);
      expect(report.total.total).toBe(cases.length);
      expect(report.cases.some((c: { id: string }) => c.id === 'gemini/seed-vision')).toBe(true);
      expect(result.status).toBe(0);
    }
  }, 240_000);
});
