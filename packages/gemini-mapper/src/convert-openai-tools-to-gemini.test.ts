import { describe, expect, it } from 'vitest';
import { convertOpenAIRequestToGemini, type ConvertOpenAIRequestToGeminiOptions } from './convert-openai-request-to-gemini.js';

const weather = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const strictWeather = { type: 'function', function: { ...weather.function, strict: true } };
const time = { type: 'function', function: { name: 'get_time' } };

async function map(request: Record<string, unknown>, options: ConvertOpenAIRequestToGeminiOptions = {}) {
  return convertOpenAIRequestToGemini({ messages: [{ role: 'user', content: 'x' }], ...request }, options);
}
async function upstream(request: Record<string, unknown>, options: ConvertOpenAIRequestToGeminiOptions = {}) {
  const result = await map(request, options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}

/** FunctionCallingConfig.mode of the v1beta spec: VALIDATED = "predict either a function call or a natural language response, but validate function calls with constrained decoding"; allowedFunctionNames "should only be set when the Mode is ANY or VALIDATED". */
describe('strict and allowed_tools → VALIDATED / ANY / AUTO', () => {
  it.each([
    [[strictWeather, time], undefined, { mode: 'VALIDATED' }],
    [[strictWeather], 'auto', { mode: 'VALIDATED' }],
    [[weather], 'auto', { mode: 'AUTO' }],
    [[strictWeather], 'required', { mode: 'ANY' }],
    [[weather, time], { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_time' } }] } }, { mode: 'VALIDATED', allowedFunctionNames: ['get_time'] }],
    [[weather, time], { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_time' } }] } }, { mode: 'ANY', allowedFunctionNames: ['get_time'] }],
  ])('tools %j, tool_choice %j → %j', async (tools, choice, config) => {
    const result = await upstream({ model: 'gemini-2.5-flash', tools, ...(choice !== undefined ? { tool_choice: choice } : {}) });
    expect(result.upstream.body.toolConfig).toEqual({ functionCallingConfig: config });
    expect(result.warnings).toEqual([]);
  });
});

describe('built-in tools', () => {
  it('web_search_options → googleSearch; its fields are dropped with warnings', async () => {
    const result = await upstream({ model: 'gemini-3-flash-preview', web_search_options: { search_context_size: 'high' } });
    expect(result.upstream.body.tools).toEqual([{ googleSearch: {} }]);
    expect(result.warnings.map((warning) => warning.param)).toEqual(['web_search_options.search_context_size']);
    expect(result.context.grounding).toBe(true);
  });
  it('native tool objects (Google’s snake_case Tool names, or the name as type) → Gemini tools, beside functions on Gemini 3', async () => {
    const result = await map(
      { model: 'gemini-3-flash-preview', tools: [weather, { google_search: {} }, { type: 'url_context' }, { code_execution: {} }, { googleSearch: { time_range_filter: { start_time: '2026-01-01T00:00:00Z', end_time: '2026-02-01T00:00:00Z' } } }] },
      { validated: true },
    );
    expect(result.ok && result.upstream.body.tools).toEqual([
      { functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: weather.function.parameters }] },
      { googleSearch: { timeRangeFilter: { startTime: '2026-01-01T00:00:00Z', endTime: '2026-02-01T00:00:00Z' } } },
      { urlContext: {} },
      { codeExecution: {} },
    ]);
  });
  it('built-in tools beside functions on 2.5 → 400 naming the tool (Gemini: "Tool use with function calling is unsupported"); web_search_options is dropped instead', async () => {
    const rejected = await map({ model: 'gemini-2.5-flash', tools: [weather, { code_execution: {} }] }, { validated: true });
    expect(!rejected.ok && rejected.error.error).toMatchObject({ param: 'tools[1]', code: 'unsupported_tool_combination' });
    const dropped = await upstream({ model: 'gemini-2.5-flash', tools: [weather], web_search_options: {} });
    expect(dropped.upstream.body.tools).toEqual([{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: weather.function.parameters }] }]);
    expect(dropped.warnings.map((warning) => warning.code)).toEqual(['parameter_dropped']);
    const strict = await map({ model: 'gemini-2.5-flash', tools: [weather], web_search_options: {} }, { strict: true });
    expect(!strict.ok && strict.error.error.param).toBe('web_search_options');
  });
  it('a built-in tool the model lacks → 400; other tool types → 400', async () => {
    const lacking = await map({ model: 'gemini-2.0-flash', tools: [{ url_context: {} }] }, { validated: true });
    expect(!lacking.ok && lacking.error.error).toMatchObject({ param: 'tools[0]', code: 'unsupported_tool' });
    const custom = await map({ model: 'gemini-3-flash-preview', tools: [{ type: 'custom', custom: { name: 'g' } }] });
    expect(!custom.ok && custom.error.error.param).toBe('tools[0].type');
  });
});

describe('tools + JSON response on models that reject the pair (2.5 and older)', () => {
  const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
  const format = { type: 'json_schema', json_schema: { name: 'answer', schema } };
  it('2.5: JSON mode leaves generationConfig; json_response joins the declarations; mode ANY', async () => {
    const result = await upstream({ model: 'gemini-2.5-flash', tools: [weather], response_format: format });
    expect(result.upstream.body.generationConfig).toBeUndefined();
    expect(result.upstream.body.tools![0]!.functionDeclarations!.map((declaration) => declaration.name)).toEqual(['get_weather', 'json_response']);
    expect(result.upstream.body.tools![0]!.functionDeclarations![1]!.parametersJsonSchema).toEqual(schema);
    expect(result.upstream.body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(result.context.jsonResponse).toEqual({ name: 'json_response', wrapped: false });
    expect(result.warnings.map((warning) => warning.code)).toEqual(['parameter_dropped', 'response_format_rewritten']);
  });
  it('required keeps the client’s names (this turn must call a client function); none drops the declarations and keeps JSON', async () => {
    const required = await upstream({ model: 'gemini-2.5-pro', tools: [weather, time], tool_choice: 'required', response_format: { type: 'json_object' } });
    expect(required.upstream.body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather', 'get_time'] } });
    const none = await upstream({ model: 'gemini-2.5-pro', tools: [weather], tool_choice: 'none', response_format: { type: 'json_object' } });
    expect(none.upstream.body.tools).toBeUndefined();
    expect(none.upstream.body.toolConfig).toBeUndefined();
    expect(none.upstream.body.generationConfig).toEqual({ responseMimeType: 'application/json' });
    expect(none.context.jsonResponse).toBeUndefined();
  });
  it('a non-object schema root is wrapped as the response property', async () => {
    const result = await upstream({ model: 'gemini-2.5-flash', tools: [weather], response_format: { type: 'json_schema', json_schema: { name: 'list', schema: { type: 'array', items: { type: 'string' } } } } });
    expect(result.upstream.body.tools![0]!.functionDeclarations![1]!.parametersJsonSchema).toEqual({ type: 'object', properties: { response: { type: 'array', items: { type: 'string' } } }, required: ['response'] });
    expect(result.context.jsonResponse).toEqual({ name: 'json_response', wrapped: true });
  });
  it('Gemini 3 takes both as they are', async () => {
    const result = await upstream({ model: 'gemini-3-flash-preview', tools: [weather], response_format: format });
    expect(result.upstream.body.generationConfig).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
    expect(result.context.jsonResponse).toBeUndefined();
  });
});
