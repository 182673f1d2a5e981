import { describe, expect, it } from 'vitest';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { findClientPath, translateHubErrorForResponses, translateHubWarningForResponses, type HubPathEntry } from './hub-request-paths.js';

/** The hub request of `body` and its path map (the mapping must succeed). */
function mapped(body: unknown) {
  const result = convertResponsesRequestToChat(body, {});
  if (!result.ok) throw new Error(`mapping failed: ${JSON.stringify(result.error)}`);
  return result;
}

describe('findClientPath', () => {
  const paths: HubPathEntry[] = [
    { hub: 'messages[1]', client: 'input[0]' },
    { hub: 'messages[1].tool_call_id', client: 'input[0].call_id' },
    { hub: 'messages', client: 'input', exact: true },
  ];
  it('uses the longest matching prefix and keeps the rest of the path', () => {
    expect(findClientPath('messages[1].tool_call_id', paths)).toBe('input[0].call_id');
    expect(findClientPath('messages[1].content[2].text', paths)).toBe('input[0].content[2].text');
    expect(findClientPath('messages[1]', paths)).toBe('input[0]');
  });
  it('matches whole path segments only, and exact entries only exactly', () => {
    expect(findClientPath('messages[10]', paths)).toBeUndefined();
    expect(findClientPath('messages[1]x', paths)).toBeUndefined();
    expect(findClientPath('messages', paths)).toBe('input');
    expect(findClientPath('messages[7].content', paths)).toBeUndefined();
  });
});

