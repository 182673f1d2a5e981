/// <reference types="node" />
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the bundling script is plain JavaScript
import { bundleWorker } from '../scripts/bundle-worker.mjs';

// With no upstream key, the demo Worker (src/demo-worker.ts) serves the replay models from the embedded recordings;
// the default Worker (src/index.ts) does not carry them: it lists no models and says that no upstream is configured.
let demo: Miniflare;
let plain: Miniflare;
let demoUrl: string;
let plainUrl: string;

async function start(entry: string): Promise<[Miniflare, string]> {
  const miniflare = new Miniflare({
    modules: true,
    script: await bundleWorker({ minify: false, entry }),
    compatibilityDate: '2025-10-01',
    host: '127.0.0.1',
    port: 0,
  });
  return [miniflare, (await miniflare.ready).toString().replace(/\/$/, '')];
}

beforeAll(async () => {
  [demo, demoUrl] = await start('demo-worker.ts');
  [plain, plainUrl] = await start('index.ts');
}, 60_000);

afterAll(async () => {
  await demo?.dispose();
  await plain?.dispose();
});

const ask = (base: string, model: string, stream = false) =>
  fetch(`${base}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello' }], stream }),
  });

describe('the Worker with no upstream key', () => {
  it('demo Worker: lists and answers the replay models', async () => {
    const models = (await (await fetch(`${demoUrl}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(['replay/claude', 'replay/gemini']));
    const reply = await ask(demoUrl, 'replay/claude');
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { object: string; choices: { message: { content: string } }[] };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(0);
    const streamed = await (await ask(demoUrl, 'replay/gemini', true)).text();
    expect(streamed.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('default Worker: no replay models, and a request is a 503 saying no upstream is configured', async () => {
    const models = (await (await fetch(`${plainUrl}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data).toEqual([]);
    const reply = await ask(plainUrl, 'replay/claude');
    expect(reply.status).toBe(503);
    const body = (await reply.json()) as { error: { code: string; param: string; message: string } };
    expect(body.error).toMatchObject({ code: 'upstream_not_configured', param: 'model' });
    expect(body.error.message).toContain('replay/claude');
    expect(body.error.message).toContain('ANTHROPIC_API_KEY');
  });
});
