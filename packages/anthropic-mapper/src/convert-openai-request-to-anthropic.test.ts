import { describe, expect, it } from 'vitest';
import { convertOpenAIRequestToAnthropic } from './convert-openai-request-to-anthropic.js';

const user = [{ role: 'user', content: 'Hi' }];
const weatherTool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const schemaFormat = { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } };

function ok(request: unknown, options = {}) {
  const result = convertOpenAIRequestToAnthropic(request, options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}
const codes = (result: { warnings: Array<{ code: string }> }) => result.warnings.map((warning) => warning.code);

describe('convertOpenAIRequestToAnthropic', () => {
  it('builds path, headers and the minimal body', () => {
    const result = ok({ model: 'claude-3-5-haiku', messages: user });
    expect(result.upstream).toEqual({
      method: 'POST',
      path: '/v1/messages',
      headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: { model: 'claude-3-5-haiku', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
    });
    expect(result.context).toEqual({ requestedModel: 'claude-3-5-haiku', stream: false, includeUsage: false, thinking: false, jsonResponse: null });
  });

  it('prefers max_completion_tokens, passes stream and include_usage into the context', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, max_tokens: 10, max_completion_tokens: 20, stream: true, stream_options: { include_usage: true } });
    expect(result.upstream.body.max_tokens).toBe(20);
    expect(result.upstream.body.stream).toBe(true);
    expect(result.context).toMatchObject({ stream: true, includeUsage: true });
  });

  it('clamps temperature 1.5 to 1 and drops whitespace-only stop entries, with warnings', () => {
    const result = ok({ model: 'claude-3-5-haiku', messages: user, temperature: 1.5, stop: ['x', ' ', '\n'] });
    expect(result.upstream.body.temperature).toBe(1);
    expect(result.upstream.body.stop_sequences).toEqual(['x']);
    expect(codes(result)).toEqual(['temperature_clamped', 'stop_sequence_dropped', 'stop_sequence_dropped']);
  });

  it('sends a string stop as a one-entry array and user as metadata.user_id', () => {
    const result = ok({ model: 'claude-3-5-haiku', messages: user, stop: 'END', user: 'u-1' });
    expect(result.upstream.body.stop_sequences).toEqual(['END']);
    expect(result.upstream.body.metadata).toEqual({ user_id: 'u-1' });
  });

  it('sends safety_identifier as metadata.user_id, preferred over the deprecated user when both are given', () => {
    expect(ok({ model: 'claude-3-5-haiku', messages: user, safety_identifier: 's-1' }).upstream.body.metadata).toEqual({ user_id: 's-1' });
    expect(ok({ model: 'claude-3-5-haiku', messages: user, user: 'u-1', safety_identifier: 's-1' }).upstream.body.metadata).toEqual({ user_id: 's-1' });
  });

  it("refuses another provider's built-in tool with a 400 naming it", () => {
    const result = convertOpenAIRequestToAnthropic({ model: 'claude-sonnet-4-5', messages: user, tools: [weatherTool, { google_search: {} }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.error).toMatchObject({ param: 'tools[1]', code: 'unsupported_value' });
    expect(!result.ok && result.error.error.message).toContain('"google_search"');
  });

  it('drops temperature or top_p together for models that accept only one', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, temperature: 0.5, top_p: 0.9 });
    expect(result.upstream.body).toMatchObject({ temperature: 0.5 });
    expect(result.upstream.body.top_p).toBeUndefined();
    expect(ok({ model: 'claude-3-5-haiku', messages: user, temperature: 0.5, top_p: 0.9 }).upstream.body).toMatchObject({ temperature: 0.5, top_p: 0.9 });
  });

  it('rejects n: 2 with a 400 naming n', () => {
    const result = convertOpenAIRequestToAnthropic({ model: 'claude-sonnet-4-5', messages: user, n: 2 });
    expect(result).toMatchObject({ ok: false, status: 400, error: { error: { param: 'n', type: 'invalid_request_error' } } });
  });

  it('drops unsupported parameters with warnings, or rejects them in strict mode', () => {
    const request = { model: 'claude-sonnet-4-5', messages: user, seed: 1, logit_bias: { '1': 2 }, presence_penalty: 0, frequency_penalty: 0.5, logprobs: false, vendor_flag: true };
    const result = ok(request);
    expect(result.warnings.map((warning) => warning.param).sort()).toEqual(['frequency_penalty', 'logit_bias', 'seed', 'vendor_flag']);
    expect(new Set(codes(result))).toEqual(new Set(['parameter_dropped']));
    const strict = convertOpenAIRequestToAnthropic({ model: 'claude-sonnet-4-5', messages: user, seed: 1 }, { strict: true });
    expect(strict).toMatchObject({ ok: false, status: 400, error: { error: { param: 'seed', code: 'unsupported_parameter' } } });
  });

  it('never mutates its input and never throws on garbage', () => {
    const request = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: '  x  ' }, { role: 'assistant', content: 'y ' }], tools: [weatherTool], parallel_tool_calls: false };
    const copy = structuredClone(request);
    ok(request);
    expect(request).toEqual(copy);
    for (const garbage of [null, 42, 'text', [], {}, { model: 1 }, { model: 'm', messages: 'x' }]) {
      expect(convertOpenAIRequestToAnthropic(garbage).ok).toBe(false);
    }
  });

  describe('reasoning_effort', () => {
    it('enables thinking with the effort budget and keeps the default max_tokens above it', () => {
      const result = ok({ model: 'claude-sonnet-4-5', messages: user, reasoning_effort: 'high' });
      expect(result.upstream.body.thinking).toEqual({ type: 'enabled', budget_tokens: 24576 });
      expect(result.upstream.body.max_tokens).toBe(64000);
      expect(result.context.thinking).toBe(true);
    });
    it('raises a max_tokens at or below the budget (budget + requested), warned', () => {
      const result = ok({ model: 'claude-sonnet-4-5', messages: user, reasoning_effort: 'low', max_tokens: 1000 });
      expect(result.upstream.body.max_tokens).toBe(3048);
      expect(codes(result)).toEqual(['max_tokens_raised']);
    });
    it('reduces a budget that does not fit the model and stays under the output limit', () => {
      const result = ok({ model: 'claude-opus-4-1', messages: user, reasoning_effort: 'max' });
      expect((result.upstream.body.thinking as { budget_tokens: number }).budget_tokens).toBe(27904);
      expect(result.upstream.body.max_tokens).toBe(32000);
      expect(codes(result)).toEqual(['thinking_budget_reduced']);
    });
    it('drops temperature other than 1 and top_p below 0.95', () => {
      const result = ok({ model: 'claude-3-7-sonnet', messages: user, reasoning_effort: 'minimal', temperature: 0.3, top_p: 0.5 });
      expect(result.upstream.body.temperature).toBeUndefined();
      expect(result.upstream.body.top_p).toBeUndefined();
      expect((result.upstream.body.thinking as { budget_tokens: number }).budget_tokens).toBe(1024);
    });
    it('does not enable thinking with a forced tool choice, nor on models without thinking', () => {
      const forced = ok({ model: 'claude-sonnet-4-5', messages: user, tools: [weatherTool], tool_choice: 'required', reasoning_effort: 'low' });
      expect(forced.upstream.body.thinking).toBeUndefined();
      expect(codes(forced)).toEqual(['thinking_disabled']);
      const old = ok({ model: 'claude-3-5-haiku', messages: user, reasoning_effort: 'low' });
      expect(old.upstream.body.thinking).toBeUndefined();
      expect(codes(old)).toEqual(['parameter_dropped']);
    });
    it('none sends no thinking', () => {
      expect(ok({ model: 'claude-sonnet-4-5', messages: user, reasoning_effort: 'none' }).upstream.body.thinking).toBeUndefined();
    });
  });

  describe('response_format (edge case 9)', () => {
    it('native output_config.format where the model supports it, no synthetic tool', () => {
      const result = ok({ model: 'claude-sonnet-4-5', messages: user, response_format: schemaFormat, tools: [weatherTool] });
      expect(result.upstream.body.output_config).toEqual({ format: { type: 'json_schema', schema: schemaFormat.json_schema.schema } });
      expect(result.upstream.body.tools).toHaveLength(1);
      expect(result.context.jsonResponse).toEqual({ mode: 'native' });
    });
    it('a forced json_tool_call on older models', () => {
      const result = ok({ model: 'claude-3-5-haiku', messages: user, response_format: schemaFormat });
      expect(result.upstream.body.tools).toEqual([
        { name: 'json_tool_call', description: 'Respond with your final answer as the input of this tool (a JSON object).', input_schema: schemaFormat.json_schema.schema },
      ]);
      expect(result.upstream.body.tool_choice).toEqual({ type: 'tool', name: 'json_tool_call' });
      expect(result.context.jsonResponse).toEqual({ mode: 'tool', toolName: 'json_tool_call' });
    });
    it('with thinking on, never forces the tool (auto + instruction)', () => {
      const result = ok({ model: 'claude-3-7-sonnet', messages: user, response_format: schemaFormat, reasoning_effort: 'low' });
      expect(result.upstream.body.tool_choice).toEqual({ type: 'auto' });
      expect(result.upstream.body.system![0]!.text).toContain('json_tool_call');
      expect(codes(result)).toContain('json_tool_not_forced');
    });
    it('with user tools, keeps them callable and asks for the JSON tool by instruction', () => {
      const result = ok({ model: 'claude-3-5-haiku', messages: user, response_format: schemaFormat, tools: [weatherTool, { type: 'function', function: { name: 'json_tool_call' } }] });
      expect(result.upstream.body.tools!.map((tool) => tool.name)).toEqual(['get_weather', 'json_tool_call', 'json_tool_call_2']);
      expect(result.upstream.body.tool_choice).toEqual({ type: 'auto' });
      expect(result.context.jsonResponse).toEqual({ mode: 'tool', toolName: 'json_tool_call_2' });
    });
    it('json_object uses the tool with a permissive object schema on every model', () => {
      const result = ok({ model: 'claude-sonnet-4-5', messages: user, response_format: { type: 'json_object' } });
      expect(result.upstream.body.tools![0]!).toMatchObject({ name: 'json_tool_call', input_schema: { type: 'object' } });
      expect(result.upstream.body.output_config).toBeUndefined();
    });
  });

  it('adds the Files API beta header for file_id documents', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file_1' } }] }] });
    expect(result.upstream.headers['anthropic-beta']).toBe('files-api-2025-04-14');
  });

  it('passes Anthropic-native tools through in place', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, tools: [{ type: 'bash_20250124', name: 'bash' }, weatherTool] });
    expect(result.upstream.body.tools).toEqual([{ type: 'bash_20250124', name: 'bash' }, { name: 'get_weather', input_schema: weatherTool.function.parameters }]);
  });

  it('drops a tool choice without tools', () => {
    const result = ok({ model: 'claude-sonnet-4-5', messages: user, tool_choice: 'auto' });
    expect(result.upstream.body.tool_choice).toBeUndefined();
    expect(codes(result)).toEqual(['parameter_dropped']);
  });
});
