import { findSecrets } from '@interlingua/conformance/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestServiceAccount,
  startMockTokenEndpoint,
  startMockVertexUpstream,
  type MockTokenEndpoint,
  type MockVertexReply,
  type MockVertexUpstream,
  type RecordedVertexCall,
  type TestServiceAccount,
} from '../../test/vertex/google-test-servers.js';
import { createGateway } from '../create-gateway.js';
import type { GatewayLogLine, GatewayOptions } from '../gateway-options.js';

/**
 * The vertex upstream end to end over 127.0.0.1: the gateway's own fetch, a token endpoint that verifies the signed
 * JWT with the test key's public half, and a Vertex stand-in that records the path, the headers and the body.
 */
let tokens: MockTokenEndpoint;
let vertex: MockVertexUpstream;
let account: TestServiceAccount;
let logLines: GatewayLogLine[];
const EXPRESS_KEY = 'AQ.express-test-key-0123456789';

beforeAll(async () => {
  tokens = await startMockTokenEndpoint();
  vertex = await startMockVertexUpstream();
  account = await createTestServiceAccount(tokens.tokenUri, 'key-project');
  tokens.account = account;
});
afterAll(async () => {
  await tokens.close();
  await vertex.close();
});
beforeEach(() => {
  tokens.failWith = undefined;
  tokens.gate = undefined;
  tokens.expiresIn = 3600;
  vertex.calls.length = 0;
  vertex.reply = replyLikeVertex;
  logLines = [];
});

