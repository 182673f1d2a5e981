/// <reference types="node" />
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
