import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseChatCompletionRequest } from './parse-chat-completion-request.js';

/** A request using most of the spec's fields; each value was checked against the spec by hand. */
const KITCHEN_SINK = {
  model: 'gpt-4o',
  messages: [
    { role: 'developer', content: 'Be terse.' },
    { role: 'system', content: [{ type: 'text', text: 'You are helpful.' }], name: 'sys' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Look', prompt_cache_breakpoint: { mode: 'explicit' } },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
        { type: 'image_url', image_url: 'data:image/png;base64,AAAA' },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
        { type: 'file', file: { file_id: 'file-123' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      refusal: null,
      reasoning_content: 'Thinking…',
      thinking_blocks: [{ type: 'thinking', thinking: '…', signature: 'sig' }],
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'call_2', type: 'custom', custom: { name: 'sql', input: 'SELECT 1' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '18°C' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'It is' }, { type: 'refusal', refusal: 'No.' }], audio: { id: 'audio_1' } },
    { role: 'function', name: 'legacy', content: null },
    { role: 'assistant', content: 'ok', function_call: { name: 'legacy', arguments: '{}' } },
  ],
  metadata: { team: 'a' },
  temperature: 0.2,
  top_p: 1,
  user: 'u1',
  safety_identifier: 'hash',
  prompt_cache_key: 'k',
  prompt_cache_retention: '24h',
  prompt_cache_options: { ttl: '30m', mode: 'explicit' },
  service_tier: 'flex',
  modalities: ['text', 'audio'],
  verbosity: 'low',
  reasoning_effort: 'minimal',
  max_completion_tokens: 100,
  max_tokens: 100,
  frequency_penalty: -2,
  presence_penalty: 2,
  web_search_options: { search_context_size: 'low', user_location: { type: 'approximate', approximate: { city: 'Paris' } } },
  top_logprobs: 20,
  logprobs: true,
  response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' }, strict: true } },
  audio: { voice: 'alloy', format: 'mp3' },
  store: false,
  moderation: { model: 'omni-moderation-latest', policy: { input: { mode: 'block' }, output: null } },
  stream: true,
  stream_options: { include_usage: true, include_obfuscation: false },
  stop: ['\n', 'END'],
  logit_bias: { '50256': -100 },
  n: 2,
  prediction: { type: 'content', content: 'draft' },
  seed: 42,
  tools: [
    { type: 'function', function: { name: 'get_weather', description: 'd', parameters: { type: 'object' }, strict: true } },
    { type: 'custom', custom: { name: 'sql', format: { type: 'grammar', grammar: { definition: 'start: "x"', syntax: 'lark' } } } },
    { type: 'custom', custom: { name: 'free', format: { type: 'text' } } },
  ],
  tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_weather' } }] } },
  parallel_tool_calls: false,
  function_call: { name: 'legacy' },
  functions: [{ name: 'legacy', description: 'd', parameters: { type: 'object' } }],
};

function expectError(json: unknown, param: string | null, messagePattern: RegExp) {
  const result = parseChatCompletionRequest(json);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.status).toBe(400);
  expect(result.error.error.type).toBe('invalid_request_error');
  expect(result.error.error.param).toBe(param);
  expect(result.error.error.code).toBeNull();
  expect(result.error.error.message).toMatch(messagePattern);
  if (param !== null) expect(result.error.error.message).toContain(`'${param}'`);
}

