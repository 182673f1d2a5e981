/// <reference types="node" />
/**
 * The response-store contract on the real components: Redis (a `redis-server` started by this test on 127.0.0.1,
 * from the machine's package: `apt-get install -y redis-server`) through the node-redis client, and Workers KV
 * (Cloudflare's simulator in miniflare, the same one `wrangler dev` runs), beside the in-memory default. Then two
 * gateway instances sharing one Redis store: a conversation started on one continues on the other.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import type { ResponseObject } from '@interlingua/responses-schema';
import { Miniflare } from 'miniflare';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.js';
import { createKvResponseStore } from './create-kv-response-store.js';
import { createMemoryResponseStore } from './create-memory-response-store.js';
import { createRedisResponseStore } from './create-redis-response-store.js';
import type { ResponseStore, StoredResponse } from './response-store.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
let redisProcess: ChildProcess | undefined;
let redis: ReturnType<typeof createClient> | undefined;
let miniflare: Miniflare | undefined;
const stores: Record<string, () => ResponseStore> = {};

beforeAll(async () => {
  if (!hasRedisServer) throw new Error('redis-server is not installed: apt-get install -y redis-server (the persistent-store tests start it)');
  const port = await freePort();
  redisProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  redis = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: (retries) => (retries > 50 ? new Error('redis did not start') : 100) } });
  redis.on('error', () => {});
  await redis.connect();
  miniflare = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response("ok"); } }', kvNamespaces: ['RESPONSES'] });
  const kv = await miniflare.getKVNamespace('RESPONSES');
  stores.memory = () => createMemoryResponseStore();
  stores.redis = () => createRedisResponseStore(redis!, { keyPrefix: `test:${Math.random()}:` });
  stores.kv = () => createKvResponseStore(kv as never, { keyPrefix: `test:${Math.random()}:` });
}, 60_000);

afterAll(async () => {
  await redis?.quit().catch(() => {});
  redisProcess?.kill('SIGTERM');
  await miniflare?.dispose();
});

const entry = (id: string): StoredResponse => ({
  response: { id, object: 'response', status: 'completed', output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hé ✓', annotations: [], logprobs: [] }] }] } as unknown as ResponseObject,
  inputItems: [{ id: 'msg_in', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  conversation: [{ role: 'user', content: 'hi' }],
});

describe.each(['memory', 'redis', 'kv'])('the %s response store', (name) => {
  it('put, get (a copy, unicode intact), delete, get after delete', async () => {
    const store = stores[name]!();
    expect(await store.get('resp_a')).toBeUndefined();
    await store.put(entry('resp_a'));
    expect(await store.get('resp_a')).toEqual(entry('resp_a'));
    expect(await store.delete('resp_a')).toBe(true);
    expect(await store.get('resp_a')).toBeUndefined();
    expect(await store.delete('resp_a')).toBe(false);
  });
});

it('redis: keys expire with the TTL', async () => {
  const store = createRedisResponseStore(redis!, { keyPrefix: 'ttl:', ttlSeconds: 100 });
  await store.put(entry('resp_ttl'));
  const ttl = await redis!.ttl('ttl:resp_ttl');
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(100);
});

it('two gateways sharing a Redis store: previous_response_id continues across them', async () => {
  const replies = new Map(loadFixtureCases(fixturesRoot()).map((c) => [c.id, c]));
  const text = (replies.get('anthropic/text')!.upstreamResponse as { response: { body: unknown } }).response.body;
  const sent: any[] = [];
  const shared = createRedisResponseStore(redis!, { keyPrefix: `shared:${Math.random()}:` });
  const make = () =>
    createGateway({
      upstreams: { anthropic: { apiKey: 'sk-ant-test-secret', baseUrl: 'http://anthropic.test' } },
      prefixes: [{ prefix: 'claude', upstream: 'anthropic' }],
      responseStore: shared,
      log: () => {},
      fetch: async (_url, init) => {
        sent.push(JSON.parse(init.body));
        return new Response(JSON.stringify(text), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
  const post = (gateway: ReturnType<typeof make>, body: unknown) =>
    gateway(new Request('http://gateway.test/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  const first = await (await post(make(), { model: 'claude-sonnet-4-5-20250929', input: 'Hello, how are you?' })).json();
  // A non-streamed reply is stored before it is sent.
  expect((await shared.get(first.id))?.response.id).toBe(first.id);
  const second = await post(make(), { model: 'claude-sonnet-4-5-20250929', input: 'And you?', previous_response_id: first.id });
  expect(second.status).toBe(200);
  expect(sent[1].messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user']);
});
