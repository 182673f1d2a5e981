import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../test/anthropic-spec-validator.js';
import { parseMessagesCountTokensRequest, parseMessagesCreateRequest } from './parse-messages-request.js';

const spec = createAnthropicSpecValidators();

// Requests written from Anthropic's API reference (Messages, Extended thinking, Tool use, Vision, PDF support,
// Prompt caching, Structured outputs): each is valid for the spec and must be accepted.
const valid: Record<string, unknown> = {
  minimal: { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello, world' }] },
  everything: {
    model: 'gemini-3-pro-preview',
    max_tokens: 4096,
    system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Let me check.', signature: 'EqQBCkgIARAB' },
          { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01A', content: [{ type: 'text', text: '15 C' }], is_error: false },
          { type: 'text', text: 'Thanks', cache_control: { type: 'ephemeral' } },
        ],
      },
    ],
    tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
    tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    stop_sequences: ['END'],
    temperature: 1,
    top_p: 0.95,
    top_k: 40,
    metadata: { user_id: 'user-123' },
    thinking: { type: 'enabled', budget_tokens: 2048 },
    stream: true,
  },
  adaptive: {
    model: 'claude-opus-4-7',
    max_tokens: 16000,
    thinking: { type: 'adaptive', display: 'omitted' },
    output_config: { effort: 'xhigh', format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
    messages: [{ role: 'user', content: 'Think.' }],
  },
  toolChoices: {
    model: 'claude-haiku-4-5',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'x' }],
    tools: [{ type: 'custom', name: 'a', input_schema: { type: 'object' }, strict: true }],
    tool_choice: { type: 'tool', name: 'a' },
  },
};

describe('parseMessagesCreateRequest', () => {
  for (const [name, body] of Object.entries(valid)) {
    it(`accepts the documented request "${name}", which the (extended) spec accepts too`, () => {
      expect(spec.createMessageParams(body), JSON.stringify(spec.createMessageParams.errors)).toBe(true);
      const parsed = parseMessagesCreateRequest(body);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(body);
    });
  }

  it('keeps unknown fields (a passthrough upstream and the mapper see them)', () => {
    const parsed = parseMessagesCreateRequest({ ...(valid.minimal as object), context_management: { edits: [] } });
    expect(parsed.ok && parsed.value.context_management).toEqual({ edits: [] });
  });

  const invalid: Array<[string, unknown, string]> = [
    ['no max_tokens', { model: 'm', messages: [] }, 'max_tokens'],
    ['no model', { max_tokens: 1, messages: [] }, 'model'],
    ['a role Anthropic does not have', { model: 'm', max_tokens: 1, messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role'],
    ['a server-tool block in history', { model: 'm', max_tokens: 1, messages: [{ role: 'assistant', content: [{ type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] }] }] }, 'messages.0.content.0.type'],
    ['a thinking block without its signature', { model: 'm', max_tokens: 1, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] }, 'messages.0.content.0.signature'],
    ['an image media type Anthropic refuses', { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/tiff', data: 'AA' } }] }] }, 'messages.0.content.0.source.media_type'],
    ['a temperature above 1', { model: 'm', max_tokens: 1, messages: [], temperature: 1.5 }, 'temperature'],
    ['an unknown tool_choice', { model: 'm', max_tokens: 1, messages: [], tool_choice: { type: 'required' } }, 'tool_choice.type'],
    ['an unknown effort', { model: 'm', max_tokens: 1, messages: [], output_config: { effort: 'extreme' } }, 'output_config.effort'],
  ];
  for (const [name, body, param] of invalid) {
    it(`rejects ${name} with Anthropic's 400 envelope naming ${param}`, () => {
      const parsed = parseMessagesCreateRequest(body);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.status).toBe(400);
      expect(parsed.param).toBe(param);
      expect(parsed.error.type).toBe('error');
      expect(parsed.error.error.type).toBe('invalid_request_error');
      expect(parsed.error.error.message.startsWith(`${param}: `)).toBe(true);
      expect(spec.errorResponse(parsed.error)).toBe(true);
    });
  }
});

describe('parseMessagesCountTokensRequest', () => {
  it('accepts the create body without max_tokens', () => {
    const body = { model: 'gemini-2.5-flash', system: 'Be brief.', messages: [{ role: 'user', content: 'Hello' }], tools: [{ name: 't', input_schema: { type: 'object' } }] };
    expect(parseMessagesCountTokensRequest(body).ok).toBe(true);
  });
  it('rejects a body without messages', () => {
    const parsed = parseMessagesCountTokensRequest({ model: 'm' });
    expect(!parsed.ok && parsed.param).toBe('messages');
  });
});
