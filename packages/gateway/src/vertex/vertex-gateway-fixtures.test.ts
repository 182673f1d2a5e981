import { createCaseEnvironment, fixturesRoot, loadFixtureCases, findSecrets } from '@interlingua/conformance/node';
import { recordedUpstreamReply, type FixtureCase } from '@interlingua/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServiceAccount, startMockTokenEndpoint, type MockTokenEndpoint, type TestServiceAccount } from '../../test/vertex/google-test-servers.js';
import { createGateway } from '../create-gateway.js';
import type { GatewayOptions } from '../gateway-options.js';
import { VERTEX_ANTHROPIC_VERSION } from './create-vertex-bridge.js';

/**
 * Every Anthropic and Gemini fixture case, replayed through the `vertex` upstream: Vertex AI serves the same models
 * with the same request and reply bodies (Anthropic's "Claude on Vertex AI": the Messages API with `model` in the
 * URL and `anthropic_version: vertex-2023-10-16` in the body; Gemini's generateContent is the same resource on
 * Vertex), so each case must give the client the reply its fixture expects, from the request the fixture expects
 * upstream, moved to the Vertex path and authenticated with an OAuth token. The cases Vertex cannot serve the same
 * way (a Files API reference; a model with no Vertex publisher; a media URL without a MIME type, which Vertex v1
 * requires) must get the documented refusal instead.
 */
const cases = loadFixtureCases(fixturesRoot()).filter((fixtureCase) => fixtureCase.provider === 'anthropic' || fixtureCase.provider === 'gemini');
const VERTEX_BASE = 'http://vertex.test';
const PROJECT = 'my-project';
const LOCATION = 'us-east5';

let tokens: MockTokenEndpoint;
let account: TestServiceAccount;
beforeAll(async () => {
  tokens = await startMockTokenEndpoint();
  account = await createTestServiceAccount(tokens.tokenUri);
  tokens.account = account;
});
afterAll(() => tokens.close());

function usesFilesApi(fixtureCase: FixtureCase): boolean {
  return JSON.stringify(fixtureCase.request).includes('"file_id"');
}

/** A Gemini case whose upstream request has a fileData part without mimeType (optional for the Gemini API, required by Vertex v1). */
function hasUntypedFileData(fixtureCase: FixtureCase): boolean {
  return fixtureCase.provider === 'gemini' && /"fileData":\{"fileUri":"[^"]*"\}/.test(JSON.stringify(fixtureCase.upstreamRequest?.body ?? null));
}

function hasVertexPublisher(model: string): boolean {
  return model.startsWith('claude-') || model.startsWith('gemini-');
}

/** The fixture's upstream path (`/v1/messages`, `/v1beta/models/M:method`) as Vertex AI's. */
function vertexPath(fixtureCase: FixtureCase): string {
  const expected = fixtureCase.upstreamRequest!;
  if (fixtureCase.provider === 'anthropic') {
    const model = (expected.body as { model: string }).model;
    return `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/anthropic/models/${model}:${fixtureCase.stream ? 'streamRawPredict' : 'rawPredict'}`;
  }
  expect(expected.path.startsWith('/v1beta/models/')).toBe(true);
  return `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/google/models/${expected.path.slice('/v1beta/models/'.length)}`;
}

/** The fixture's upstream body as Vertex AI takes it. */
function vertexBody(fixtureCase: FixtureCase): unknown {
  const body = fixtureCase.upstreamRequest!.body;
  if (fixtureCase.provider === 'gemini') return body;
  const { model: _model, ...rest } = body as Record<string, unknown>;
  return liftSystemTurns({ anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest });
}

/**
 * Claude on Vertex AI takes no mid-conversation system messages (Anthropic offers them on its own API and Claude
 * Platform on AWS): the gateway sends their text to the top-level system prompt there, after the leading one.
 */
function liftSystemTurns(body: Record<string, unknown>): Record<string, unknown> {
  const messages = body['messages'] as Array<{ role: string; content: unknown[] }>;
  if (!messages.some((message) => message.role === 'system')) return body;
  const lifted = messages.filter((message) => message.role === 'system').flatMap((message) => message.content);
  return { ...body, system: [...((body['system'] as unknown[] | undefined) ?? []), ...lifted], messages: messages.filter((message) => message.role !== 'system') };
}

/** Warning codes of the gateway's `: x-interlingua-warnings: code(param), …` comments in a stream. */
function commentWarnings(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith(': x-interlingua-warnings: '))
    .flatMap((frame) => frame.slice(': x-interlingua-warnings: '.length).split(', '));
}

