/// <reference types="node" />
/**
 * The Responses API in the Worker, in workerd (miniflare): the official `openai` SDK's `responses.create`,
 * `responses.stream`, and `previous_response_id` with the responses kept in a KV namespace bound as
 * `INTERLINGUA_RESPONSES` (miniflare's KV), the upstream a loopback server answering with recorded replies.
 */
import { createResponsesSpecValidator, readResponsesClientStream, serveOnLoopback, type LoopbackServer } from '@interlingua/conformance/node';
import { createReplayFetch } from '@interlingua/gateway';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackUpstreamBindings, startWorker, type StartedWorker } from '../test/start-worker.js';

const UPSTREAM_KEY = 'sk-upstream-secret-for-workers';
const spec = createResponsesSpecValidator();
const replay = createReplayFetch({ eventIntervalMs: 0 });
let upstream: LoopbackServer;
let worker: StartedWorker;
let miniflare: StartedWorker['miniflare'];
let baseURL: string;
const sent: any[] = [];

beforeAll(async () => {
  upstream = await serveOnLoopback(async (request) => {
    const body = await request.text();
    sent.push(JSON.parse(body));
    return replay(request.url, { method: 'POST', body });
  });
  worker = await startWorker({ bindings: loopbackUpstreamBindings(upstream.url, UPSTREAM_KEY, 'worker-client-key'), kvNamespaces: ['INTERLINGUA_RESPONSES'] });
  miniflare = worker.miniflare;
  baseURL = worker.baseURL;
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
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

    const { final, problems } = await readResponsesClientStream(client().responses.stream({ model, input: 'Hello' }));
    expect(problems).toEqual([]);
    expect(final.output_text.length).toBeGreaterThan(0);
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
