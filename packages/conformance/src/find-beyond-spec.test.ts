import { describe, expect, it } from 'vitest';
import { findBeyondSpec } from './find-beyond-spec.js';
import type { FixtureCase } from './fixture-case.js';
import { fixturesRoot } from './fixtures-root.js';
import { loadFixtureCase, loadFixtureCases } from './load-fixture-cases.js';

const reply = { kind: 'json' as const, response: { status: 200, body: { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' } }] } } };
function syntheticCase(request: unknown, expectedResponse: FixtureCase['expectedResponse'] = reply): FixtureCase {
  return {
    id: 'anthropic/x',
    provider: 'anthropic',
    name: 'x',
    description: { description: 'x', source: { kind: 'synthetic', basis: 'test' }, categories: ['non-stream'] },
    request,
    stream: false,
    upstreamRequest: { method: 'POST', path: '/v1/messages', body: {} },
    upstreamResponse: { kind: 'json', response: { status: 200, body: {} } },
    expectedResponse,
  };
}
const user = (content: unknown) => ({ model: 'm', messages: [{ role: 'user', content }] });

describe('findBeyondSpec', () => {
  it('finds nothing in a request and reply the OpenAI specification describes', () => {
    expect(findBeyondSpec(syntheticCase({ ...user([{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } }]), user: 'u', metadata: { any: 'thing' } }))).toEqual([]);
  });

  it("finds the seed's bare-string image_url (not valid against the specification)", () => {
    const reasons = findBeyondSpec(syntheticCase(user([{ type: 'image_url', image_url: 'https://example.com/a.png' }])));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^the request is not valid against the OpenAI specification/);
  });

  it('finds members the specification does not declare (provider extensions), but not inside free-form places', () => {
    const reasons = findBeyondSpec(syntheticCase({ ...user([{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }]), top_k: 3 }));
    expect(reasons).toEqual(['the request carries members the OpenAI specification does not declare: $.messages[0].content[0].cache_control, $.top_k']);
    const schemaMembers = { ...user('Hi'), tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', 'x-anything': true } } }] };
    expect(findBeyondSpec(syntheticCase(schemaMembers))).toEqual([]);
  });

  it('finds reasoning_content in the expected reply', () => {
    const sse = { kind: 'sse' as const, text: 'data: {"choices":[{"index":0,"delta":{"reasoning_content":"hm"}}]}\n\ndata: [DONE]\n\n' };
    expect(findBeyondSpec(syntheticCase(user('Hi'), sse))).toEqual(['the expected reply carries reasoning_content (a de-facto extension, not in the OpenAI specification)']);
  });

  it('labels the loaded cases: gemini/seed-vision is beyond-spec with its reason, anthropic/text is not', () => {
    const vision = loadFixtureCase(fixturesRoot(), 'gemini', 'seed-vision');
    expect(vision.description.categories).toContain('beyond-spec');
    expect(vision.beyondSpec?.join(' ')).toMatch(/image_url/);
    const text = loadFixtureCase(fixturesRoot(), 'anthropic', 'text');
    expect(text.description.categories).not.toContain('beyond-spec');
    expect(text.beyondSpec).toBeUndefined();
    // Every case carries the category exactly when a reason was found or case.json names it.
    for (const fixtureCase of loadFixtureCases(fixturesRoot())) {
      if (fixtureCase.beyondSpec) expect(fixtureCase.description.categories).toContain('beyond-spec');
    }
  });
});
