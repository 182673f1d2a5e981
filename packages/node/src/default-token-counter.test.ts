import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The listener's default tokenizer (gpt-tokenizer's o200k_base, 20 MiB of heap) is imported by the first request that
// needs an estimate, not at start. Checked in a Node process of its own, with the built package, where a module
// resolve hook (node:module's `register`) records every module the process resolves.
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));

const child = String.raw`
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const resolved = [];
port1.on('message', (url) => resolved.push(url));
port1.unref();
const hook = 'let port; export function initialize(data) { port = data.port; }' +
  ' export async function resolve(specifier, context, next) { const result = await next(specifier, context); port.postMessage(result.url); return result; }';
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });

const { createServer } = await import('node:http');
const { defaultReplayModels } = await import('@interlingua/gateway');
const { createNodeRequestListener } = await import('@interlingua/node');
const server = createServer(createNodeRequestListener({ models: defaultReplayModels(), log: () => {} }));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = 'http://127.0.0.1:' + server.address().port;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const loaded = () => resolved.filter((url) => url.includes('gpt-tokenizer')).length;

const chat = await fetch(base + '/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'replay/claude', messages: [{ role: 'user', content: 'Hi' }] }) });
await chat.text();
await settle();
const afterChat = { status: chat.status, gatewayModules: resolved.filter((url) => url.includes('/gateway/')).length, tokenizerModules: loaded() };

const count = await fetch(base + '/v1/messages/count_tokens', { method: 'POST', body: JSON.stringify({ model: 'replay/gemini', messages: [{ role: 'user', content: 'Hello, world' }] }) });
const counted = { status: count.status, header: count.headers.get('x-interlingua-token-count'), body: await count.json() };
await settle();
process.stdout.write(JSON.stringify({ afterChat, counted, tokenizerModules: loaded() }));
server.close();
`;

it('the default tokenizer is not imported at start or by a chat request, and is by the first count_tokens', async () => {
  const process_ = spawn(process.execPath, ['--input-type=module', '-e', child], { cwd: packageDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  process_.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  process_.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise((resolve) => process_.once('exit', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const result = JSON.parse(stdout) as {
    afterChat: { status: number; gatewayModules: number; tokenizerModules: number };
    counted: { status: number; header: string; body: { input_tokens: number } };
    tokenizerModules: number;
  };
  // The hook saw the gateway's own modules (it works), and no tokenizer module, until the count.
  expect(result.afterChat.status).toBe(200);
  expect(result.afterChat.gatewayModules).toBeGreaterThan(0);
  expect(result.afterChat.tokenizerModules).toBe(0);
  expect(result.counted.status).toBe(200);
  expect(result.counted.header).toBe('estimate; tokenizer=o200k_base');
  // "Hello, world" is 3 o200k tokens; one message (3) and the reply's priming (3).
  expect(result.counted.body).toEqual({ input_tokens: 9 });
  expect(result.tokenizerModules).toBeGreaterThan(0);
});
