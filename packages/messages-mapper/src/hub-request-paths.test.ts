import { describe, expect, it } from 'vitest';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';
import { convertOpenAIErrorToMessages, translateHubWarningForMessages } from './convert-openai-error-to-messages.js';
import { findClientPath, type HubPathEntry } from './hub-request-paths.js';

function mapped(body: unknown) {
  const result = convertMessagesRequestToChat(body);
  if (!result.ok) throw new Error(`mapping failed: ${JSON.stringify(result.error)}`);
  return result;
}

describe('findClientPath (Messages)', () => {
  const paths: HubPathEntry[] = [{ hub: 'messages[3]', client: 'messages.1.content.2' }, { hub: 'messages', client: 'messages', exact: true }];
  it('keeps the rest of the path in Anthropic’s dotted style', () => {
    expect(findClientPath('messages[3].content[1].text', paths)).toBe('messages.1.content.2.content.1.text');
    expect(findClientPath('messages[30]', paths)).toBeUndefined();
    expect(findClientPath('messages[4]', paths)).toBeUndefined();
    expect(findClientPath('messages', paths)).toBe('messages');
  });
});

describe('convertMessagesRequestToChat: the path map', () => {
  // system → hub messages[0]; messages.0 (user) → messages[1]; messages.1 (assistant: text, tool_use) → messages[2];
  // messages.2 (user: text, tool_result, image) → messages[3] (the tool message, first) and messages[4] (text, image).
  const body = {
    model: 'gemini-3-pro-preview',
    max_tokens: 256,
    system: 'Be brief.',
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'toolu_a', name: 'weather', input: { city: 'Paris' } }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Here:' },
          { type: 'tool_result', tool_use_id: 'toolu_a', content: [{ type: 'text', text: 'Sunny' }] },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
        ],
      },
    ],
    tools: [{ name: 'weather', input_schema: { type: 'object', properties: {} } }],
    thinking: { type: 'enabled', budget_tokens: 2048 },
    output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: {} } } },
  };
  const { request, paths } = mapped(body);
  const at = (param: string) => findClientPath(param, paths);

  it('maps the hub messages to the messages and blocks they came from', () => {
    expect(request.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(at('messages[0].content')).toBe('system');
    expect(at('messages[1].content')).toBe('messages.0.content');
    expect(at('messages[2].content')).toBe('messages.1.content.0');
    expect(at('messages[2].tool_calls[0]')).toBe('messages.1.content.1');
    expect(at('messages[2].tool_calls[0].function.arguments')).toBe('messages.1.content.1.input');
    expect(at('messages[2].tool_calls[0].function.name')).toBe('messages.1.content.1.name');
    expect(at('messages[3]')).toBe('messages.2.content.1');
    expect(at('messages[3].tool_call_id')).toBe('messages.2.content.1.tool_use_id');
    expect(at('messages[4].content[0].text')).toBe('messages.2.content.0.text');
    expect(at('messages[4].content[1].image_url.url')).toBe('messages.2.content.2.source');
  });

  it('maps the hub tools and fields to the Messages fields', () => {
    expect(at('tools[0].function.parameters.type')).toBe('tools.0.input_schema.type');
    expect(at('tools[0].function.name')).toBe('tools.0.name');
    expect(at('response_format.json_schema.schema.properties')).toBe('output_config.format.schema.properties');
    expect(at('max_completion_tokens')).toBe('max_tokens');
    expect(at('reasoning_effort')).toBe('thinking');
    expect(at('stop')).toBe('stop_sequences');
    expect(at('seed')).toBeUndefined();
  });

  it('translates a provider mapper\'s warning to the Messages path (param and message)', () => {
    const warning = { code: 'schema_keyword_removed', param: 'tools[0].function.parameters.type', message: 'Changed tools[0].function.parameters.type.' };
    expect(translateHubWarningForMessages(warning, paths)).toEqual({ code: 'schema_keyword_removed', param: 'tools.0.input_schema.type', message: 'Changed tools.0.input_schema.type.' });
    const unmatched = { code: 'seed_ignored', param: 'seed', message: 'Not supported.' };
    expect(translateHubWarningForMessages(unmatched, paths)).toBe(unmatched);
  });

  it('maps each thinking block of an assistant turn to its own block (a dropped block is named exactly)', () => {
    const turns = mapped({
      model: 'claude-fable-5-2',
      max_tokens: 10,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'a', signature: 'sig-a' },
            { type: 'text', text: 'Hm.' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'thinking', thinking: 'b', signature: 'sig-b' },
          ],
        },
        { role: 'user', content: 'y' },
      ],
    });
    // Hub: messages[0] system, [1] user, [2] the assistant turn.
    expect(turns.request.messages[2]).toMatchObject({ thinking_blocks: [{ signature: 'sig-a' }, { data: 'opaque' }, { signature: 'sig-b' }] });
    expect(findClientPath('messages[2].thinking_blocks[0]', turns.paths)).toBe('messages.1.content.0');
    expect(findClientPath('messages[2].thinking_blocks[1]', turns.paths)).toBe('messages.1.content.2');
    expect(findClientPath('messages[2].thinking_blocks[2]', turns.paths)).toBe('messages.1.content.3');
    const dropped = { code: 'thinking_dropped', param: 'messages[2].thinking_blocks[2]', message: 'Anthropic dropped this thinking block instead of showing it to the model.' };
    expect(translateHubWarningForMessages(dropped, turns.paths).param).toBe('messages.1.content.3');
  });

  it('names output_config.effort for reasoning_effort when the effort came from there', () => {
    const effort = mapped({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], output_config: { effort: 'low' } });
    expect(findClientPath('reasoning_effort', effort.paths)).toBe('output_config.effort');
  });
});

describe('convertOpenAIErrorToMessages with the path map', () => {
  const paths: HubPathEntry[] = [{ hub: 'messages[2]', client: 'messages.2.content.0' }, { hub: 'messages[2].tool_call_id', client: 'messages.2.content.0.tool_use_id' }];
  const error = (param: string | null, message: string) => ({ error: { message, type: 'invalid_request_error', param, code: 'x' } });

  it('puts the client path in front of the message (Anthropic’s envelope has no param)', () => {
    expect(convertOpenAIErrorToMessages(400, error('messages[2].tool_call_id', 'No assistant tool call with id "toolu_b".'), paths)).toEqual({
      status: 400,
      body: {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'messages.2.content.0.tool_use_id: No assistant tool call with id "toolu_b".' },
        request_id: null,
      },
    });
  });
  it('replaces a hub path the message names', () => {
    const out = convertOpenAIErrorToMessages(400, error('messages[2]', 'messages[2] must follow a tool call.'), paths);
    expect(out.body.error.message).toBe('messages.2.content.0 must follow a tool call.');
  });
  it('keeps an unmatched path and says it is the translated request’s', () => {
    const out = convertOpenAIErrorToMessages(400, error('seed', 'Not supported.'), paths);
    expect(out.body.error.message).toBe('seed (a path of this request as translated to Chat Completions): Not supported.');
  });
  it('without paths, behaves as before', () => {
    expect(convertOpenAIErrorToMessages(400, error('messages[2]', 'Bad.')).body.error.message).toBe('messages[2]: Bad.');
  });
});
