import type { ChatCompletionRequest } from '@interlingua/openai-schema';
import { findSecrets } from '@interlingua/conformance/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServiceAccount, startMockTokenEndpoint, type MockTokenEndpoint, type TestServiceAccount } from '../../test/vertex/google-test-servers.js';
import { anthropicBridge } from '../bridges/anthropic-bridge.js';
import { geminiBridge } from '../bridges/gemini-bridge.js';
import { createVertexBridge, publisherOptions, vertexBridgeFor } from './create-vertex-bridge.js';

let endpoint: MockTokenEndpoint;
let account: TestServiceAccount;
beforeAll(async () => {
  endpoint = await startMockTokenEndpoint();
  account = await createTestServiceAccount(endpoint.tokenUri, 'key-project');
  endpoint.account = account;
});
afterAll(() => endpoint.close());

const request = (model: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest =>
  ({ model, max_tokens: 256, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }], ...extra }) as ChatCompletionRequest;

const mapOptions = { strict: false };

describe('the vertex bridge: requests', () => {
  const bridge = () => createVertexBridge({ credentials: account.key, project: 'my-project', location: 'us-east5' }, { fetch });

  it('sends Gemini models through the Gemini mapper unchanged, to the publisher google path', async () => {
    for (const stream of [false, true]) {
      const mapped = await bridge().mapRequest(request('gemini-2.5-flash', { stream }), mapOptions);
      const direct = await geminiBridge.mapRequest(request('gemini-2.5-flash', { stream }), mapOptions);
      if (!mapped.ok || !direct.ok) throw new Error('mapping failed');
      expect(mapped.upstream.path).toBe(
        `/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      );
      expect(mapped.upstream.body).toEqual(direct.upstream.body);
      expect(mapped.upstream.headers).toEqual({ 'content-type': 'application/json' });
      expect(mapped.warnings).toEqual(direct.warnings);
    }
  });

  it('sends Claude models through the Anthropic mapper, without model and with anthropic_version vertex-2023-10-16 in the body', async () => {
    for (const stream of [false, true]) {
      const model = 'claude-sonnet-4-5@20250929';
      const mapped = await bridge().mapRequest(request(model, { stream }), mapOptions);
      const direct = await anthropicBridge.mapRequest(request(model, { stream }), mapOptions);
      if (!mapped.ok || !direct.ok) throw new Error('mapping failed');
      expect(mapped.upstream.path).toBe(
        `/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/${model}:${stream ? 'streamRawPredict' : 'rawPredict'}`,
      );
      const body = mapped.upstream.body as Record<string, unknown>;
      expect(body.anthropic_version).toBe('vertex-2023-10-16');
      expect('model' in body).toBe(false);
      const { model: _model, ...directBody } = direct.upstream.body as Record<string, unknown>;
      expect(body).toEqual({ anthropic_version: 'vertex-2023-10-16', ...directBody });
      expect(body.system).toEqual(directBody.system);
      expect(mapped.upstream.headers['anthropic-version']).toBeUndefined();
      expect(mapped.upstream.headers['content-type']).toBe('application/json');
    }
  });

  it('takes an explicit publishers/<publisher>/models/<id> name', async () => {
    const mapped = await bridge().mapRequest(request('publishers/anthropic/models/claude-custom'), mapOptions);
    expect(mapped.ok && mapped.upstream.path).toBe('/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-custom:rawPredict');
  });

  it('refuses a model of no known publisher, naming the model field', async () => {
    const mapped = await bridge().mapRequest(request('llama-3.1-405b'), mapOptions);
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.error.status).toBe(400);
    expect(mapped.error.body.error).toMatchObject({ param: 'model', code: 'model_not_supported' });
  });

  it('refuses a Files API reference for Claude (Vertex has no Files API), naming the field', async () => {
    const mapped = await bridge().mapRequest(
      request('claude-sonnet-4-5', {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Read this' }, { type: 'file', file: { file_id: 'file_011' } }] }],
      } as Partial<ChatCompletionRequest>),
      mapOptions,
    );
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.error.status).toBe(400);
    expect(mapped.error.body.error.param).toBe('messages[0].content[1].file.file_id');
  });

  it('in express mode sends Gemini to the project-less global path and refuses Claude', async () => {
    const express = createVertexBridge({ apiKey: 'express-key-secret' }, { fetch });
    expect(express.mode).toBe('express');
    expect(express.defaultBaseUrl).toBe('https://aiplatform.googleapis.com');
    const gemini = await express.mapRequest(request('gemini-2.5-flash', { stream: true }), mapOptions);
    expect(gemini.ok && gemini.upstream.path).toBe('/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    const claude = await express.mapRequest(request('claude-sonnet-4-5'), mapOptions);
    expect(claude.ok).toBe(false);
    if (!claude.ok) {
      expect(claude.error.status).toBe(503);
      expect(claude.error.body.error.code).toBe('upstream_not_configured');
    }
    expect(await express.authorize()).toEqual({ ok: true, headers: { 'x-goog-api-key': 'express-key-secret' } });
  });
});

describe('the vertex bridge: errors and replies', () => {
  it('translates Anthropic-shaped errors with the Anthropic converter and Google-shaped ones with the Gemini converter', () => {
    const bridge = createVertexBridge({ credentials: account.key }, { fetch });
    const headers = new Headers();
    const claude = bridge.mapError(429, { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }, headers);
    expect(claude).toEqual(anthropicBridge.mapError(429, { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }, headers));
    expect((claude.body as { error: { type: string } }).error.type).toBe('rate_limit_error');
    const google = { error: { code: 403, message: 'Permission denied on resource project x.', status: 'PERMISSION_DENIED' } };
    expect(bridge.mapError(403, google, headers)).toEqual(geminiBridge.mapError(403, google, headers));
    expect((bridge.mapError(403, google, headers).body as { error: { code: string } }).error.code).toBe('PERMISSION_DENIED');
  });
});

describe('the vertex bridge: configuration and auth', () => {
  it('uses the key\'s project_id when no project is set, and the global host by default', async () => {
    const bridge = createVertexBridge({ credentials: JSON.stringify(account.key) }, { fetch });
    expect(bridge.mode).toBe('service-account');
    expect(bridge.defaultBaseUrl).toBe('https://aiplatform.googleapis.com');
    const mapped = await bridge.mapRequest(request('gemini-2.5-pro'), mapOptions);
    expect(mapped.ok && mapped.upstream.path).toBe('/v1/projects/key-project/locations/global/publishers/google/models/gemini-2.5-pro:generateContent');
    const auth = await bridge.authorize();
    expect(auth).toEqual({ ok: true, headers: { authorization: `Bearer ${endpoint.grants.at(-1)!.token}` } });
  });

  it('answers 503 upstream_not_configured, never quoting a key, for each missing or unusable setting', async () => {
    const cases = [
      createVertexBridge({}, { fetch }),
      createVertexBridge({ credentialsFile: '/etc/key.json' }, { fetch }),
      createVertexBridge({ credentials: '{"type":"service_account","private_key":"SECRETSECRET"' }, { fetch }),
      createVertexBridge({ credentials: { ...account.key, project_id: undefined } as never }, { fetch }),
      createVertexBridge({ credentials: account.key, location: 'us-east5/../x' }, { fetch }),
    ];
    const messages: string[] = [];
    for (const bridge of cases) {
      const auth = await bridge.authorize();
      expect(auth.ok).toBe(false);
      if (auth.ok) continue;
      expect(auth.error.status).toBe(503);
      expect(auth.error.body.error.code).toBe('upstream_not_configured');
      messages.push(auth.error.body.error.message);
    }
    expect(messages[1]).toContain('only the Node adapters read');
    expect(messages[3]).toContain('GOOGLE_CLOUD_PROJECT');
    expect(findSecrets(messages, ['SECRETSECRET', account.key.private_key])).toEqual([]);
  });

  it('answers 502 upstream_auth_failed when the token endpoint refuses, with its reason and no secret', async () => {
    endpoint.failWith = { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    try {
      const auth = await createVertexBridge({ credentials: account.key }, { fetch }).authorize();
      expect(auth.ok).toBe(false);
      if (auth.ok) return;
      expect(auth.error.status).toBe(502);
      expect(auth.error.body.error).toMatchObject({
        code: 'upstream_auth_failed',
        message: 'The gateway could not get a Vertex AI access token: the token endpoint answered 401: invalid_client (The OAuth client was not found.).',
      });
      expect(findSecrets([JSON.stringify(auth)], [account.key.private_key])).toEqual([]);
    } finally {
      endpoint.failWith = undefined;
    }
  });

  it('keeps one bridge (one token cache) per settings object and transport', () => {
    const settings = { credentials: account.key };
    expect(vertexBridgeFor(settings, fetch)).toBe(vertexBridgeFor(settings, fetch));
    expect(vertexBridgeFor({ credentials: account.key }, fetch)).not.toBe(vertexBridgeFor(settings, fetch));
  });
});

describe('the vertex bridge: catalogs', () => {
  it('hands each publisher\'s mapper its own catalog override of the gateway config', () => {
    const anthropic = { aliases: { sonnet: 'claude-sonnet-4-5' } };
    const gemini = { aliases: { flash: 'gemini-2.5-flash' } };
    const options = { strict: true, catalog: { anthropic, gemini } };
    const claudeOnVertex = { midConversationSystemMessages: false };
    expect(publisherOptions(options, 'anthropic')).toEqual({ strict: true, catalog: anthropic, capabilities: claudeOnVertex });
    expect(publisherOptions(options, 'gemini')).toEqual({ strict: true, catalog: gemini });
    expect(publisherOptions({ strict: false, catalog: { gemini } }, 'anthropic')).toEqual({ strict: false, capabilities: claudeOnVertex });
    expect(publisherOptions({ strict: false }, 'gemini')).toEqual({ strict: false });
  });

  it('sends a mid-conversation system message of a Claude model to the top-level system on Vertex (not available there), unless the operator says otherwise', async () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi.' },
      { role: 'user', content: 'And now?' },
      { role: 'developer', content: 'Answer in French.' },
    ] as ChatCompletionRequest['messages'];
    const claude = request('claude-opus-5-5', { messages });
    const bridge = () => createVertexBridge({ credentials: account.key, project: 'my-project', location: 'us-east5' }, { fetch });
    const direct = await anthropicBridge.mapRequest(claude, mapOptions);
    const onVertex = await bridge().mapRequest(claude, mapOptions);
    const operatorSaysYes = await bridge().mapRequest(claude, { ...mapOptions, capabilities: { midConversationSystemMessages: true } });
    if (!direct.ok || !onVertex.ok || !operatorSaysYes.ok) throw new Error('mapping failed');
    const roles = (mapped: typeof direct) => ((mapped as { upstream: { body: { messages: Array<{ role: string }> } } }).upstream.body.messages.map((m) => m.role));
    expect(roles(direct)).toEqual(['user', 'assistant', 'user', 'system']);
    expect(roles(onVertex)).toEqual(['user', 'assistant', 'user']);
    expect((onVertex.upstream.body as { system: unknown }).system).toEqual([{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Answer in French.' }]);
    expect(onVertex.warnings.map((warning: { code: string }) => warning.code)).toContain('system_message_moved');
    expect(roles(operatorSaysYes)).toEqual(['user', 'assistant', 'user', 'system']);
  });
});

describe('the vertex bridge: media by URL', () => {
  it('refuses an image URL whose MIME type cannot be told (Vertex v1 requires FileData.mimeType), naming the part', async () => {
    const bridge = createVertexBridge({ credentials: account.key, project: 'p' }, { fetch });
    const ask = (url: string) =>
      bridge.mapRequest(
        request('gemini-2.5-flash', {
          messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url } }] }],
        } as Partial<ChatCompletionRequest>),
        mapOptions,
      );
    const direct = await geminiBridge.mapRequest(
      request('gemini-2.5-flash', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/render?id=7' } }] }] } as Partial<ChatCompletionRequest>),
      mapOptions,
    );
    // The premise: for the Gemini API the mapper sends such a URL as fileData without a mimeType.
    expect(direct.ok && JSON.stringify(direct.upstream.body)).toContain('"fileUri":"https://example.com/render?id=7"');
    expect(direct.ok && JSON.stringify(direct.upstream.body)).not.toContain('mimeType');
    const refused = await ask('https://example.com/render?id=7');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.status).toBe(400);
      expect(refused.error.body.error).toMatchObject({ param: 'messages[0].content[1].image_url', code: 'unsupported_media_url' });
    }
    const typed = await ask('https://example.com/cat.png');
    expect(typed.ok && JSON.stringify(typed.upstream.body)).toContain('"mimeType":"image/png"');
  });
});

describe('the vertex bridge: a client that goes away', () => {
  it('stops waiting for a token when the request is aborted, and the shared token request still completes', async () => {
    let open!: () => void;
    endpoint.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    try {
      const bridge = createVertexBridge({ credentials: account.key }, { fetch });
      const controller = new AbortController();
      const waiting = bridge.authorize(controller.signal);
      const other = bridge.authorize();
      controller.abort(new Error('client gone'));
      const aborted = await waiting;
      expect(aborted.ok).toBe(false);
      if (!aborted.ok) expect(aborted.error.status).toBe(499);
      open();
      const served = await other;
      expect(served).toEqual({ ok: true, headers: { authorization: `Bearer ${endpoint.grants.at(-1)!.token}` } });
    } finally {
      endpoint.gate = undefined;
      open?.();
    }
  });
});
