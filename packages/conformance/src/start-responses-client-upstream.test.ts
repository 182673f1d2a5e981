import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixturesRoot } from './fixtures-root.js';
import { loadFixtureCases } from './load-fixture-cases.js';
import { recordedUpstreamBody, startResponsesClientUpstream, type ResponsesClientUpstream } from './start-responses-client-upstream.js';

const cases = new Map(loadFixtureCases(fixturesRoot()).map((c) => [c.id, c]));
let upstream: ResponsesClientUpstream;
let script: string[] = [];

beforeAll(async () => {
  upstream = await startResponsesClientUpstream({ cases, nextReply: () => script.shift() });
});
afterAll(() => upstream?.close());
beforeEach(() => {
  script = [];
});

async function post(path: string, body: unknown) {
  const response = await fetch(`${upstream.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}
const messages = (body: unknown) => post('/v1/messages', body);
const gemini = (body: unknown) => post('/v1beta/models/gemini-3-pro-preview:generateContent', body);

describe('startResponsesClientUpstream: the Anthropic rules', () => {
  const issued = recordedUpstreamBody(cases, 'anthropic/thinking-signature').content;
  const history = (thinking: unknown) => ({
    model: 'claude-sonnet-4-5',
    thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [
      { role: 'user', content: 'What is 925 divided by 5?' },
      { role: 'assistant', content: [thinking, issued[1]] },
      { role: 'user', content: 'And by 37?' },
    ],
  });

  it('answers with the scripted reply, and accepts the thinking block it issued, byte for byte', async () => {
    script = ['anthropic/thinking-signature', 'anthropic/text'];
    expect((await messages({ messages: [{ role: 'user', content: 'What is 925 divided by 5?' }] })).body.content).toEqual(issued);
    const second = await messages(history(issued[0]));
    expect(second.status).toBe(200);
    expect(second.body.content).toEqual(recordedUpstreamBody(cases, 'anthropic/text').content);
  });

  it('refuses a thinking block whose text or signature changed, without using up the scripted reply', async () => {
    script = ['anthropic/text'];
    for (const thinking of [{ ...issued[0], thinking: 'edited' }, { ...issued[0], signature: 'forged' }, { type: 'thinking', thinking: issued[0].thinking }]) {
      const refused = await messages(history(thinking));
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'messages.1.content.0: Invalid `signature` in `thinking` block' } });
    }
    expect(script).toEqual(['anthropic/text']);
    expect(upstream.refusals.at(-1)).toBe('messages.1.content.0: Invalid `signature` in `thinking` block');
  });

  it('refuses an unanswered tool_use and a tool_result that answers nothing', async () => {
    const toolUse = recordedUpstreamBody(cases, 'anthropic/tool-use').content[0];
    const unanswered = await messages({ messages: [{ role: 'user', content: 'Weather?' }, { role: 'assistant', content: [toolUse] }, { role: 'user', content: 'Well?' }] });
    expect(unanswered.status).toBe(400);
    expect(unanswered.body.error.message).toContain(`\`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${toolUse.id}`);
    const stray = await messages({ messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nothing', content: '18C' }] }] });
    expect(stray.status).toBe(400);
    expect(stray.body.error.message).toContain('unexpected `tool_use_id` found in `tool_result` blocks: toolu_nothing');
  });

  it('with thinking on, the assistant turn of a tool-use cycle must start with the thinking that came with its tool calls', async () => {
    script = ['anthropic/thinking-text-two-tools-stream', 'anthropic/text'];
    await (await fetch(`${upstream.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ stream: true, messages: [{ role: 'user', content: 'Weather and time?' }] }) })).text();
    const thinking = { type: 'thinking', thinking: 'Two independent lookups: weather and time.', signature: 'EpMCCkYIBxgCKkBsynthSig==' };
    const calls = [
      { type: 'tool_use', id: 'toolu_01SyntheticWeather0001', name: 'get_weather', input: { location: 'Paris' } },
      { type: 'tool_use', id: 'toolu_01SyntheticTime000001', name: 'get_time', input: { timezone: 'Europe/Paris' } },
    ];
    const results = { role: 'user', content: calls.map((call) => ({ type: 'tool_result', tool_use_id: call.id, content: 'ok' })) };
    const turn = (content: unknown[]) => ({ thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [{ role: 'user', content: 'Weather and time?' }, { role: 'assistant', content }, results] });
    const withoutThinking = await messages(turn(calls));
    expect(withoutThinking.status).toBe(400);
    expect(withoutThinking.body.error.message).toContain('Expected `thinking` or `redacted_thinking`, but found `tool_use`');
    expect((await messages(turn([thinking, ...calls]))).status).toBe(200);
  });
});

describe('startResponsesClientUpstream: the Gemini 3 rules', () => {
  const issuedPart = recordedUpstreamBody(cases, 'gemini/google-tool-call-gemini3').candidates[0].content.parts[0];
  const history = (call: unknown, responses = 1) => ({
    contents: [
      { role: 'user', parts: [{ text: 'What is the weather in San Francisco?' }] },
      { role: 'model', parts: [call] },
      { role: 'user', parts: Array.from({ length: responses }, () => ({ functionResponse: { name: 'weather', response: { temperature: '15C' } } })) },
    ],
  });

  it('accepts the function call back with the signature it was issued with', async () => {
    script = ['gemini/google-tool-call-gemini3', 'gemini/js-genai-text'];
    expect((await gemini({ contents: [{ role: 'user', parts: [{ text: 'What is the weather in San Francisco?' }] }] })).status).toBe(200);
    expect((await gemini(history(issuedPart))).status).toBe(200);
  });

  it('refuses the call without its signature, with the skip stand-in, or with another signature; and unmatched responses', async () => {
    script = ['gemini/google-tool-call-gemini3'];
    await gemini({ contents: [{ role: 'user', parts: [{ text: 'What is the weather in San Francisco?' }] }] });
    const { thoughtSignature: _dropped, ...unsigned } = issuedPart;
    for (const call of [unsigned, { ...issuedPart, thoughtSignature: 'skip_thought_signature_validator' }]) {
      const refused = await gemini(history(call));
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
      expect(refused.body.error.message).toContain('Function call is missing a thought_signature in functionCall parts');
    }
    const forged = await gemini(history({ ...issuedPart, thoughtSignature: 'Zm9yZ2Vk' }));
    expect(forged.body.error.message).toContain('Corrupted thought signature');
    const twoResponses = await gemini(history(issuedPart, 2));
    expect(twoResponses.body.error.message).toContain('the number of function response parts is equal to the number of function call parts');
  });
});
