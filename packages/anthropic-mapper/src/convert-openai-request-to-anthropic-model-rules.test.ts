import { describe, expect, it } from 'vitest';
import { convertOpenAIRequestToAnthropic } from './convert-openai-request-to-anthropic.js';

// The per-model rules of the 2026 generations; expected bodies written from the cited documentation:
// adaptive thinking + effort (platform.claude.com/docs/en/build-with-claude/adaptive-thinking, …/effort), the Opus 4.7
// migration guide (adaptive only, sampling parameters 400, xhigh, display omitted by default), the 4.6 prefill removal,
// the Opus 5 / Opus 5.5 / Sonnet 5.5 migration guides (thinking on by default / always on / between_tools, forced
// tool use 400), and the extended-thinking tool-use rule (final assistant message must start with a thinking block).

const user = [{ role: 'user', content: 'Hi' }];
const tool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const toolLoop = [
  { role: 'user', content: 'Weather in Paris?' },
  { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
  { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
];

function map(request: Record<string, unknown>, options = {}) {
  return convertOpenAIRequestToAnthropic(request, options);
}
function ok(request: Record<string, unknown>, options = {}) {
  const result = map(request, options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}
const codes = (result: { warnings: Array<{ code: string }> }) => result.warnings.map((warning) => warning.code);

describe('reasoning_effort per generation', () => {
  it.each([
    ['minimal', 'low'],
    ['low', 'low'],
    ['medium', 'medium'],
    ['high', 'high'],
    ['xhigh', 'xhigh'],
    ['max', 'max'],
  ])('Opus 4.7: %s → adaptive thinking (display summarized) + effort %s', (effort, level) => {
    const result = ok({ model: 'claude-opus-4-7', messages: user, reasoning_effort: effort });
    expect(result.upstream.body.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
    expect(result.upstream.body.output_config).toEqual({ effort: level });
    expect(result.context.thinking).toBe(true);
    expect(codes(result)).toEqual([]);
  });

  it('Opus 4.6: adaptive without display (summarized is its default); xhigh → high (no xhigh on 4.6), warned', () => {
    const high = ok({ model: 'claude-opus-4-6', messages: user, reasoning_effort: 'high' });
    expect(high.upstream.body.thinking).toEqual({ type: 'adaptive' });
    expect(high.upstream.body.output_config).toEqual({ effort: 'high' });
    const xhigh = ok({ model: 'claude-opus-4-6', messages: user, reasoning_effort: 'xhigh' });
    expect(xhigh.upstream.body.output_config).toEqual({ effort: 'high' });
    expect(codes(xhigh)).toEqual(['reasoning_effort_mapped']);
  });

  it('Sonnet 4.6: max → high (max is Opus-only), warned', () => {
    const result = ok({ model: 'claude-sonnet-4-6', messages: user, reasoning_effort: 'max' });
    expect(result.upstream.body.output_config).toEqual({ effort: 'high' });
    expect(codes(result)).toEqual(['reasoning_effort_mapped']);
  });

  it('Sonnet 4.5 keeps budget thinking (no adaptive before 4.6)', () => {
    const result = ok({ model: 'claude-sonnet-4-5-20250929', messages: user, reasoning_effort: 'medium' });
    expect(result.upstream.body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(result.upstream.body.output_config).toBeUndefined();
  });

  it('none: nothing on models off by default; disabled on Opus 5; between_tools on Sonnet 5.5; lowest effort on Opus 5.5', () => {
    expect(ok({ model: 'claude-opus-4-7', messages: user, reasoning_effort: 'none' }).upstream.body.thinking).toBeUndefined();
    const opus5 = ok({ model: 'claude-opus-5', messages: user, reasoning_effort: 'none' });
    expect(opus5.upstream.body.thinking).toEqual({ type: 'disabled' });
    expect(opus5.context.thinking).toBe(false);
    const sonnet55 = ok({ model: 'claude-sonnet-5-5', messages: user, reasoning_effort: 'none' });
    expect(sonnet55.upstream.body.thinking).toEqual({ type: 'between_tools' });
    expect(codes(sonnet55)).toEqual(['thinking_reduced']);
    const opus55 = ok({ model: 'claude-opus-5-5', messages: user, reasoning_effort: 'none' });
    expect(opus55.upstream.body.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
    expect(opus55.upstream.body.output_config).toEqual({ effort: 'low' });
    expect(codes(opus55)).toEqual(['thinking_not_disabled']);
    const strict = map({ model: 'claude-opus-5-5', messages: user, reasoning_effort: 'none' }, { strict: true });
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.error.error.param).toBe('reasoning_effort');
  });

  it('without reasoning_effort: models thinking by default get display summarized so reasoning_content is not empty', () => {
    const opus5 = ok({ model: 'claude-opus-5', messages: user });
    expect(opus5.upstream.body.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
    expect(opus5.upstream.body.output_config).toBeUndefined();
    expect(opus5.context.thinking).toBe(true);
    expect(ok({ model: 'claude-opus-4-7', messages: user }).upstream.body.thinking).toBeUndefined();
  });

  it('models without thinking drop reasoning_effort (400 in strict mode)', () => {
    const result = ok({ model: 'claude-3-5-haiku', messages: user, reasoning_effort: 'high' });
    expect(result.upstream.body.thinking).toBeUndefined();
    expect(codes(result)).toEqual(['parameter_dropped']);
  });
});

describe('sampling parameters', () => {
  it('Opus 4.7 rejects temperature, top_p and top_k: dropped with warnings, 400 in strict mode', () => {
    const result = ok({ model: 'claude-opus-4-7', messages: user, temperature: 0.2, top_p: 0.9, top_k: 40 });
    expect(result.upstream.body.temperature).toBeUndefined();
    expect(result.upstream.body.top_p).toBeUndefined();
    expect((result.upstream.body as unknown as Record<string, unknown>)['top_k']).toBeUndefined();
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([
      ['parameter_dropped', 'temperature'],
      ['parameter_dropped', 'top_p'],
      ['parameter_dropped', 'top_k'],
    ]);
    const strict = map({ model: 'claude-opus-4-7', messages: user, temperature: 0.2 }, { strict: true });
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.error.error).toMatchObject({ param: 'temperature', code: 'unsupported_parameter' });
  });

  it('the default temperature 1 is dropped with a warning even in strict mode (nothing is lost)', () => {
    const result = ok({ model: 'claude-sonnet-5', messages: user, temperature: 1 }, { strict: true });
    expect(result.upstream.body.temperature).toBeUndefined();
    expect(codes(result)).toEqual(['parameter_dropped']);
  });

  it('4.5 / 4.6 models take temperature or top_p, not both', () => {
    const result = ok({ model: 'claude-sonnet-4-6', messages: user, temperature: 0.5, top_p: 0.9 });
    expect(result.upstream.body.temperature).toBe(0.5);
    expect(result.upstream.body.top_p).toBeUndefined();
    expect(codes(result)).toEqual(['parameter_dropped']);
  });

  it('3.x models keep both', () => {
    const result = ok({ model: 'claude-3-5-sonnet-20241022', messages: user, temperature: 0.5, top_p: 0.9 });
    expect(result.upstream.body).toMatchObject({ temperature: 0.5, top_p: 0.9 });
  });

  it('adaptive thinking drops temperature other than 1 and top_k', () => {
    const result = ok({ model: 'claude-opus-4-6', messages: user, reasoning_effort: 'low', temperature: 0.3, top_k: 5 });
    expect(result.upstream.body.temperature).toBeUndefined();
    expect(codes(result)).toEqual(['parameter_dropped', 'parameter_dropped']);
  });
});

describe('prefill', () => {
  it('4.6 and later: a final assistant message is a 400 naming it', () => {
    const result = map({ model: 'claude-sonnet-4-6', messages: [...user, { role: 'assistant', content: '{"answer":' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status).toBe(400);
      expect(result.error.error).toMatchObject({ param: 'messages[1]', code: 'unsupported_value', type: 'invalid_request_error' });
      expect(result.error.error.message).toContain('prefill');
    }
  });
  it('4.5 and earlier keep the prefill', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: [...user, { role: 'assistant', content: '{"answer":' }] });
    expect(result.upstream.body.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: '{"answer":' }] });
  });
});

describe('thinking replay in a tool loop', () => {
  it('budget thinking is not enabled when the open tool turn lost its signed thinking block (warned, naming the message)', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: toolLoop, tools: [tool], reasoning_effort: 'low' });
    expect(result.upstream.body.thinking).toBeUndefined();
    expect(result.context.thinking).toBe(false);
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([['thinking_disabled', 'messages[1].thinking_blocks']]);
  });

  it('budget thinking stays on when the thinking block came back', () => {
    const withBlocks = structuredClone(toolLoop) as Array<Record<string, unknown>>;
    withBlocks[1]!['thinking_blocks'] = [{ type: 'thinking', thinking: 'Look it up.', signature: 'sig' }];
    const result = ok({ model: 'claude-sonnet-4-5', messages: withBlocks, tools: [tool], reasoning_effort: 'low' });
    expect(result.upstream.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(codes(result)).toEqual([]);
  });

  it('a finished tool loop (answered with text, then a new user turn) does not matter', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: [...toolLoop, { role: 'assistant', content: 'It is 18°C.' }, { role: 'user', content: 'Thanks' }], tools: [tool], reasoning_effort: 'low' });
    expect(result.upstream.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
  });

  it('adaptive thinking is sent as is (turns without a thinking block are valid in adaptive mode)', () => {
    const result = ok({ model: 'claude-opus-4-7', messages: toolLoop, tools: [tool], reasoning_effort: 'high' });
    expect(result.upstream.body.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
  });
});

