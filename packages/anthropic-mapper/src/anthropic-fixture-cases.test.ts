/// <reference types="node" />
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertAnthropicErrorToOpenAI } from './convert-anthropic-error-to-openai.js';
import { convertAnthropicResponseToOpenAI } from './convert-anthropic-response-to-openai.js';
import { convertOpenAIRequestToAnthropic } from './convert-openai-request-to-anthropic.js';

const cases = loadFixtureCases(fixturesRoot(), { provider: 'anthropic' });

describe('anthropic fixture cases: request mapping (every case, streamed or not)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  it.each(cases.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))('%s', (_id, fixtureCase) => {
    const options = fixtureCase.description.options?.strict ? { strict: true } : {};
    const before = structuredClone(fixtureCase.request);
    const result = convertOpenAIRequestToAnthropic(fixtureCase.request, options);
    expect(fixtureCase.request).toEqual(before);
    if (fixtureCase.upstreamRequest) {
      if (!result.ok) expect.fail(`rejected: ${JSON.stringify(result.error)}`);
      expect(result.upstream.method).toBe(fixtureCase.upstreamRequest.method);
      expect(result.upstream.path).toBe(fixtureCase.upstreamRequest.path);
      for (const [name, value] of Object.entries(fixtureCase.upstreamRequest.headers ?? {})) {
        expect(result.upstream.headers[name], `header ${name}`).toBe(value);
      }
      expect(result.upstream.body).toEqual(fixtureCase.upstreamRequest.body);
    } else {
      expect(fixtureCase.expectedResponse.kind).toBe('json');
      if (fixtureCase.expectedResponse.kind !== 'json') return;
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.status).toBe(fixtureCase.expectedResponse.response.status);
      expect(result.error).toEqual(fixtureCase.expectedResponse.response.body);
    }
  });
});

const nonStream = cases.filter((fixtureCase) => !fixtureCase.stream && fixtureCase.upstreamResponse?.kind === 'json');

describe('anthropic fixture cases: reply mapping (non-stream)', () => {
  it.each(nonStream.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))('%s', (_id, fixtureCase) => {
    const request = convertOpenAIRequestToAnthropic(fixtureCase.request, fixtureCase.description.options?.strict ? { strict: true } : {});
    if (!request.ok) expect.fail('the request must map');
    if (fixtureCase.upstreamResponse?.kind !== 'json' || fixtureCase.expectedResponse.kind !== 'json') return;
    const upstream = fixtureCase.upstreamResponse.response;
    const expected = fixtureCase.expectedResponse.response;
    const warnings = [...request.warnings];
    if (upstream.status >= 400) {
      const converted = convertAnthropicErrorToOpenAI(upstream.status, upstream.body, upstream.headers ?? {});
      expect(converted.status).toBe(expected.status);
      expect(converted.body).toEqual(expected.body);
      for (const [name, value] of Object.entries(expected.headers ?? {})) {
        if (name !== 'content-type') expect(converted.headers[name], `header ${name}`).toBe(value);
      }
    } else {
      const converted = convertAnthropicResponseToOpenAI(upstream.body, { context: request.context, environment: createCaseEnvironment(fixtureCase) });
      if (!converted.ok) expect.fail(`reply rejected: ${JSON.stringify(converted.error)}`);
      expect(expected.status).toBe(200);
      expect(converted.response).toEqual(expected.body);
      warnings.push(...converted.warnings);
    }
    const codes = new Set(warnings.map((warning) => warning.code));
    for (const code of fixtureCase.description.expectedWarnings ?? []) expect(codes, `warning ${code}`).toContain(code);
  });
});

describe('anthropic fixture cases: expected warnings of rejected and stream cases', () => {
  const others = cases.filter((fixtureCase) => !nonStream.includes(fixtureCase) && (fixtureCase.description.expectedWarnings ?? []).length > 0);
  it('has rejected cases with expected warnings or none at all', () => {
    expect(others.every((fixtureCase) => fixtureCase.provider === 'anthropic')).toBe(true);
  });
  it.each(others.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))('%s', (_id, fixtureCase) => {
    const result = convertOpenAIRequestToAnthropic(fixtureCase.request, fixtureCase.description.options?.strict ? { strict: true } : {});
    const codes = new Set(result.warnings.map((warning) => warning.code));
    for (const code of fixtureCase.description.expectedWarnings ?? []) {
      if (fixtureCase.stream && !codes.has(code)) continue; // stream-side warnings belong to the transducer
      expect(codes, `warning ${code}`).toContain(code);
    }
  });
});

describe('anthropic fixture cases: `validated: true` skips only the validation', () => {
  const valid = cases.filter((fixtureCase) => parseChatCompletionRequest(fixtureCase.request).ok);
  it('has valid requests', () => expect(valid.length).toBeGreaterThan(10));
  it.each(valid.map((fixtureCase) => [fixtureCase.id, fixtureCase] as const))('%s', (_id, fixtureCase) => {
    const strict = fixtureCase.description.options?.strict === true;
    const parsed = parseChatCompletionRequest(fixtureCase.request);
    if (!parsed.ok) return expect.fail('filtered above');
    expect(convertOpenAIRequestToAnthropic(parsed.value, { strict, validated: true })).toEqual(convertOpenAIRequestToAnthropic(fixtureCase.request, { strict }));
  });
});
