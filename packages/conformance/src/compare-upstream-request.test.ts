import { describe, expect, it } from 'vitest';
import { compareUpstreamRequest, upstreamPathMatches } from './compare-upstream-request.js';

const expected = {
  method: 'POST' as const,
  path: '/v1/messages',
  headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json', 'anthropic-beta': 'files-api-2025-04-14' },
  body: { model: 'claude-sonnet-4-5', max_tokens: 1024, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
};
const headers = { 'anthropic-version': '2023-06-01', 'content-type': 'application/json; charset=utf-8', 'anthropic-beta': 'other-beta,files-api-2025-04-14', 'x-extra': '1' };
const client = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [] };

describe('compareUpstreamRequest', () => {
  it('tolerates key order, added headers, content-type parameters, null/{} members, stream:false and Anthropic shorthand', () => {
    const observed = { messages: [{ content: 'Hi', role: 'user' }], system: 'Be brief.', max_tokens: 1024, model: 'claude-sonnet-4-5', stream: false, metadata: {}, stop_sequences: null };
    expect(compareUpstreamRequest('anthropic', client, expected, { method: 'POST', path: '/v1/messages', headers, body: observed })).toEqual([]);
  });

  it('reports a changed value, a missing header and a wrong path', () => {
    const problems = compareUpstreamRequest('anthropic', client, expected, {
      method: 'POST',
      path: '/v1/complete',
      headers: { 'content-type': 'application/json', 'anthropic-beta': 'files-api-2025-04-14' },
      body: { ...expected.body, max_tokens: 4096, stop_sequences: 'END' },
    });
    expect(problems).toEqual([
      'upstream path: expected /v1/messages, got /v1/complete',
      'upstream header anthropic-version: expected "2023-06-01", got (absent)',
      'upstream body differs:\n$.body.max_tokens: expected 1024, got 4096\n$.body.stop_sequences: expected (absent), got "END"',
    ]);
  });

  it('accepts any max_tokens the gateway picks when the client gave none, but not one of another type', () => {
    const noLimit = { model: 'claude-sonnet-4-5', messages: [] };
    const observed = (max: unknown) => ({ method: 'POST', path: '/v1/messages', headers, body: { ...expected.body, max_tokens: max } });
    expect(compareUpstreamRequest('anthropic', noLimit, expected, observed(8192))).toEqual([]);
    expect(compareUpstreamRequest('anthropic', noLimit, expected, observed('8192'))).toHaveLength(1);
    expect(compareUpstreamRequest('anthropic', client, expected, observed(8192))).toHaveLength(1);
  });

  it('matches paths regardless of query order and escaping', () => {
    expect(upstreamPathMatches('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', '/v1beta/models/gemini-2.5-flash%3AstreamGenerateContent?alt=sse')).toBe(true);
    expect(upstreamPathMatches('/v1beta/models/m:generateContent', '/v1beta/models/m:streamGenerateContent?alt=sse')).toBe(false);
  });

  it('tolerates equivalent Gemini spellings: snake_case fields, candidateCount 1, a body model, the key parameter, the legacy schema field', () => {
    const gemini = {
      method: 'POST' as const,
      path: '/v1beta/models/gemini-2.5-flash:generateContent',
      body: {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: { snake_case_name: { type: 'string' } } } }] }],
        toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
        generationConfig: { candidateCount: 1 },
      },
    };
    const observed = {
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      tools: [{ function_declarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { snake_case_name: { type: 'STRING' } } } }] }],
      tool_config: { function_calling_config: { mode: 'AUTO' } },
    };
    const path = '/v1beta/models/gemini-2.5-flash:generateContent?key=secret';
    expect(compareUpstreamRequest('gemini', {}, gemini, { method: 'POST', path, headers: {}, body: observed })).toEqual([]);
    const renamed = { ...observed, tools: [{ function_declarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { snakeCaseName: { type: 'STRING' } } } }] }] };
    expect(compareUpstreamRequest('gemini', {}, gemini, { method: 'POST', path, headers: {}, body: renamed })).toHaveLength(1);
  });

  it('merges consecutive same-role Anthropic turns, as the Messages API does', () => {
    const twoTurns = { ...expected.body, messages: [{ role: 'user', content: 'Hi' }, { role: 'user', content: [{ type: 'text', text: 'there' }] }] };
    const oneTurn = { ...expected.body, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: 'there' }] }] };
    expect(compareUpstreamRequest('anthropic', client, { ...expected, body: oneTurn }, { method: 'POST', path: '/v1/messages', headers, body: twoTurns })).toEqual([]);
  });

  it('reads a Gemini functionResponse as the output it carries ({output}, {content} or the object itself)', () => {
    const withResponse = (response: unknown) => ({ contents: [{ role: 'user', parts: [{ functionResponse: { name: 'f', response } }] }] });
    const expectedRequest = { method: 'POST' as const, path: '/v1beta/models/m:generateContent', body: withResponse({ temperature: 18 }) };
    const observe = (response: unknown) => compareUpstreamRequest('gemini', {}, expectedRequest, { method: 'POST', path: expectedRequest.path, headers: {}, body: withResponse(response) });
    expect(observe({ output: '{"temperature":18}' })).toEqual([]);
    expect(observe({ output: { temperature: 18 } })).toEqual([]);
    expect(observe({ output: { temperature: 19 } })).toHaveLength(1);
  });
});