describe('convertResponsesRequestToChat: the path map', () => {
  // instructions → hub messages[0]; input[0] (user) → messages[1]; input[1..2] (two function calls) → one assistant
  // message messages[2]; input[3] (function_call_output) → messages[3]; input[4] (assistant text) → messages[4].
  const body = {
    model: 'claude-sonnet-4-5',
    instructions: 'Be brief.',
    input: [
      { role: 'user', content: [{ type: 'input_text', text: 'Look' }, { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'high' }] },
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
      { type: 'function_call', call_id: 'call_2', name: 'time', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_2', output: '12:00' },
      { role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] },
    ],
    tools: [
      { type: 'web_search' },
      { type: 'function', name: 'weather', parameters: { type: 'object', properties: {} } },
      { type: 'function', name: 'time', parameters: { type: 'object', properties: {} } },
    ],
    text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object', properties: {} } } },
    reasoning: { effort: 'low' },
    max_output_tokens: 100,
    top_logprobs: 2,
  };
  const { request, paths } = mapped(body);
  const at = (param: string) => findClientPath(param, paths);

  it('maps the hub messages to the input items they came from', () => {
    // The hub request is as the mapper's own tests describe it; the indices the paths below rely on:
    expect(request.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(at('messages[0].content')).toBe('instructions');
    expect(at('messages[1]')).toBe('input[0]');
    expect(at('messages[1].content[0].text')).toBe('input[0].content[0].text');
    expect(at('messages[1].content[1].image_url.url')).toBe('input[0].content[1].image_url');
    expect(at('messages[1].content[1].image_url.detail')).toBe('input[0].content[1].detail');
    expect(at('messages[2]')).toBe('input[1]');
    expect(at('messages[2].tool_calls[1]')).toBe('input[2]');
    expect(at('messages[2].tool_calls[1].function.arguments')).toBe('input[2].arguments');
    expect(at('messages[2].tool_calls[0].function.name')).toBe('input[1].name');
    expect(at('messages[2].tool_calls[0].id')).toBe('input[1].call_id');
    expect(at('messages[3].tool_call_id')).toBe('input[3].call_id');
    expect(at('messages[3].content')).toBe('input[3].output');
    expect(at('messages[4].content')).toBe('input[4].content');
    expect(at('messages')).toBe('input');
  });

  it('maps the hub tools and fields to the Responses fields', () => {
    expect(request.tools?.length).toBe(2);
    expect(at('tools[0]')).toBe('tools[1]');
    expect(at('tools[1].function.parameters.type')).toBe('tools[2].parameters.type');
    expect(at('tools[0].function.name')).toBe('tools[1].name');
    expect(at('web_search_options.search_context_size')).toBe('tools[0].search_context_size');
    expect(at('response_format')).toBe('text.format');
    expect(at('response_format.json_schema.schema.properties')).toBe('text.format.schema.properties');
    expect(at('response_format.json_schema.name')).toBe('text.format.name');
    expect(at('max_completion_tokens')).toBe('max_output_tokens');
    expect(at('reasoning_effort')).toBe('reasoning.effort');
    expect(at('logprobs')).toBe('top_logprobs');
    expect(at('model')).toBe('model');
    expect(at('frequency_penalty')).toBeUndefined();
    // A field passed to the hub unchanged keeps its name.
    expect(findClientPath('top_k', mapped({ ...body, top_k: 5 }).paths)).toBe('top_k');
  });

  it('counts a string input after the instructions, and a previous response before the input', () => {
    const plain = mapped({ model: 'm', instructions: 'x', input: 'Hello' });
    expect(findClientPath('messages[1].content', plain.paths)).toBe('input');
    const continued = convertResponsesRequestToChat(
      { model: 'm', previous_response_id: 'resp_1', input: [{ type: 'function_call_output', call_id: 'c', output: 'ok' }] },
      { history: [{ role: 'user', content: 'Hi' }, { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }] },
    );
    if (!continued.ok) throw new Error('mapping failed');
    expect(findClientPath('messages[1].tool_calls[0].function.arguments', continued.paths)).toBe('previous_response.items[1].arguments');
    expect(findClientPath('messages[2].tool_call_id', continued.paths)).toBe('input[0].call_id');
  });
});

describe('translateHubErrorForResponses', () => {
  const paths: HubPathEntry[] = [{ hub: 'messages[2]', client: 'input[1]' }, { hub: 'messages[2].tool_calls[0].function', client: 'input[1]' }];
  const error = (param: string | null, message: string) => ({ error: { message, type: 'invalid_request_error', param, code: 'invalid_value' } });

  it('names the client path in param and in the message', () => {
    expect(translateHubErrorForResponses(error('messages[2].tool_calls[0].function.arguments', 'Bad JSON at messages[2].tool_calls[0].function.arguments.'), paths)).toEqual(
      error('input[1].arguments', 'Bad JSON at input[1].arguments.'),
    );
  });
  it('keeps an unmatched path and says it is the translated request’s', () => {
    expect(translateHubErrorForResponses(error('seed', 'Not supported.'), paths)).toEqual(
      error('seed', "Not supported. (param 'seed' is a path of this request as translated to Chat Completions.)"),
    );
  });
  it('passes an error without param unchanged', () => {
    const plain = error(null, 'Overloaded.');
    expect(translateHubErrorForResponses(plain, paths)).toBe(plain);
  });
});

describe('translateHubWarningForResponses', () => {
  const paths: HubPathEntry[] = [
    { hub: 'tools[0]', client: 'tools[1]' },
    { hub: 'tools[0].function', client: 'tools[1]' },
    { hub: 'max_completion_tokens', client: 'max_output_tokens' },
  ];
  it('names the client path in param and in the message', () => {
    const warning = { code: 'schema_keyword_removed', param: 'tools[0].function.parameters.properties.a.minLength', message: 'Removed tools[0].function.parameters.properties.a.minLength (not supported).' };
    expect(translateHubWarningForResponses(warning, paths)).toEqual({
      code: 'schema_keyword_removed',
      param: 'tools[1].parameters.properties.a.minLength',
      message: 'Removed tools[1].parameters.properties.a.minLength (not supported).',
    });
    expect(translateHubWarningForResponses({ code: 'clamped', param: 'max_completion_tokens', message: 'max_completion_tokens was lowered.' }, paths)).toEqual({
      code: 'clamped',
      param: 'max_output_tokens',
      message: 'max_output_tokens was lowered.',
    });
  });
  it('keeps a warning whose path no entry matches, or that has none, unchanged', () => {
    const unmatched = { code: 'seed_ignored', param: 'seed', message: 'Not supported.' };
    expect(translateHubWarningForResponses(unmatched, paths)).toBe(unmatched);
    const none = { code: 'x', param: '', message: 'y' };
    expect(translateHubWarningForResponses(none, paths)).toBe(none);
  });
});
