/// <reference types="node" />
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureCase } from './fixture-case.js';
import { fixturesRoot } from './fixtures-root.js';
import { loadFixtureCases } from './load-fixture-cases.js';
import { runConformance } from './run-conformance.js';
import { serveOnLoopback, type LoopbackServer } from './serve-on-loopback.js';
import { startMockUpstream, type MockUpstream } from './start-mock-upstream.js';

// The black-box runner must be able to fail. The "gateway" here is a test double that recognises each case's request,
// sends the case's expected upstream request to the mock, and answers with the case's expected reply, altered on
// purpose depending on the fault under test.
type Fault = 'none' | 'finish-reason' | 'no-done' | 'upstream-body' | 'no-upstream-call';

const ids = ['anthropic/text', 'anthropic/tool-use', 'anthropic/tool-use-stream', 'openai-compatible/seed-say-test'];
const cases = loadFixtureCases(fixturesRoot()).filter((fixtureCase) => ids.includes(fixtureCase.id));
let mock: MockUpstream;
let gateway: LoopbackServer;
let fault: Fault = 'none';

async function answer(fixtureCase: FixtureCase): Promise<Response> {
  const expectedUpstream = fixtureCase.upstreamRequest!;
  if (fault !== 'no-upstream-call') {
    const body = fault === 'upstream-body' ? { ...(expectedUpstream.body as object), temperature: 0.5 } : expectedUpstream.body;
    const upstream = await fetch(mock.url + expectedUpstream.path, { method: 'POST', headers: expectedUpstream.headers ?? {}, body: JSON.stringify(body) });
    await upstream.text();
  }
  const expected = fixtureCase.expectedResponse;
  if (expected.kind === 'sse') {
    let text = expected.text;
    if (fault === 'finish-reason') text = text.replaceAll('"finish_reason":"tool_calls"', '"finish_reason":"stop"');
    if (fault === 'no-done') text = text.replace('data: [DONE]\n\n', '');
    return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
  }
  const body = structuredClone(expected.response.body) as { choices?: { finish_reason: string }[] };
  if (fault === 'finish-reason') for (const choice of body.choices ?? []) if (choice.finish_reason === 'tool_calls') choice.finish_reason = 'stop';
  return new Response(JSON.stringify(body), { status: expected.response.status, headers: { 'content-type': 'application/json' } });
}

beforeAll(async () => {
  mock = await startMockUpstream();
  gateway = await serveOnLoopback(async (request) => {
    const body = await request.json();
    const fixtureCase = cases.find((candidate) => isDeepStrictEqual(candidate.request, body));
    return fixtureCase ? answer(fixtureCase) : new Response('{"error":{"message":"unknown request","type":"x"}}', { status: 404 });
  });
});

afterAll(async () => {
  await gateway?.close();
  await mock?.close();
});

const run = (strictStreams = false) => runConformance({ gatewayUrl: `${gateway.url}/v1`, mock, cases, strictStreams, label: `broken (${fault})` });

describe('runConformance', () => {
  it('passes a gateway that answers every case as expected', async () => {
    fault = 'none';
    const report = await run(true);
    expect(report.cases.map((result) => [result.id, result.status, result.reasons])).toEqual(ids.map((id) => [id, 'pass', []]));
    expect(report.total.score).toBe(1);
  });

  it('fails the cases whose finish_reason is wrong, with the reason and a diff, and scores below 100%', async () => {
    fault = 'finish-reason';
    const report = await run();
    expect(report.cases.filter((result) => result.status === 'fail').map((result) => result.id)).toEqual(['anthropic/tool-use', 'anthropic/tool-use-stream']);
    const stream = report.cases.find((result) => result.id === 'anthropic/tool-use-stream')!;
    expect(stream.reasons).toContain('$.accumulated differs from the expected reply');
    expect(stream.diff).toContain('$.accumulated.choices[0].finish_reason: expected "tool_calls", got "stop"');
    expect(report.total.score).toBe(0.5);
    expect(report.categories.find((category) => category.category === 'tools')).toMatchObject({ passed: 0, total: 2, score: 0 });
  });

  it('accepts a stream without [DONE] when accumulating, and fails it in strict mode', async () => {
    fault = 'no-done';
    expect((await run(false)).total.score).toBe(1);
    const strict = await run(true);
    const stream = strict.cases.find((result) => result.id === 'anthropic/tool-use-stream')!;
    expect(stream.status).toBe('fail');
    expect(stream.reasons).toEqual(['strict: the stream does not end with data: [DONE]']);
  });

  it('fails a gateway that sends a different upstream body, naming the field', async () => {
    fault = 'upstream-body';
    const report = await run();
    expect(report.total.passed).toBe(0);
    for (const result of report.cases) expect(result.reasons.join('\n')).toMatch(/\$\.body\.temperature: expected (\(absent\)|0\.7), got 0\.5/);
  });

  it('fails a gateway that never calls the upstream', async () => {
    fault = 'no-upstream-call';
    const report = await run();
    for (const result of report.cases) expect(result.reasons).toContain('the gateway did not call the upstream');
  });

  it('reports an unreachable gateway as failures, not a crash', async () => {
    const report = await runConformance({ gatewayUrl: 'http://127.0.0.1:9/v1', mock, cases: cases.slice(0, 1), timeoutMs: 5000 });
    expect(report.cases[0]!.status).toBe('fail');
    expect(report.cases[0]!.reasons[0]).toMatch(/^the request to the gateway failed/);
  });

  it('skips strict-mode cases when no strict gateway is given, and selects cases by glob', async () => {
    const all = loadFixtureCases(fixturesRoot());
    const report = await runConformance({ gatewayUrl: `${gateway.url}/v1`, mock, cases: all, casePattern: 'anthropic/bad-strict-*' });
    expect(report.cases.map((result) => [result.id, result.status])).toEqual([['anthropic/bad-strict-logprobs', 'skip']]);
    expect(report.total).toMatchObject({ skipped: 1, total: 0, score: 1 });
  });
});
