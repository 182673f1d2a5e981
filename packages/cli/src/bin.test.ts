/// <reference types="node" />
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseMessagesValue, parseMessagesSse } from '@interlingua/conformance';
import { fixturesRoot } from '@interlingua/conformance/node';
import { describe, expect, it } from 'vitest';

// The CLI is run as a user runs it: the built bin (the test command builds every package first).
const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
const fixtures = fixturesRoot();
const { ANTHROPIC_API_KEY: _a, GEMINI_API_KEY: _g, GOOGLE_API_KEY: _go, OPENAI_API_KEY: _o, ...cleanEnv } = process.env;

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: cleanEnv, timeout: 30_000 });
}

function frames(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => (frame === 'data: [DONE]' ? '[DONE]' : JSON.parse(frame.slice('data: '.length))));
}

/** Ids and timestamps are invented per run: compare everything else. */
function withoutIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, inner) => (['id', 'created', 'system_fingerprint'].includes(key) && typeof inner !== 'object' ? '*' : inner));
}

describe('interlingua (the CLI)', () => {
  it('prints help for the program and each command', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['serve', 'translate', 'transduce', 'convert-response']) {
      expect(help.stdout).toContain(command);
      const commandHelp = run([command, '--help']);
      expect(commandHelp.status).toBe(0);
      expect(commandHelp.stdout).toContain('Usage: interlingua ' + command);
    }
  });

  it('fails with a message on stderr and a non-zero exit for an unknown command or a missing option', () => {
    const unknown = run(['frobnicate']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/i);
    const missing = run(['translate']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/--to/);
  });

  it('translate --to anthropic: the seed request becomes the expected Anthropic request', () => {
    const dir = join(fixtures, 'anthropic', 'seed-tools-non-stream');
    const result = run(['translate', '--to', 'anthropic', join(dir, 'request.json')]);
    expect(result.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, 'upstream-request.json'), 'utf8'));
    const printed = JSON.parse(result.stdout);
    expect(printed.path).toBe(expected.path);
    expect(printed.body).toEqual(expected.body);
  });

  it('translate --to gemini reads standard input, and a bad request is an error envelope on stderr', () => {
    const dir = join(fixtures, 'gemini', 'seed-json-schema');
    const result = run(['translate', '--to', 'gemini'], readFileSync(join(dir, 'request.json'), 'utf8'));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).body).toEqual(JSON.parse(readFileSync(join(dir, 'upstream-request.json'), 'utf8')).body);
    expect(result.stderr).toContain('warning:');
    const bad = run(['translate', '--to', 'gemini'], '{"model": 1}');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr).error.type).toBe('invalid_request_error');
    const notJson = run(['translate', '--to', 'gemini'], 'nope');
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toContain('is not valid JSON');
  });

  it.each([
    ['anthropic', 'seed-tools-stream', ['--include-usage', '--model', 'claude-3-5-haiku']],
    ['gemini', 'seed-vision-stream', ['--model', 'gemini-pro-vision']],
  ])('transduce --from %s turns the recorded stream of %s into the expected chunks', (provider, name, flags) => {
    const dir = join(fixtures, provider, name);
    const result = run(['transduce', '--from', provider, ...flags], readFileSync(join(dir, 'upstream-response.sse'), 'utf8'));
    expect(result.status).toBe(0);
    expect(withoutIds(frames(result.stdout))).toEqual(withoutIds(frames(readFileSync(join(dir, 'expected-response.sse'), 'utf8'))));
  });

  it('translate --from responses --to anthropic: a Responses request becomes the Anthropic request of its case', () => {
    const dir = join(fixtures, 'responses', 'anthropic', 'thinking-signature');
    const result = run(['translate', '--from', 'responses', '--to', 'anthropic', join(dir, 'request.json')]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).body).toEqual(JSON.parse(readFileSync(join(dir, 'upstream-request.json'), 'utf8')).body);
    expect(result.stderr).toContain('parameter_dropped');
  });

  it('translate --from messages: a Messages request becomes the Gemini request of its case, and passes to Anthropic unchanged', () => {
    const dir = join(fixtures, 'messages', 'gemini', 'google-tool-call-gemini3');
    const result = run(['translate', '--from', 'messages', '--to', 'gemini', join(dir, 'request.json')]);
    expect(result.status, result.stderr).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, 'upstream-request.json'), 'utf8'));
    expect(JSON.parse(result.stdout)).toMatchObject({ path: expected.path, body: expected.body });
    const claude = join(fixtures, 'messages', 'anthropic', 'text');
    const passed = run(['translate', '--from', 'messages', '--to', 'anthropic', join(claude, 'request.json')]);
    expect(JSON.parse(passed.stdout).body).toEqual(JSON.parse(readFileSync(join(claude, 'upstream-request.json'), 'utf8')).body);
  });

  it('transduce --from gemini --to messages turns a recorded stream into the Messages events of its case', () => {
    const dir = join(fixtures, 'messages', 'gemini', 'google-reasoning-gemini3-stream');
    const result = run(['transduce', '--from', 'gemini', '--to', 'messages', '--model', 'gemini-3-pro-preview'], readFileSync(join(dir, 'upstream-response.sse'), 'utf8'));
    expect(result.status, result.stderr).toBe(0);
    // The msg_ id is random here, and message_start's input_tokens is the gateway's estimate (none in the CLI).
    const events = (text: string) => parseMessagesSse(text).map((event) => normaliseMessagesValue(event));
    expect(events(result.stdout)).toEqual(events(readFileSync(join(dir, 'expected-response.sse'), 'utf8')));
  });

  it('transduce --from anthropic --to responses turns a recorded stream into the Responses events of its case', () => {
    const dir = join(fixtures, 'responses', 'anthropic', 'thinking-signature-stream');
    const result = run(['transduce', '--from', 'anthropic', '--to', 'responses', '--model', 'claude-sonnet-4-5-20250929'], readFileSync(join(dir, 'upstream-response.sse'), 'utf8'));
    expect(result.status).toBe(0);
    const events = (text: string) => text.split('\n\n').filter(Boolean).map((block) => JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))!.slice(6)));
    const got = events(result.stdout);
    const want = events(readFileSync(join(dir, 'expected-response.sse'), 'utf8'));
    expect(got.map((event) => event.type)).toEqual(want.map((event) => event.type));
    const text = (list: any[]) => list.filter((event) => event.type === 'response.output_text.done' || event.type === 'response.reasoning_summary_text.done').map((event) => event.text);
    expect(text(got)).toEqual(text(want));
  });

  it('convert-response --from gemini converts a reply, and --status converts an error body', () => {
    const dir = join(fixtures, 'gemini', 'seed-json-object');
    const recorded = JSON.parse(readFileSync(join(dir, 'upstream-response.json'), 'utf8'));
    const result = run(['convert-response', '--from', 'gemini', '--model', 'gemini-1.5-pro-002'], JSON.stringify(recorded.body));
    expect(result.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(dir, 'expected-response.json'), 'utf8'));
    expect(withoutIds(JSON.parse(result.stdout))).toEqual(withoutIds(expected.body));
    const error = run(['convert-response', '--from', 'anthropic', '--status', '429'], '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}');
    expect(error.status).toBe(0);
    expect(JSON.parse(error.stdout)).toMatchObject({ status: 429, body: { error: { message: 'slow down', type: 'rate_limit_error' } } });
  });

  it('serve: starts on 127.0.0.1 with the replay models and streams a translated answer', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: cleanEnv });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (data: Buffer) => {
          output += data.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match && output.includes('replay')) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: { id: string }[] };
      expect(models.data.map((model) => model.id)).toContain('replay/claude');
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'replay/claude', stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
      });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const text = await response.text();
      expect(text).toContain('chat.completion.chunk');
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('serve: logs one JSON line per request on stdout, and none is lost when it is stopped at once', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: cleanEnv });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const check = () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match && output.includes('replay')) resolve(match[1]!);
        };
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      const requests = Array.from({ length: 20 }, (_, n) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'replay/claude', messages: [{ role: 'user', content: `Hello ${n}` }] }),
        }).then((response) => response.text()),
      );
      await Promise.all(requests);
      await fetch(`${url}/v1/models`).then((response) => response.text());
    } finally {
      // Stopped right after the last reply: lines still waiting for their timer are written on exit.
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = output
      .split('\n')
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as { method: string; path: string; status: number; model?: string });
    expect(lines.filter((entry) => entry.path === '/v1/chat/completions' && entry.status === 200 && entry.model === 'replay/claude')).toHaveLength(20);
    expect(lines.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models', status: 200 });
  });
});
