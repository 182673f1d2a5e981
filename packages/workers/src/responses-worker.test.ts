/// <reference types="node" />
/**
 * The Responses API in the Worker, in workerd (miniflare): the official `openai` SDK's `responses.create`,
 * `responses.stream`, and `previous_response_id` with the responses kept in a KV namespace bound as
 * `INTERLINGUA_RESPONSES` (miniflare's KV), the upstream a loopback server answering with recorded replies.
 */
import { checkResponsesEventGrammar } from '@interlingua/conformance';
import { createResponsesSpecValidator, serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { createReplayFetch } from '@interlingua/gateway';
import { Miniflare } from 'miniflare';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the bundling script is plain JavaScript
import { bundleWorker } from '../scripts/bundle-worker.mjs';

const UPSTREAM_KEY = 'sk-upstream-secret-for-workers';
const spec = createResponsesSpecValidator();
const replay = createReplayFetch({ eventIntervalMs: 0 });
let upstream: LoopbackServer;
let miniflare: Miniflare;
let baseURL: string;
const sent: any[] = [];

beforeAll(async () => {
  upstream = await serveOnLoopback(async (request) => {
    const body = await request.text();
    sent.push(JSON.parse(body));
    return replay(request.url, { method: 'POST', body });
  });
  miniflare = new Miniflare({
    modules: true,
    script: await bundleWorker({ minify: false }),
    compatibilityDate: '2025-10-01',
    host: '127.0.0.1',
    port: 0,
    kvNamespaces: ['INTERLINGUA_RESPONSES'],
    bindings: {
      ANTHROPIC_API_KEY: UPSTREAM_KEY,
      ANTHROPIC_BASE_URL: upstream.url,
      GEMINI_API_KEY: UPSTREAM_KEY,
      GEMINI_BASE_URL: upstream.url,
      INTERLINGUA_KEYS: 'worker-client-key',
    },
  });
  baseURL = `${(await miniflare.ready).toString().replace(/\/$/, '')}/v1`;
}, 60_000);

afterAll(async () => {
  await miniflare?.dispose();
  await upstream?.close();
});

describe('the Responses API in the Worker (workerd)', () => {
  const client = () => new OpenAI({ apiKey: 'worker-client-key', baseURL, maxRetries: 0 });

  it.each(['claude-3-5-haiku', 'gemini-1.5-pro-002'])('responses.create and responses.stream on %s', async (model) => {
    const response = await client().responses.create({ model, input: 'Hello' });
    expect(spec.response(response)).toEqual([]);
    expect(response.status).toBe('completed');
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(JSON.stringify(response)).not.toContain(UPSTREAM_KEY);

    const stream = client().responses.stream({ model, input: 'Hello' });
    const events: any[] = [];
    for await (const event of stream) events.push(event);
    expect(checkResponsesEventGrammar(events.map((data) => ({ data })))).toEqual([]);
    for (const event of events) expect(spec.event(event)).toEqual([]);
    expect((await stream.finalResponse()).output_text.length).toBeGreaterThan(0);
  });

  it('previous_response_id continues a conversation kept in KV; GET and DELETE', async () => {
    const first = await client().responses.create({ model: 'claude-3-5-haiku', input: 'Hello' });
    const kv = (await miniflare.getKVNamespace('INTERLINGUA_RESPONSES')) as unknown as { get(key: string): Promise<string | null> };
    expect(await kv.get(`response:${first.id}`)).not.toBeNull();
    const before = sent.length;
    const second = await client().responses.create({ model: 'claude-3-5-haiku', input: 'And then?', previous_response_id: first.id });
    expect(second.previous_response_id).toBe(first.id);
    expect(sent[before].messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect((await client().responses.retrieve(first.id)).id).toBe(first.id);
    await client().responses.delete(first.id);
    await expect(client().responses.create({ model: 'claude-3-5-haiku', input: 'x', previous_response_id: first.id })).rejects.toMatchObject({ status: 400 });
  });
});