/** The data frames of a stream (the gateway's warnings comment is checked apart). */
function sseFrames(text: string): unknown[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .filter((frame) => !frame.startsWith(': x-interlingua-warnings: '))
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      const data = frame.slice(6);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

describe('the fixture cases through the vertex upstream', () => {
  it('covers every Anthropic and Gemini case', () => {
    expect(cases.length).toBeGreaterThan(90);
  });

  it.each(cases.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))('%s', async (_id, fixtureCase) => {
    const calls: { url: string; headers: Headers; body: unknown }[] = [];
    const fetchImplementation = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url === tokens.tokenUri) return fetch(url, init);
      calls.push({ url, headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
      return recordedUpstreamReply(fixtureCase);
    }) as typeof fetch;
    const media = fixtureCase.description.options?.media;
    const logLines: string[] = [];
    const options: GatewayOptions = {
      upstreams: { vertex: { credentials: account.key, project: PROJECT, location: LOCATION, baseUrl: VERTEX_BASE } },
      prefixes: [{ prefix: '', upstream: 'vertex' }],
      strict: fixtureCase.description.options?.strict === true,
      fetch: fetchImplementation,
      createEnvironment: () => createCaseEnvironment(fixtureCase),
      ...(media
        ? {
            resolveMedia: async (url: string) => {
              const found = media[url];
              if (!found) throw new Error(`no media for ${url}`);
              return found;
            },
          }
        : {}),
      log: (line) => logLines.push(JSON.stringify(line)),
    };
    const response = await createGateway(options)(
      new Request('http://gateway.test/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fixtureCase.request),
      }),
    );
    const text = await response.text();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(findSecrets([text, ...logLines], [account.key.private_key, ...tokens.grants.map((grant) => grant.token)])).toEqual([]);

    const model = (fixtureCase.request as { model: string }).model;
    if (fixtureCase.upstreamRequest && !hasVertexPublisher(model)) {
      expect(calls).toHaveLength(0);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).error).toMatchObject({ param: 'model', code: 'model_not_supported' });
      return;
    }
    if (fixtureCase.provider === 'anthropic' && fixtureCase.upstreamRequest && usesFilesApi(fixtureCase)) {
      expect(calls).toHaveLength(0);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).error.param).toMatch(/^messages\[\d+\]\.content\[\d+\]\.file\.file_id$/);
      return;
    }

    if (hasUntypedFileData(fixtureCase)) {
      expect(calls).toHaveLength(0);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).error).toMatchObject({ code: 'unsupported_media_url' });
      expect(JSON.parse(text).error.param).toMatch(/^messages\[\d+\]\.content\[\d+\]\.image_url$/);
      return;
    }

    if (fixtureCase.upstreamRequest) {
      expect(calls).toHaveLength(1);
      const call = calls[0]!;
      expect(call.url).toBe(VERTEX_BASE + vertexPath(fixtureCase));
      expect(call.body).toEqual(vertexBody(fixtureCase));
      for (const [name, value] of Object.entries(fixtureCase.upstreamRequest.headers ?? {})) {
        if (name !== 'anthropic-version') expect(call.headers.get(name)).toBe(value);
      }
      expect(call.headers.get('anthropic-version')).toBeNull();
      expect(call.headers.get('authorization')).toMatch(/^Bearer ya29\.test-access-token-\d+$/);
      expect(call.headers.get('x-api-key')).toBeNull();
      expect(call.headers.get('x-goog-api-key')).toBeNull();
    } else {
      expect(calls).toHaveLength(0);
    }

    // Every lossy step reaches the client: in the header, or (found during a stream) in the stream's last comment.
    const reported = [...(response.headers.get('x-interlingua-warnings')?.split(', ') ?? []), ...commentWarnings(text)].join(' ');
    for (const code of fixtureCase.description.expectedWarnings ?? []) expect(reported, `warning ${code}`).toContain(`${code}(`);
    const expected = fixtureCase.expectedResponse;
    if (expected.kind === 'sse') {
      expect(response.status).toBe(200);
      expect(sseFrames(text)).toEqual(sseFrames(expected.text));
    } else {
      expect(response.status).toBe(expected.response.status);
      expect(JSON.parse(text)).toEqual(expected.response.body);
      for (const [name, value] of Object.entries(expected.response.headers ?? {})) {
        if (name !== 'content-type') expect(response.headers.get(name)).toBe(value);
      }
    }
  });
});
