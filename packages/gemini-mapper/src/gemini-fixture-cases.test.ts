/// <reference types="node" />
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertGeminiErrorToOpenAI } from './convert-gemini-error-to-openai.js';
import { convertGeminiResponseToOpenAI } from './convert-gemini-response-to-openai.js';
import { convertOpenAIRequestToGemini } from './convert-openai-request-to-gemini.js';

const cases = loadFixtureCases(fixturesRoot(), { provider: 'gemini' });

function resolverFor(media: Record<string, { mimeType: string; data: string }> | undefined) {
  if (!media) return undefined;
  return async (url: string) => {
    const bytes = media[url];
    if (!bytes) throw new Error(`no bytes for ${url}`);
    return bytes;
  };
}

describe('Gemini fixture cases: request mapping (every case)', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((fixture) => [fixture.id, fixture] as const))('%s', async (_id, fixture) => {
    const frozen = structuredClone(fixture.request);
    const result = await convertOpenAIRequestToGemini(fixture.request, {
      resolveMedia: resolverFor(fixture.description.options?.media),
      strict: fixture.description.options?.strict,
    });
    expect(fixture.request).toEqual(frozen);
    if (!fixture.upstreamRequest) {
      // Rejected before any upstream call: the expected reply is the 400 envelope.
      expect(result.ok).toBe(false);
      if (result.ok || fixture.expectedResponse.kind !== 'json') return;
      expect({ status: result.status, body: result.error }).toEqual({
        status: fixture.expectedResponse.response.status,
        body: fixture.expectedResponse.response.body,
      });
      return;
    }
    expect(result.ok, JSON.stringify(result.ok ? null : result.error)).toBe(true);
    if (!result.ok) return;
    expect(result.upstream.method).toBe(fixture.upstreamRequest.method);
    expect(result.upstream.path).toBe(fixture.upstreamRequest.path);
    for (const [name, value] of Object.entries(fixture.upstreamRequest.headers ?? {})) {
      expect((result.upstream.headers as Record<string, string>)[name]).toBe(value);
    }
    expect(result.upstream.body).toEqual(fixture.upstreamRequest.body);
    for (const code of fixture.description.expectedWarnings ?? []) {
      expect(result.warnings.map((warning) => warning.code)).toContain(code);
    }
  });
});

const nonStream = cases.filter((fixture) => fixture.upstreamResponse?.kind === 'json');

describe('Gemini fixture cases: response mapping (non-stream and error replies)', () => {
  it.each(nonStream.map((fixture) => [fixture.id, fixture] as const))('%s', async (_id, fixture) => {
    const mapped = await convertOpenAIRequestToGemini(fixture.request, { resolveMedia: resolverFor(fixture.description.options?.media) });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.error));
    if (fixture.upstreamResponse?.kind !== 'json' || fixture.expectedResponse.kind !== 'json') throw new Error('json case expected');
    const upstream = fixture.upstreamResponse.response;
    const expected = fixture.expectedResponse.response;
    if (upstream.status >= 200 && upstream.status < 300) {
      const frozen = structuredClone(upstream.body);
      const result = convertGeminiResponseToOpenAI(upstream.body, { context: mapped.context, environment: createCaseEnvironment(fixture) });
      expect(upstream.body).toEqual(frozen);
      expect(result.ok, JSON.stringify(result.ok ? null : result.error)).toBe(true);
      if (!result.ok) return;
      expect({ status: 200, body: result.response }).toEqual({ status: expected.status, body: expected.body });
    } else {
      const result = convertGeminiErrorToOpenAI(upstream.status, upstream.body, upstream.headers);
      expect({ status: result.status, body: result.body }).toEqual({ status: expected.status, body: expected.body });
      for (const [name, value] of Object.entries(expected.headers ?? {})) {
        if (name === 'content-type') continue;
        expect(result.headers[name]).toBe(value);
      }
    }
  });
});

describe('Gemini fixture cases: `validated: true` skips only the validation', () => {
  const valid = cases.filter((fixture) => parseChatCompletionRequest(fixture.request).ok);
  it('has valid requests', () => expect(valid.length).toBeGreaterThan(10));
  it.each(valid.map((fixture) => [fixture.id, fixture] as const))('%s', async (_id, fixture) => {
    const options = { resolveMedia: resolverFor(fixture.description.options?.media), strict: fixture.description.options?.strict };
    const parsed = parseChatCompletionRequest(fixture.request);
    if (!parsed.ok) return expect.fail('filtered above');
    expect(await convertOpenAIRequestToGemini(parsed.value, { ...options, validated: true })).toEqual(await convertOpenAIRequestToGemini(fixture.request, options));
  });
});
