import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { encodeContinuation } from './continuation-carrier.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';

describe('convertMessagesRequestToChat', () => {
  it('maps a full conversation (system blocks, media, thinking, tool round) to the hub request', () => {
    const body = {
      model: 'gemini-3-pro-preview',
      max_tokens: 2048,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'spec.pdf' },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Need the weather.', signature: 'EqQBCkgIARAB' },
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01A', content: [{ type: 'text', text: '15' }, { type: 'text', text: 'C' }] },
            { type: 'tool_result', tool_use_id: 'toolu_01B', content: 'boom', is_error: true },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['END'],
      temperature: 0.5,
      top_k: 20,
      metadata: { user_id: 'user-42' },
      stream: true,
    };
    const result = convertMessagesRequestToChat(body);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Expected output written from the Chat Completions request reference and the hub's extension fields.
    expect(result.request).toEqual({
      model: 'gemini-3-pro-preview',
      max_completion_tokens: 2048,
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            { type: 'file', file: { filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
            { type: 'file', file: { file_data: 'data:text/plain;base64,aMOpbGxv' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Let me check.',
          reasoning_content: 'Need the weather.',
          thinking_blocks: [{ type: 'thinking', thinking: 'Need the weather.', signature: 'EqQBCkgIARAB' }],
          tool_calls: [{ id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        { role: 'tool', tool_call_id: 'toolu_01A', content: '15\nC' },
        { role: 'tool', tool_call_id: 'toolu_01B', content: 'boom', is_error: true },
        { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      stop: ['END'],
      temperature: 0.5,
      top_k: 20,
      safety_identifier: 'user-42',
    });
    expect(result.warnings).toEqual([]);
    expect(result.context).toEqual({ model: 'gemini-3-pro-preview', stream: true, stopSequences: ['END'], omitThinking: false });
    expect(parseChatCompletionRequest(result.request).ok).toBe(true);
  });

  it.each([
    [{ type: 'auto' }, { tool_choice: 'auto' }],
    [{ type: 'any' }, { tool_choice: 'required' }],
    [{ type: 'tool', name: 'f' }, { tool_choice: { type: 'function', function: { name: 'f' } } }],
    [{ type: 'tool', name: 'f', disable_parallel_tool_use: true }, { tool_choice: { type: 'function', function: { name: 'f' } }, parallel_tool_calls: false }],
    [{ type: 'none' }, { tool_choice: 'none' }],
  ])('tool_choice %j → %j', (choice, expected) => {
    const result = convertMessagesRequestToChat({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: choice });
    expect(result.ok && { tool_choice: result.request.tool_choice, ...(result.request.parallel_tool_calls !== undefined ? { parallel_tool_calls: result.request.parallel_tool_calls } : {}) }).toEqual(expected);
  });

  it.each([
    [{ thinking: { type: 'enabled', budget_tokens: 1024 } }, 'low', ['thinking_budget_mapped']],
    [{ thinking: { type: 'enabled', budget_tokens: 10000 } }, 'medium', ['thinking_budget_mapped']],
    [{ thinking: { type: 'enabled', budget_tokens: 31999 } }, 'high', ['thinking_budget_mapped']],
    [{ thinking: { type: 'enabled', budget_tokens: 64000 } }, 'xhigh', ['thinking_budget_mapped']],
    [{ thinking: { type: 'adaptive' } }, 'high', []],
    [{ thinking: { type: 'adaptive' }, output_config: { effort: 'max' } }, 'max', []],
    [{ thinking: { type: 'enabled', budget_tokens: 2048 }, output_config: { effort: 'medium' } }, 'medium', []],
    [{ output_config: { effort: 'low' } }, 'low', []],
    [{ thinking: { type: 'disabled' } }, 'none', []],
    [{}, undefined, []],
  ])('thinking %j → reasoning_effort %s', (fields, effort, codes) => {
    const result = convertMessagesRequestToChat({ model: 'm', max_tokens: 64001, messages: [{ role: 'user', content: 'x' }], ...fields });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.reasoning_effort).toBe(effort);
    expect(result.warnings.map((w) => w.code)).toEqual(codes);
  });

  it('maps output_config.format to a strict json_schema response_format and thinking.display omitted to the context', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const result = convertMessagesRequestToChat({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], thinking: { type: 'adaptive', display: 'omitted' }, output_config: { format: { type: 'json_schema', schema } } });
    expect(result.ok && result.request.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'output', schema, strict: true } });
    expect(result.ok && result.context.omitThinking).toBe(true);
  });

  it('sends a user_id longer than 64 characters as `user` (safety_identifier holds 64)', () => {
    const id = 'u'.repeat(100);
    const result = convertMessagesRequestToChat({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], metadata: { user_id: id } });
    expect(result.ok && [result.request.user, result.request.safety_identifier]).toEqual([id, undefined]);
  });

  it('restores Gemini continuation data carried in a redacted_thinking block onto the message and its tool calls', () => {
    const data = encodeContinuation({ m: { google: { thought_signatures: [{ part: 'reasoning', signature: 'c2ln' }] } }, t: { call_1: { google: { thought_signature: 'dG9vbA==' } } } });
    const result = convertMessagesRequestToChat({
      model: 'gemini-3-pro-preview',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: '' },
            { type: 'tool_use', id: 'call_1', name: 'f', input: {} },
            { type: 'redacted_thinking', data },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: 'ok' }] },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.messages[1]).toEqual({
      role: 'assistant',
      content: null,
      reasoning_content: 'hmm',
      extra_content: { google: { thought_signatures: [{ part: 'reasoning', signature: 'c2ln' }] } },
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' }, extra_content: { google: { thought_signature: 'dG9vbA==' } } }],
    });
  });

  it("passes Anthropic's own redacted_thinking on as a hub thinking block", () => {
    const result = convertMessagesRequestToChat({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'EmwKAhgB' }, { type: 'text', text: 'hi' }] }] });
    expect(result.ok && result.request.messages[1]).toEqual({ role: 'assistant', content: 'hi', thinking_blocks: [{ type: 'redacted_thinking', data: 'EmwKAhgB' }] });
  });

  const rejected: Array<[string, Record<string, unknown>, string]> = [
    ['a server tool', { tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools.0.type'],
    ['a custom tool without input_schema', { tools: [{ name: 'f' }] }, 'tools.0.input_schema'],
    ['an image by Files API id', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'file_1' } }] }] }, 'messages.0.content.0.source.type'],
    ['a PDF by URL', { messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } }] }] }, 'messages.0.content.0.source.type'],
    ['a tool_use in a user message', { messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'f', input: {} }] }] }, 'messages.0.content.0.type'],
    ['a tool_use whose input is not an object', { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'f', input: [1] }] }] }, 'messages.1.content.0.input'],
    ['no messages at all', { messages: [] }, 'messages'],
  ];
  it.each(rejected)('rejects %s with a 400 naming %s', (_name, fields, param) => {
    const body = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], ...fields };
    const result = convertMessagesRequestToChat(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.param).toBe(param);
    expect(result.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(result.error.error.message.startsWith(`${param}: `)).toBe(true);
  });

  it('reports fields it cannot carry, and rejects them in strict mode', () => {
    const body = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], container: 'c', service_tier: 'standard_only', cache_control: { type: 'ephemeral' } };
    const lenient = convertMessagesRequestToChat(body);
    expect(lenient.ok && lenient.warnings.map((w) => [w.code, w.param])).toEqual([
      ['parameter_dropped', 'service_tier'],
      ['cache_control_dropped', 'cache_control'],
      ['parameter_dropped', 'container'],
    ]);
    const strict = convertMessagesRequestToChat(body, { strict: true });
    expect(!strict.ok && strict.param).toBe('service_tier');
  });

  it('never mutates its input', () => {
    const body = { model: 'm', max_tokens: 10, system: 'S', messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }] }] };
    const copy = structuredClone(body);
    convertMessagesRequestToChat(body);
    expect(body).toEqual(copy);
  });
});

describe('anthropic-version 2026-10-21 (Anthropic: "Migrating to API version 2026-10-21")', () => {
  const base = { model: 'gemini-2.5-flash', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };
  it.each(['temperature', 'top_p', 'top_k'])('rejects %s, which that version removed', (field) => {
    const result = convertMessagesRequestToChat({ ...base, [field]: 1 }, { apiVersion: '2026-10-21' });
    expect(!result.ok && [result.status, result.param]).toEqual([400, field]);
    expect(convertMessagesRequestToChat({ ...base, [field]: 1 }, { apiVersion: '2023-06-01' }).ok).toBe(true);
  });
  it('rejects citations on a user text block', () => {
    const body = { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'x', citations: [{ type: 'char_location' }] }] }] };
    const result = convertMessagesRequestToChat(body, { apiVersion: '2026-10-21' });
    expect(!result.ok && result.param).toBe('messages.0.content.0.citations');
  });
});
