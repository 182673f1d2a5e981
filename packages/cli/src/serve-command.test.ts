/// <reference types="node" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `interlingua serve` (the built bin) with images given by http URL on a loopback address: the SSRF-guarded resolver
// refuses them by default, and fetches from exactly the host:port named with --allow-image-hosts.
const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const servers: Server[] = [];
const children: ChildProcess[] = [];
let imagePort = 0;
let imageRequests = 0;
let upstreamBodies: unknown[] = [];
let configPath = '';

async function listen(handler: (request: IncomingMessage, body: string) => { status: number; type: string; body: Buffer | string }): Promise<number> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const reply = handler(request, body);
      response.writeHead(reply.status, { 'content-type': reply.type });
      response.end(reply.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function serve(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ANTHROPIC|GEMINI|GOOGLE|OPENAI|INTERLINGUA)_/.test(name)));
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--config', configPath, ...args], { env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (data) => {
      output += data;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) resolve(listening[1]!);
    });
    child.stderr!.on('data', (data) => (output += data));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
}

async function ask(gateway: string, imageUrl: string): Promise<{ status: number; body: { error?: { message: string } } }> {
  const response = await fetch(`${gateway}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: imageUrl } }] }] }),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  imagePort = await listen(() => {
    imageRequests++;
    return { status: 200, type: 'image/png', body: PNG };
  });
  const upstreamPort = await listen((_request, body) => {
    upstreamBodies.push(JSON.parse(body));
    const reply = { candidates: [{ content: { role: 'model', parts: [{ text: 'A pixel.' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 } };
    return { status: 200, type: 'application/json', body: JSON.stringify(reply) };
  });
  configPath = join(mkdtempSync(join(tmpdir(), 'interlingua-serve-images-')), 'gateway.json');
  writeFileSync(configPath, JSON.stringify({ upstreams: { gemini: { apiKey: 'test-gemini-key', baseUrl: `http://127.0.0.1:${upstreamPort}` } }, models: [{ name: 'gemini-2.5-flash', upstream: 'gemini' }] }));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('interlingua serve: images given by URL on internal hosts', () => {
  it('--allow-image-urls alone refuses a loopback image host (400, nothing fetched, no upstream call)', async () => {
    const gateway = await serve(['--allow-image-urls']);
    upstreamBodies = [];
    const result = await ask(gateway, `http://127.0.0.1:${imagePort}/a.png`);
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/may not be fetched/);
    expect(imageRequests).toBe(0);
    expect(upstreamBodies).toEqual([]);
  }, 30_000);

  it('--allow-image-hosts fetches from the named host:port, and still refuses another port of the same host', async () => {
    const gateway = await serve(['--allow-image-hosts', `127.0.0.1:${imagePort}`]);
    upstreamBodies = [];
    const fetched = await ask(gateway, `http://127.0.0.1:${imagePort}/a.png`);
    expect(fetched.status).toBe(200);
    expect(imageRequests).toBe(1);
    expect(JSON.stringify(upstreamBodies)).toContain(JSON.stringify({ inlineData: { mimeType: 'image/png', data: PNG.toString('base64') } }));
    upstreamBodies = [];
    const otherPort = await ask(gateway, `http://127.0.0.1:${imagePort + 1}/a.png`);
    expect(otherPort.status).toBe(400);
    expect(otherPort.body.error?.message).toMatch(/may not be fetched/);
    expect(imageRequests).toBe(1);
    expect(upstreamBodies).toEqual([]);
  }, 30_000);
});