describe('forced tool choice', () => {
  it('Opus 5.5 rejects forced tool use: sent as auto, warned (400 in strict mode)', () => {
    const result = ok({ model: 'claude-opus-5-5', messages: user, tools: [tool], tool_choice: 'required' });
    expect(result.upstream.body.tool_choice).toEqual({ type: 'auto' });
    expect(codes(result)).toEqual(['tool_choice_relaxed']);
    expect(map({ model: 'claude-opus-5-5', messages: user, tools: [tool], tool_choice: 'required' }, { strict: true }).ok).toBe(false);
  });
  it('Opus 5 accepts it (adaptive thinking skips thinking for a forced tool)', () => {
    const result = ok({ model: 'claude-opus-5', messages: user, tools: [tool], tool_choice: 'required' });
    expect(result.upstream.body.tool_choice).toEqual({ type: 'any' });
  });
});

describe('catalog options', () => {
  it('an exact-model override changes what is sent', () => {
    const result = ok({ model: 'house-claude', messages: user, reasoning_effort: 'high', temperature: 0.5 }, { capabilities: { thinking: 'adaptive-only', samplingParameters: 'none', effortLevels: ['low', 'medium', 'high'] } });
    expect(result.upstream.body.thinking).toEqual({ type: 'adaptive' });
    expect(result.upstream.body.output_config).toEqual({ effort: 'high' });
    expect(result.upstream.body.temperature).toBeUndefined();
  });
});

