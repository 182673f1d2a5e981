/// <reference types="node" />
/**
 * The real Claude Code CLI in print mode against the gateway, with a mock Gemini 3 behind it. Not part of the
 * default test run (the CLI is a 370 MB native binary, not a project dependency): run it with
 *
 *   CLAUDE_CODE_BIN=/path/to/claude npx vitest run --config vitest.claude-code.config.ts
 *
 * (`npm install @anthropic-ai/claude-code` anywhere; the binary is `node_modules/@anthropic-ai/claude-code-linux-x64/claude`
 * on Linux; it is native, so it runs whatever the Node version). With `RECORD=1` it also writes the requests Claude
 * Code sent, redacted (see recordings/README.md), which `src/fronts/claude-code-replay.test.ts` replays.
 */
import { serveOnLoopback } from '@interlingua/conformance/node';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../src/create-gateway.js';
import { createMockGemini, redactClaudeCodeRequest, type RecordedClientRequest } from './claude-code-support.js';

const BIN = process.env.CLAUDE_CODE_BIN;
if (!BIN) throw new Error('Set CLAUDE_CODE_BIN to the Claude Code binary (see the comment at the top of this file).');

async function runClaudeCode(prompt: string, extraArgs: string[]) {
  const gemini = createMockGemini();
  const upstream = await serveOnLoopback(gemini.handler);
  const gateway = createGateway({
    keys: ['client-key'],
    upstreams: { gemini: { apiKey: 'gemini-secret', baseUrl: upstream.url } },
    models: [{ name: 'claude-sonnet-4-5', upstream: 'gemini', upstreamModel: 'gemini-3-pro-preview' }],
    log: () => {},
  });
  const seen: RecordedClientRequest[] = [];
  const server = await serveOnLoopback(async (request) => {
    const url = new URL(request.url);
    const text = await request.clone().text();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (name.startsWith('anthropic-') || name === 'content-type' || name === 'accept') headers[name] = value;
    });
    seen.push({ method: request.method, path: url.pathname + url.search, auth: request.headers.get('x-api-key') ? 'x-api-key' : 'authorization', headers, body: text ? JSON.parse(text) : null });
    return gateway(request);
  });
  const home = mkdtempSync(join(tmpdir(), 'cc-home-'));
  const cwd = mkdtempSync(join(tmpdir(), 'cc-work-'));
  writeFileSync(join(cwd, 'note.txt'), 'The secret word is PELICAN.\n');
  const child = spawn(BIN!, ['-p', prompt, '--model', 'claude-sonnet-4-5', '--output-format', 'json', ...extraArgs], {
    env: { PATH: process.env.PATH, HOME: home, ANTHROPIC_BASE_URL: server.url, ANTHROPIC_API_KEY: 'client-key', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1', DISABLE_TELEMETRY: '1' },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => (stdout += data));
  child.stderr.on('data', (data) => (stderr += data));
  const status = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  await server.close();
  await upstream.close();
  return { status, stdout, stderr, seen, upstreamRequests: gemini.requests, cwd };
}

function record(name: string, seen: RecordedClientRequest[]) {
  if (process.env.RECORD !== '1') return;
  const dir = join(import.meta.dirname, 'recordings');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(seen.map(redactClaudeCodeRequest), null, 2) + '\n');
}

describe('Claude Code (real CLI) → gateway → Gemini 3 (mock)', () => {
  it('answers a print-mode prompt', async () => {
    const run = await runClaudeCode('Say hello in five words.', []);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { result: string; is_error: boolean };
    expect(result).toMatchObject({ is_error: false, result: 'Hello from Gemini.' });
    expect(run.seen.every((request) => request.auth === 'x-api-key')).toBe(true);
    record('print-hello', run.seen);
  }, 120_000);

  it('runs a tool loop: Gemini calls Read, Claude Code runs it, the signature goes back to Gemini', async () => {
    const run = await runClaudeCode('What is the secret word in note.txt? Use the Read tool.', ['--allowedTools', 'Read']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { result: string; is_error: boolean };
    expect(result.result).toContain('PELICAN');
    const second = run.upstreamRequests.find((request) => JSON.stringify(request.body).includes('functionResponse'));
    expect(second, 'Claude Code sent the tool result back').toBeDefined();
    const modelTurn = (second!.body['contents'] as Array<{ role: string; parts: Array<Record<string, unknown>> }>).find((content) => content.role === 'model');
    expect(modelTurn?.parts.find((part) => 'functionCall' in part)).toMatchObject({ thoughtSignature: 'c2lnLXJlYWQ=' });
    record('tool-loop-read', run.seen);
  }, 120_000);
});