/** Replies in each publisher's documented shape, chosen by the method in the path. */
function replyLikeVertex(call: RecordedVertexCall): MockVertexReply {
  if (call.path.endsWith(':rawPredict')) {
    return {
      status: 200,
      body: {
        id: 'msg_vrtx_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5@20250929',
        content: [{ type: 'text', text: 'Hello from Claude on Vertex' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 12, output_tokens: 6 },
      },
    };
  }
  if (call.path.endsWith(':streamRawPredict')) {
    const events: [string, unknown][] = [
      ['message_start', { type: 'message_start', message: { id: 'msg_vrtx_02', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5@20250929', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Streamed ' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Claude' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } }],
      ['message_stop', { type: 'message_stop' }],
    ];
    return { status: 200, body: events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('') };
  }
  if (call.path.endsWith(':generateContent')) {
    return {
      status: 200,
      body: {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hello from Gemini on Vertex' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 5, totalTokenCount: 9 },
        modelVersion: 'gemini-2.5-flash',
      },
    };
  }
  if (call.path.endsWith(':streamGenerateContent?alt=sse')) {
    const chunks = [
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Streamed ' }] } }], modelVersion: 'gemini-2.5-flash' },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Gemini' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2, totalTokenCount: 6 }, modelVersion: 'gemini-2.5-flash' },
    ];
    return { status: 200, body: chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join('') };
  }
  return { status: 404, body: { error: { code: 404, message: `no such method ${call.path}`, status: 'NOT_FOUND' } } };
}

function gateway(vertexSettings: NonNullable<NonNullable<GatewayOptions['upstreams']>['vertex']>) {
  return createGateway({
    upstreams: { vertex: vertexSettings },
    prefixes: [{ prefix: '', upstream: 'vertex' }],
    log: (line) => logLines.push(line),
  });
}

const serviceAccountSettings = () => ({ credentials: JSON.stringify(account.key), project: 'my-project', location: 'us-east5', baseUrl: vertex.url });

async function ask(handler: ReturnType<typeof createGateway>, model: string, stream = false) {
  const response = await handler(
    new Request('http://gateway.test/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, max_tokens: 64, stream, messages: [{ role: 'user', content: 'Hello' }] }),
    }),
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

/** The assistant text of a reply: the message, or the stream's deltas joined. */
function answerText(text: string, stream: boolean): string {
  if (!stream) return JSON.parse(text).choices[0].message.content;
  expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice(6)).choices?.[0]?.delta?.content ?? '')
    .join('');
}

function allSecrets(): string[] {
  return [account.key.private_key, EXPRESS_KEY, ...tokens.grants.map((grant) => grant.token)];
}

describe('vertex upstream over the network', () => {
  it.each([
    ['gemini-2.5-flash', false, '/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent', 'Hello from Gemini on Vertex'],
    ['gemini-2.5-flash', true, '/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse', 'Streamed Gemini'],
    ['claude-sonnet-4-5@20250929', false, '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict', 'Hello from Claude on Vertex'],
    ['claude-sonnet-4-5@20250929', true, '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict', 'Streamed Claude'],
  ] as const)('%s (stream %s): the Vertex path, a verified OAuth token, the publisher\'s body', async (model, stream, path, answer) => {
    const handler = gateway(serviceAccountSettings());
    const reply = await ask(handler, model, stream);
    expect(reply.status).toBe(200);
    expect(answerText(reply.text, stream)).toBe(answer);
    expect(tokens.rejections).toEqual([]);
    expect(vertex.calls).toHaveLength(1);
    const call = vertex.calls[0]!;
    expect(call.method).toBe('POST');
    expect(call.path).toBe(path);
    const grant = tokens.grants.at(-1)!;
    expect(call.headers.authorization).toBe(`Bearer ${grant.token}`);
    expect(grant.claims.aud).toBe(tokens.tokenUri);
    expect(call.headers['x-goog-api-key']).toBeUndefined();
    const body = call.body as Record<string, unknown>;
    if (model.startsWith('claude')) {
      expect(body.anthropic_version).toBe('vertex-2023-10-16');
      expect(body.model).toBeUndefined();
      expect(call.headers['anthropic-version']).toBeUndefined();
      expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }]);
      expect(body.max_tokens).toBe(64);
      expect(body.stream).toBe(stream ? true : undefined);
    } else {
      expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'Hello' }] }]);
      expect((body.generationConfig as { maxOutputTokens?: number }).maxOutputTokens).toBe(64);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logLines.at(-1)).toMatchObject({ status: 200, upstream: 'vertex', model });
    expect(findSecrets([reply.text, JSON.stringify(logLines)], allSecrets())).toEqual([]);
  });

  it('reuses one token across requests and makes one token request for many concurrent ones', async () => {
    const handler = gateway(serviceAccountSettings());
    let open!: () => void;
    tokens.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const before = tokens.requests;
    const pending = Array.from({ length: 20 }, (_, index) => ask(handler, index % 2 ? 'claude-sonnet-4-5' : 'gemini-2.5-flash', index % 3 === 0));
    await new Promise((resolve) => setTimeout(resolve, 100));
    open();
    const replies = await Promise.all(pending);
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(tokens.requests - before).toBe(1);
    const token = tokens.grants.at(-1)!.token;
    expect(new Set(vertex.calls.map((call) => call.headers.authorization))).toEqual(new Set([`Bearer ${token}`]));
    expect((await ask(handler, 'gemini-2.5-flash')).status).toBe(200);
    expect(tokens.requests - before).toBe(1);
  });

  it('fetches a new token once the old one is close to expiry', async () => {
    tokens.expiresIn = 1; // refreshed at half its lifetime, 500 ms
    const handler = gateway(serviceAccountSettings());
    expect((await ask(handler, 'gemini-2.5-flash')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await ask(handler, 'gemini-2.5-flash')).status).toBe(200);
    const [first, second] = vertex.calls.map((call) => call.headers.authorization);
    expect(first).not.toBe(second);
    expect(second).toBe(`Bearer ${tokens.grants.at(-1)!.token}`);
  });

  it('express mode: the key in x-goog-api-key, no project or location in the path, no token request; Claude refused', async () => {
    const handler = gateway({ apiKey: EXPRESS_KEY, baseUrl: vertex.url });
    const before = tokens.requests;
    for (const stream of [false, true]) {
      const reply = await ask(handler, 'gemini-2.5-flash', stream);
      expect(reply.status).toBe(200);
      expect(answerText(reply.text, stream)).toBe(stream ? 'Streamed Gemini' : 'Hello from Gemini on Vertex');
    }
    expect(vertex.calls.map((call) => call.path)).toEqual([
      '/v1/publishers/google/models/gemini-2.5-flash:generateContent',
      '/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    ]);
    for (const call of vertex.calls) {
      expect(call.headers['x-goog-api-key']).toBe(EXPRESS_KEY);
      expect(call.headers.authorization).toBeUndefined();
    }
    const claude = await ask(handler, 'claude-sonnet-4-5');
    expect(claude.status).toBe(503);
    expect(JSON.parse(claude.text).error.code).toBe('upstream_not_configured');
    expect(vertex.calls).toHaveLength(2);
    expect(tokens.requests).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(findSecrets([claude.text, JSON.stringify(logLines)], allSecrets())).toEqual([]);
  });

  it('translates Vertex errors of both shapes and keeps retry-after', async () => {
    const handler = gateway(serviceAccountSettings());
    vertex.reply = (call) =>
      call.path.includes('/publishers/anthropic/')
        ? { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }
        : {
            status: 429,
            body: {
              error: {
                code: 429,
                message: 'Resource exhausted. Please try again later.',
                status: 'RESOURCE_EXHAUSTED',
                details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
              },
            },
          };
    const gemini = await ask(handler, 'gemini-2.5-flash');
    expect(gemini.status).toBe(429);
    expect(gemini.headers.get('retry-after')).toBe('7');
    expect(JSON.parse(gemini.text).error).toMatchObject({ type: 'rate_limit_error', code: 'RESOURCE_EXHAUSTED', message: 'Resource exhausted. Please try again later.' });
    const claude = await ask(handler, 'claude-sonnet-4-5');
    expect(claude.status).toBe(529);
    expect(JSON.parse(claude.text).error).toMatchObject({ type: 'overloaded_error', message: 'Overloaded' });
  });

  it('answers 502 upstream_auth_failed when the token endpoint refuses, calls no upstream, and logs no secret', async () => {
    tokens.failWith = { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    const handler = gateway(serviceAccountSettings());
    const reply = await ask(handler, 'gemini-2.5-flash', true);
    expect(reply.status).toBe(502);
    expect(JSON.parse(reply.text).error).toMatchObject({
      code: 'upstream_auth_failed',
      message: 'The gateway could not get a Vertex AI access token: the token endpoint answered 400: invalid_grant (Invalid JWT Signature.).',
    });
    expect(vertex.calls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logLines.at(-1)).toMatchObject({ status: 502, upstream: 'vertex' });
    expect(logLines.at(-1)!.error).toContain('upstream_auth_failed');
    expect(findSecrets([reply.text, JSON.stringify(logLines)], allSecrets())).toEqual([]);
  });

  it('answers 503 upstream_not_configured for a vertex route without credentials', async () => {
    const reply = await ask(gateway({ project: 'p' }), 'gemini-2.5-flash');
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.text).error.code).toBe('upstream_not_configured');
    expect(vertex.calls).toHaveLength(0);
  });
});
