import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareGatewayReply } from './compare-gateway-reply.js';
import { compareUpstreamRequest, upstreamComparisonOptions } from './compare-upstream-request.js';
import { fixturesRoot, recordingsRoot } from './fixtures-root.js';
import { loadFixtureCase } from './load-fixture-cases.js';

// Each case checks one thing: a correct gateway that differs from Interlingua only where the case does not look
// must pass it. These tests replay what such a gateway sends and answers.
const load = (name: string) => loadFixtureCase(fixturesRoot(), 'anthropic', name);

describe('anthropic/invalid-request-400 checks the error translation, not how the invalid turn is arranged', () => {
  const fixtureCase = load('invalid-request-400');
  // The real request the case's recording holds (its second exchange): the user text and the orphan tool_result as
  // two user turns, in that order. Anthropic answered it with the recorded 400.
  const recording = JSON.parse(readFileSync(join(recordingsRoot(), 'anthropic-sdk-python', fixtureCase.description.source.kind === 'recorded' ? fixtureCase.description.source.path : '(not recorded)'), 'utf8'));
  const recordedRequest = recording[1].request;

  it('accepts a gateway that sends exactly the recorded real request', () => {
    const observed = { method: 'POST', path: '/v1/messages', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: recordedRequest.body };
    expect(compareUpstreamRequest('anthropic', fixtureCase.request, fixtureCase.upstreamRequest!, observed, upstreamComparisonOptions(fixtureCase))).toEqual([]);
  });

  it("still refuses a request with other content (the blocks' order is all that is free)", () => {
    const changed = structuredClone(recordedRequest.body);
    changed.messages[0].content = 'What is the weather in Paris?';
    const observed = { method: 'POST', path: '/v1/messages', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: changed };
    expect(compareUpstreamRequest('anthropic', fixtureCase.request, fixtureCase.upstreamRequest!, observed, upstreamComparisonOptions(fixtureCase))).toHaveLength(1);
  });
});

describe('anthropic/text is a reply case; the user-id mapping has cases of its own', () => {
  const text = load('text');
  const user = load('user-metadata');
  const safety = load('safety-identifier-metadata');

  it('anthropic/text asks for no user mapping', () => {
    expect(text.request).not.toHaveProperty('user');
    expect(text.request).not.toHaveProperty('safety_identifier');
    expect(text.upstreamRequest!.body).not.toHaveProperty('metadata');
  });

  it('user-metadata and safety-identifier-metadata differ from anthropic/text only by the id and its mapping', () => {
    for (const [fixtureCase, field] of [[user, 'user'], [safety, 'safety_identifier']] as const) {
      const { [field]: id, ...rest } = fixtureCase.request as Record<string, unknown>;
      expect(rest).toEqual(text.request);
      const { metadata, ...upstream } = fixtureCase.upstreamRequest!.body as Record<string, unknown>;
      expect(metadata).toEqual({ user_id: id });
      expect(upstream).toEqual(text.upstreamRequest!.body);
      expect(fixtureCase.expectedResponse).toEqual(text.expectedResponse);
      expect(fixtureCase.description.categories).toEqual(['request-mapping']);
    }
  });

  it('a gateway that does not map the id passes anthropic/text and fails only the mapping cases, for the mapping', () => {
    const reply = { status: 200, headers: { 'content-type': 'application/json' }, text: JSON.stringify((text.expectedResponse as { response: { body: unknown } }).response.body) };
    const unmapped = { method: 'POST', path: '/v1/messages', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: text.upstreamRequest!.body };
    expect(compareUpstreamRequest('anthropic', text.request, text.upstreamRequest!, unmapped)).toEqual([]);
    expect(compareGatewayReply(text, reply).problems).toEqual([]);
    for (const fixtureCase of [user, safety]) {
      const problems = compareUpstreamRequest('anthropic', fixtureCase.request, fixtureCase.upstreamRequest!, unmapped);
      expect(problems).toEqual([expect.stringMatching(/^upstream body differs:\n\$\.body\.metadata: expected \{"user_id":"[^"]+"\}, got \(absent\)$/)]);
      expect(compareGatewayReply(fixtureCase, reply).problems).toEqual([]);
    }
  });
});