describe('structured output in the Anthropic subset', () => {
  const zodLike = { type: 'object', properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 } }, required: ['name', 'age'], additionalProperties: false };
  it('response_format json_schema: converted, each removed keyword warned', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, response_format: { type: 'json_schema', json_schema: { name: 'person', schema: zodLike } } });
    expect(result.upstream.body.output_config).toEqual({
      format: { type: 'json_schema', schema: { type: 'object', properties: { name: { type: 'string', description: '(minLength: 1)' }, age: { type: 'integer', description: '(minimum: 0)' } }, required: ['name', 'age'], additionalProperties: false } },
    });
    expect(result.warnings.map((w) => w.param)).toEqual(['response_format.json_schema.schema.properties.name.minLength', 'response_format.json_schema.schema.properties.age.minimum']);
  });
  it('strict tools: the input schema is converted', () => {
    const result = ok({ model: 'claude-opus-4-7', messages: user, tools: [{ type: 'function', function: { name: 'save', strict: true, parameters: zodLike } }] });
    const saved = result.upstream.body.tools![0] as { strict?: boolean; input_schema: Record<string, unknown> };
    expect(saved.strict).toBe(true);
    expect((saved.input_schema['properties'] as Record<string, unknown>)['age']).toEqual({ type: 'integer', description: '(minimum: 0)' });
  });
  it('a recursive schema falls back to the JSON tool (warned)', () => {
    const recursive = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } };
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, response_format: { type: 'json_schema', json_schema: { name: 'tree', schema: recursive } } });
    expect(result.upstream.body.output_config).toBeUndefined();
    expect(result.context.jsonResponse).toEqual({ mode: 'tool', toolName: 'json_tool_call' });
    expect(codes(result)).toContain('structured_output_fallback');
  });
});

describe('prompt caching', () => {
  it('off (the default): no automatic caching', () => {
    expect(ok({ model: 'claude-sonnet-4-5', messages: user }).upstream.body.cache_control).toBeUndefined();
  });
  it('auto: top-level cache_control (Anthropic automatic caching)', () => {
    expect(ok({ model: 'claude-sonnet-4-5', messages: user }, { promptCaching: 'auto' }).upstream.body.cache_control).toEqual({ type: 'ephemeral' });
  });
  it('prompt_cache_options mode explicit keeps only the client breakpoints, even with auto', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'Long document', prompt_cache_breakpoint: { mode: 'explicit' } }] }], prompt_cache_options: { mode: 'explicit' } }, { promptCaching: 'auto' });
    expect(result.upstream.body.cache_control).toBeUndefined();
    expect(result.upstream.body.messages[0]!.content[0]).toEqual({ type: 'text', text: 'Long document', cache_control: { type: 'ephemeral' } });
  });
  it('prompt_cache_retention 24h turns automatic caching on with ttl 1h (warned); prompt_cache_key has no equivalent (warned)', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, prompt_cache_retention: '24h', prompt_cache_key: 'tenant-1' });
    expect(result.upstream.body.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([
      ['parameter_dropped', 'prompt_cache_key'],
      ['cache_ttl_changed', 'prompt_cache_retention'],
    ]);
  });
  it('prompt_cache_options implicit with ttl 30m → automatic caching, ttl 1h (warned)', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, prompt_cache_options: { mode: 'implicit', ttl: '30m' } });
    expect(result.upstream.body.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(codes(result)).toEqual(['cache_ttl_changed']);
  });
  it('no automatic caching when the client already used the four breakpoints', () => {
    const part = (text: string) => ({ type: 'text', text, cache_control: { type: 'ephemeral' } });
    const result = ok({ model: 'claude-sonnet-4-5', messages: [{ role: 'system', content: [part('a'), part('b')] }, { role: 'user', content: [part('c'), part('d')] }] }, { promptCaching: 'auto' });
    expect(result.upstream.body.cache_control).toBeUndefined();
    expect(codes(result)).toEqual(['automatic_cache_skipped']);
  });
});