describe('parseChatCompletionRequest', () => {
  it('accepts a request using every field and returns it unchanged', () => {
    const result = parseChatCompletionRequest(KITCHEN_SINK);
    expect(result).toEqual({ ok: true, value: KITCHEN_SINK });
  });

  it.each([
    ['none'],
    ['auto'],
    ['required'],
    [{ type: 'function', function: { name: 'f' } }],
    [{ type: 'custom', custom: { name: 'c' } }],
    [{ type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [] } }],
  ])('accepts tool_choice %j', (toolChoice) => {
    expect(parseChatCompletionRequest({ ...KITCHEN_SINK, tool_choice: toolChoice }).ok).toBe(true);
  });

  it.each([[{ type: 'text' }], [{ type: 'json_object' }], [{ type: 'json_schema', json_schema: { name: 'x', parameters: { type: 'object' } } }]])(
    'accepts response_format %j',
    (format) => {
      expect(parseChatCompletionRequest({ ...KITCHEN_SINK, response_format: format }).ok).toBe(true);
    },
  );

  it("accepts Google's built-in tools by name or as Google's Tool object, and Anthropic's versioned tools", () => {
    const tools = [
      { google_search: {} },
      { googleSearch: { timeRangeFilter: {} } },
      { type: 'url_context' },
      { code_execution: {} },
      { type: 'web_search_20250305', name: 'web_search' },
    ];
    const result = parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], tools });
    expect(result.ok && result.value.tools).toEqual(tools);
  });

  it('still refuses a tool that is none of these, naming its type', () => {
    const result = parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ bogus: {} }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.error.param).toBe('tools[0].type');
  });

  it('accepts stop as a string and nulls for nullable fields', () => {
    const nulls = { temperature: null, top_p: null, n: null, seed: null, stop: null, max_tokens: null, stream_options: null, audio: null };
    expect(parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], stop: 'END' }).ok).toBe(true);
    expect(parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], ...nulls }).ok).toBe(true);
  });

  it('reports the deepest path inside content parts', () => {
    const messages = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: 42 } }] },
    ];
    expectError({ model: 'm', messages }, 'messages[2].content[1].image_url.url', /^Invalid type for '.*': expected a string, but got an integer\.$/);
  });

  it('reports a missing required field', () => {
    expectError({ messages: [{ role: 'user', content: 'x' }] }, 'model', /^Missing required parameter: 'model'\.$/);
    expectError({ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id', /^Missing required parameter/);
  });

  it('reports an unknown role or part type at the discriminator', () => {
    expectError({ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', /expected one of "developer", "system", "user", "assistant", "tool", "function", but got "robot"/);
    expectError({ model: 'm', messages: [{ role: 'user', content: [{ type: 'video' }] }] }, 'messages[0].content[0].type', /but got "video"/);
    expectError({ model: 'm', messages: [{ role: 'user' }] }, 'messages[0].content', /^Missing required parameter/);
  });

  it('reports both alternatives when a union fails at its own level', () => {
    expectError({ model: 'm', messages: [{ role: 'user', content: 7 }] }, 'messages[0].content', /expected a string or an array, but got an integer/);
  });

  it('reports ranges, integers and enums', () => {
    const base = { model: 'm', messages: [{ role: 'user', content: 'x' }] };
    expectError({ ...base, temperature: 3 }, 'temperature', /<=2, but got 3/);
    expectError({ ...base, n: 1.5 }, 'n', /expected an integer, but got 1\.5/);
    expectError({ ...base, reasoning_effort: 'huge' }, 'reasoning_effort', /expected one of .*"minimal".*, but got "huge"/);
    expectError({ ...base, metadata: { 'my key': 1 } }, 'metadata["my key"]', /expected a string, but got an integer/);
  });

  it('uses param null when the body itself is not an object', () => {
    expectError('text', null, /^The request body must be an object, but got a string\.$/);
    expectError(null, null, /^The request body must be an object, but got null\.$/);
    expectError([], null, /^The request body must be an object, but got an array\.$/);
  });

  it('keeps unknown fields at every level', () => {
    const json = {
      model: 'm',
      x_top: { nested: [1, 2] },
      messages: [
        { role: 'user', x_message: true, content: [{ type: 'image_url', x_part: 1, image_url: { url: 'https://x', x_image: 'y' } }] },
        { role: 'assistant', content: 'a', x_assistant: 'z', tool_calls: [{ id: 'c', type: 'function', x_call: 1, function: { name: 'f', arguments: '{}', x_fn: 2 } }] },
      ],
      tools: [{ type: 'function', x_tool: 1, function: { name: 'f', x_def: 1, parameters: { type: 'object', additionalProperties: false } } }],
      response_format: { type: 'json_schema', x_rf: 1, json_schema: { name: 'n', x_js: 1 } },
      stream_options: { include_usage: true, x_so: 1 },
    };
    const copy = structuredClone(json);
    const result = parseChatCompletionRequest(json);
    expect(result).toEqual({ ok: true, value: copy });
  });

  test.prop([fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withDate: true, withBigInt: true })], { numRuns: 300 })(
    'never throws on arbitrary input, and fails with a well-formed error',
    (input) => {
      const result = parseChatCompletionRequest(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(400);
        expect(result.error.error.type).toBe('invalid_request_error');
        expect(typeof result.error.error.message).toBe('string');
        expect(result.error.error.param === null || typeof result.error.error.param === 'string').toBe(true);
      }
    },
  );

  /** Every JSON path (as segments) of a value. */
  function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
    const out: Array<Array<string | number>> = [prefix];
    if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...prefix, i])));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
    return out;
  }
  const PATHS = pathsOf(KITCHEN_SINK).filter((p) => p.length > 0);

  function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return copy;
  }

  test.prop(
    [fc.constantFrom(...PATHS), fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.anything())],
    { numRuns: 500 },
  )('never throws on mutated valid requests; an error names its path in param and message', (path, value) => {
    const mutated = setAt(KITCHEN_SINK, path, value);
    const result = parseChatCompletionRequest(mutated);
    if (!result.ok) {
      expect(result.status).toBe(400);
      expect(result.error.error.type).toBe('invalid_request_error');
      const param = result.error.error.param;
      expect(typeof param).toBe('string');
      expect(result.error.error.message).toContain(`'${param}'`);
    }
  });
});
