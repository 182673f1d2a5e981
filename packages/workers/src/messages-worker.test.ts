/// <reference types="node" />
/**
 * Anthropic's Messages API in the Worker, in workerd (miniflare), with the official `@anthropic-ai/sdk` as the
 * client and a loopback upstream answering with recorded replies (fixtures/gemini, fixtures/anthropic): the Gemini 3
 * tool loop with its thought signature, a stream, the Claude passthrough, and count_tokens (Gemini's own count; for
 * an OpenAI-compatible model a 501, since the Worker carries no tokenizer).
 */
import Anthropic from '@anthropic-ai/sdk';
import { checkMessagesEventGrammar } from '@interlingua/conformance';
import { fixturesRoot, serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackUpstreamBindings, startWorker, type StartedWorker } from '../test/start-worker.js';

const UPSTREAM_KEY = 'sk-upstream-secret-for-workers';
const read = (path: string) => readFileSync(join(fixturesRoot(), path), 'utf8');
const GEMINI_TOOL_CALL = (JSON.parse(read('gemini/google-tool-call-gemini3/upstream-response.json')) as { body: unknown }).body;
const GEMINI_STREAM = read('gemini/google-reasoning-gemini3-stream/upstream-response.sse');
const CLAUDE_TEXT = (JSON.parse(read('anthropic/text/upstream-response.json')) as { body: unknown }).body;
const weather = { name: 'weather', description: 'Get the weather in a location', input_schema: { type: 'object' as const, properties: { location: { type: 'string' } }, required: ['location'] } };
let upstream: LoopbackServer;
let worker: StartedWorker;
let baseURL: string;
const sent: Array<{ path: string; headers: Record<string, string>; body: any }> = [];

beforeAll(async () => {
  upstream = await serveOnLoopback(async (request) => {
    const url = new URL(request.url);
    const body = JSON.parse(await request.text());
    sent.push({ path: url.pathname + url.search, headers: Object.fromEntries(request.headers), body });
    if (url.pathname.endsWith(':countTokens')) return Response.json({ totalTokens: 31 });
    if (url.pathname.endsWith(':streamGenerateContent')) return new Response(GEMINI_STREAM, { headers: { 'content-type': 'text/event-stream' } });
    if (url.pathname.endsWith(':generateContent')) return Response.json(GEMINI_TOOL_CALL);
    if (url.pathname === '/v1/messages') return Response.json(CLAUDE_TEXT);
    return new Response('unexpected', { status: 500 });
  });
  worker = await startWorker({
    bindings: { ...loopbackUpstreamBindings(upstream.url, UPSTREAM_KEY, 'worker-client-key'), OPENAI_API_KEY: UPSTREAM_KEY, OPENAI_BASE_URL: `${upstream.url}/v1` },
  });
  baseURL = worker.baseURL.replace(/\/v1$/, '');
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  await upstream?.close();
});

describe('the Messages API in the Worker (workerd)', () => {
  const client = () => new Anthropic({ apiKey: 'worker-client-key', baseURL, maxRetries: 0 });

  it('create on Gemini 3 and the tool loop: the thought signature goes back to Gemini', async () => {
    const first = await client().messages.create({ model: 'gemini-3-pro-preview', max_tokens: 512, tools: [weather], messages: [{ role: 'user', content: 'Weather in San Francisco?' }] });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content.map((block) => block.type)).toEqual(['tool_use', 'redacted_thinking']);
    expect(JSON.stringify(first)).not.toContain(UPSTREAM_KEY);
    const toolUse = first.content[0]!;
    if (toolUse.type !== 'tool_use') throw new Error('expected tool_use');
    await client().messages.create({
      model: 'gemini-3-pro-preview',
      max_tokens: 512,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in San Francisco?' }, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 C' }] }],
    });
    const signature = (GEMINI_TOOL_CALL as any).candidates[0].content.parts[0].thoughtSignature;
    expect(sent.at(-1)!.body.contents[1].parts[0].thoughtSignature).toBe(signature);
  });

  it('stream on Gemini 3: the SDK accumulates a well-formed event stream', async () => {
    const stream = client().messages.stream({ model: 'gemini-3-pro-preview', max_tokens: 512, messages: [{ role: 'user', content: 'How many r in strawberry?' }] });
    const events: any[] = [];
    stream.on('streamEvent', (event) => events.push(event));
    const final = await stream.finalMessage();
    expect(checkMessagesEventGrammar(events)).toEqual([]);
    expect(final.content[0]).toMatchObject({ type: 'text' });
    expect(final.usage.input_tokens).toBe(9);
  });

  it('a Claude model is passed through to Anthropic unchanged', async () => {
    const message = await client().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] });
    expect(message).toEqual(CLAUDE_TEXT);
    const call = sent.at(-1)!;
    expect([call.path, call.body, call.headers['x-api-key']]).toEqual(['/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] }, UPSTREAM_KEY]);
  });

  it('count_tokens: Gemini counts; an OpenAI-compatible model needs a tokenizer the Worker does not carry (501)', async () => {
    const counted = await client().messages.countTokens({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }] });
    expect(counted.input_tokens).toBe(31);
    const response = await fetch(`${baseURL}/v1/messages/count_tokens`, { method: 'POST', headers: { 'x-api-key': 'worker-client-key' }, body: JSON.stringify({ model: 'gpt-5', messages: [{ role: 'user', content: 'Hello' }] }) });
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });
});