describe('escape hatch and betas', () => {
  it('the anthropic object is merged after mapping; each overridden field is warned', () => {
    const result = ok({
      model: 'claude-opus-4-7',
      messages: user,
      reasoning_effort: 'high',
      anthropic: { output_config: { effort: 'max' }, context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] }, container: 'container_1', mcp_servers: [{ type: 'url', url: 'https://mcp.example.com', name: 'x' }] },
    });
    expect(result.upstream.body.output_config).toEqual({ effort: 'max' });
    expect(result.upstream.body).toMatchObject({ container: 'container_1', context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] } });
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([['anthropic_field_overridden', 'anthropic.output_config.effort']]);
  });
  it('native thinking through the escape hatch turns the reply side’s thinking on', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, anthropic: { thinking: { type: 'enabled', budget_tokens: 4000 } } });
    expect(result.upstream.body.thinking).toEqual({ type: 'enabled', budget_tokens: 4000 });
    expect(result.context.thinking).toBe(true);
  });
  it('model and stream cannot be set; a non-object is a 400', () => {
    const model = map({ model: 'claude-sonnet-4-5', messages: user, anthropic: { model: 'claude-opus-4-7' } });
    expect(model.ok ? null : model.error.error.param).toBe('anthropic.model');
    const notObject = map({ model: 'claude-sonnet-4-5', messages: user, anthropic: 'x' });
    expect(notObject.ok ? null : notObject.error.error.param).toBe('anthropic');
  });
  it('client betas are merged with the betas the mapping adds, without duplicates', () => {
    const file = [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file_1' } }] }];
    const result = ok({ model: 'claude-sonnet-4-5', messages: file }, { betas: 'context-1m-2025-08-07, files-api-2025-04-14' });
    expect(result.upstream.headers['anthropic-beta']).toBe('files-api-2025-04-14,context-1m-2025-08-07');
    expect(ok({ model: 'claude-sonnet-4-5', messages: user }).upstream.headers['anthropic-beta']).toBeUndefined();
  });
});

describe('legacy functions', () => {
  it('functions → tools, function_call → tool_choice, assistant function_call → tool_use, function messages → tool_result', () => {
    const result = ok({
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, function_call: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { role: 'function', name: 'get_weather', content: '18°C' },
      ],
      functions: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
      function_call: { name: 'get_weather' },
    });
    expect(result.upstream.body.tools).toEqual([{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);
    expect(result.upstream.body.tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(result.upstream.body.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'tool_use', id: 'legacy_function_call_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'legacy_function_call_1', content: '18°C' }] },
    ]);
    expect(codes(result)).toEqual([]);
  });
  it('a function message without a matching call is a 400 naming it', () => {
    const result = map({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }, { role: 'function', name: 'f', content: '1' }] });
    expect(result.ok ? null : result.error.error.param).toBe('messages[1].name');
  });
});

describe('anthropic_blocks: continuing a paused server-tool turn', () => {
  const paused = {
    role: 'assistant',
    content: 'Let me search.',
    anthropic_blocks: [
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'weather paris' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [{ type: 'web_search_result', url: 'https://example.com', title: 'Weather', encrypted_content: 'abc' }] },
    ],
  };
  it('the blocks are replayed verbatim after the text; the final assistant message is a continuation, not a prefill', () => {
    const result = ok({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'Weather in Paris?' }, paused], web_search_options: {} });
    expect(result.upstream.body.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Let me search.' }, ...paused.anthropic_blocks] });
  });
  it('malformed blocks are a 400 naming them', () => {
    const result = map({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }, { ...paused, anthropic_blocks: [1] }] });
    expect(result.ok ? null : result.error.error.param).toBe('messages[1].anthropic_blocks[0]');
  });
});