describe('compareUpstreamRequest: a case whose upstream answers alike in any block order (options.anyBlockOrder)', () => {
  // anthropic/invalid-request-400: the recorded real request sends the user text and the orphan tool_result as two
  // user turns; Interlingua merges them and puts the tool_result first. Anthropic rejects both with the same 400.
  const toolResult = { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny, 20°C.' };
  const merged = { ...expected, body: { ...expected.body, system: undefined, messages: [{ role: 'user', content: [toolResult, { type: 'text', text: 'Weather?' }] }] } };
  const recorded = { ...expected.body, system: undefined, messages: [{ role: 'user', content: 'Weather?' }, { role: 'user', content: [{ ...toolResult, content: [{ type: 'text', text: 'Sunny, 20°C.' }] }] }] };
  const observed = { method: 'POST', path: '/v1/messages', headers, body: recorded };

  it('accepts the recorded request against the merged, reordered one when the case allows any order', () => {
    expect(compareUpstreamRequest('anthropic', client, merged, observed, { anyBlockOrder: true })).toEqual([]);
  });

  it('still compares the order without the option, and the blocks themselves with it', () => {
    expect(compareUpstreamRequest('anthropic', client, merged, observed)).toHaveLength(1);
    const changed = { ...recorded, messages: [{ role: 'user', content: 'Weather in Paris?' }, recorded.messages[1]] };
    expect(compareUpstreamRequest('anthropic', client, merged, { ...observed, body: changed }, { anyBlockOrder: true })).toEqual([
      'upstream body differs:\n$.body.messages[0].content[1].text: expected "Weather?", got "Weather in Paris?"',
    ]);
  });
});

describe('compareUpstreamRequest: Anthropic defaults said out loud', () => {
  const tools = [{ name: 'f', input_schema: { type: 'object' } }];
  const withTools = { ...expected, body: { ...expected.body, tools } };
  const observe = (body: Record<string, unknown>) => compareUpstreamRequest('anthropic', client, withTools, { method: 'POST', path: '/v1/messages', headers, body });

  it('reads tool_choice {type: "auto"} with tools as the default it is', () => {
    expect(observe({ ...withTools.body, tool_choice: { type: 'auto' } })).toEqual([]);
  });

  it('still compares any other tool_choice', () => {
    expect(observe({ ...withTools.body, tool_choice: { type: 'any' } })).toHaveLength(1);
    expect(observe({ ...withTools.body, tool_choice: { type: 'auto', disable_parallel_tool_use: true } })).toHaveLength(1);
  });
});
