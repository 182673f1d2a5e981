import { describe, expect, it } from 'vitest';
import { convertOpenAIRequestToGemini } from './convert-openai-request-to-gemini.js';

async function body(request: unknown, options = {}) {
  const result = await convertOpenAIRequestToGemini(request, options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}

describe('edge case #6: role sequencing', () => {
  it('system lifted, users merged, two calls in one model turn, two responses in one turn in call order, next human text separate', async () => {
    const result = await body({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris' },
        { role: 'user', content: 'and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_b', content: 'rainy' },
        { role: 'tool', tool_call_id: 'call_a', content: '{"sky":"sunny"}' },
        { role: 'user', content: 'Thanks' },
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Summary?' },
      ],
    });
    expect(result.upstream.body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }] });
    expect(result.upstream.body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris' }, { text: 'and Rome?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'weather', args: { city: 'Paris' } } }, { functionCall: { name: 'weather', args: { city: 'Rome' } } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { sky: 'sunny' } } },
          { functionResponse: { name: 'weather', response: { content: 'rainy' } } },
        ],
      },
      { role: 'user', parts: [{ text: 'Thanks' }, { text: 'Answer in French.' }, { text: 'Summary?' }] },
    ]);
    expect(result.warnings.map((warning) => warning.code)).toContain('system_message_moved');
  });
});

describe('edge case #7: thinking round trip', () => {
  it('restores signatures on the same parts, drops Anthropic thinking blocks, bypasses unsigned Gemini 3 calls', async () => {
    const result = await body({
      model: 'gemini-3-pro-preview',
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: 'Let me check.',
          reasoning_content: 'thinking…',
          extra_content: { google: { thought_signatures: [{ part: 'reasoning', signature: 'SIG_R' }, { part: 'content', signature: 'SIG_C' }, { part: 'trailing', signature: 'SIG_T' }] } },
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' }, extra_content: { google: { thought_signature: 'SIG_F' } } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        {
          role: 'assistant',
          content: null,
          thinking_blocks: [{ type: 'thinking', thinking: 'claude thoughts', signature: 'anthropic-sig' }],
          tool_calls: [{ id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
        },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'snow' },
      ],
    });
    const [, first, , second] = result.upstream.body.contents;
    expect(first).toEqual({
      role: 'model',
      parts: [
        { text: 'thinking…', thought: true, thoughtSignature: 'SIG_R' },
        { text: 'Let me check.', thoughtSignature: 'SIG_C' },
        { functionCall: { name: 'weather', args: {} }, thoughtSignature: 'SIG_F' },
        { text: '', thoughtSignature: 'SIG_T' },
      ],
    });
    expect(second).toEqual({ role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Oslo' } }, thoughtSignature: 'skip_thought_signature_validator' }] });
    expect(result.warnings.map((warning) => warning.code)).toEqual(expect.arrayContaining(['thinking_blocks_dropped', 'thought_signature_bypassed']));
  });
  it('maps reasoning_effort by family', async () => {
    expect((await body({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'low' })).upstream.body.generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    expect((await body({ model: 'gemini-3-pro-preview', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'medium' })).upstream.body.generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: 'HIGH', includeThoughts: true },
    });
  });
});

describe('edge case #8: media matrix', () => {
  const ask = (part: unknown) => ({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: [part] }] });
  it('data URL → inlineData, gs:// → fileData, https → resolver when inline bytes are preferred, pdf and audio inline', async () => {
    const resolveMedia = async () => ({ mimeType: 'image/png', data: 'AAAA' });
    const parts = await Promise.all(
      [
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
        { type: 'image_url', image_url: 'gs://bucket/cat.png' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat' } },
        { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
        { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
      ].map(async (part) => (await body(ask(part), { resolveMedia, preferInlineMedia: true })).upstream.body.contents[0]!.parts[0]),
    );
    expect(parts).toEqual([
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/' } },
      { fileData: { mimeType: 'image/png', fileUri: 'gs://bucket/cat.png' } },
      { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
    ]);
  });
  it('a failing resolver is a 400, not a throw', async () => {
    const result = await convertOpenAIRequestToGemini(ask({ type: 'image_url', image_url: { url: 'http://example.com/x.png' } }), {
      resolveMedia: async () => {
        throw new Error('404');
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.error.code).toBe('media_fetch_failed');
  });
});

describe('edge case #9: structured output, tool names, strict mode', () => {
  it('json_schema on 2.5 → responseJsonSchema; on 1.5 → converted responseSchema', async () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    const format = { type: 'json_schema', json_schema: { name: 'x', strict: true, schema } };
    expect((await body({ model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'x' }], response_format: format })).upstream.body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    expect((await body({ model: 'gemini-1.5-pro', messages: [{ role: 'user', content: 'x' }], response_format: format })).upstream.body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } }, propertyOrdering: ['a'] },
    });
  });
  it('maps invalid function names reversibly and uses the mapped name in tool_choice', async () => {
    const result = await body({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'get weather/now', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      tool_choice: { type: 'function', function: { name: 'get weather/now' } },
    });
    const name = result.upstream.body.tools![0]!.functionDeclarations![0]!.name;
    expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/);
    expect(result.context.toolNames).toEqual({ [name]: 'get weather/now' });
    expect(result.upstream.body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } });
  });
  it('strict mode rejects unsupported parameters; otherwise they are dropped with a warning', async () => {
    const request = { model: 'gemini-3-pro-preview', messages: [{ role: 'user', content: 'x' }], logit_bias: { '1': 2 }, presence_penalty: 1, stop: ['a', 'b', 'c', 'd', 'e', 'f'] };
    const lenient = await body(request);
    expect(lenient.upstream.body.generationConfig).toEqual({ stopSequences: ['a', 'b', 'c', 'd', 'e'] });
    expect(lenient.warnings.map((warning) => warning.param)).toEqual(expect.arrayContaining(['logit_bias', 'presence_penalty', 'stop']));
    const strict = await convertOpenAIRequestToGemini(request, { strict: true });
    expect(strict.ok).toBe(false);
  });
});

describe('function results must follow their calls', () => {
  const call = { role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{}' } }] };

  it('a system note between the calls and their results is sent after the results', async () => {
    const result = await body({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather?' }, call, { role: 'system', content: 'Be terse.' }, { role: 'tool', tool_call_id: 'call_a', content: 'sunny' }, { role: 'user', content: 'So?' }],
    });
    expect(result.upstream.body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { content: 'sunny' } } }] },
      { role: 'user', parts: [{ text: 'Be terse.' }, { text: 'So?' }] },
    ]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'system_message_moved', param: 'messages[2]' }));
  });

  it('a tool message after human text (not after the calling turn) is a 400, as OpenAI itself rejects it', async () => {
    const result = await convertOpenAIRequestToGemini({
      model: 'gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather?' }, call, { role: 'tool', tool_call_id: 'call_a', content: 'sunny' }, { role: 'user', content: 'again' }, { role: 'tool', tool_call_id: 'call_a', content: 'rainy' }],
    });
    expect(result).toMatchObject({ ok: false, status: 400, error: { error: { type: 'invalid_request_error', param: 'messages[4]', code: 'tool_result_without_call' } } });
  });

  it('a legacy function message with no preceding call is a 400', async () => {
    const result = await convertOpenAIRequestToGemini({ model: 'gemini-2.5-flash', messages: [{ role: 'function', name: 'weather', content: 'sunny' }] });
    expect(result).toMatchObject({ ok: false, status: 400, error: { error: { param: 'messages[0]', code: 'tool_result_without_call' } } });
  });
});

describe("Gemini's own function-call ids go back", () => {
  it('only for calls that carry extra_content.google.function_call_id, on the call and on its result', async () => {
    const result = await body({
      model: 'gemini-3-flash-preview',
      messages: [
        { role: 'user', content: 'Two cities' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            // A client that renamed the id keeps Gemini's in the extension: the extension wins.
            { id: 'renamed_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' }, extra_content: { google: { thought_signature: 'SIG', function_call_id: 'gem-1' } } },
            { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_2', content: 'rain' },
        { role: 'tool', tool_call_id: 'renamed_1', content: 'snow' },
      ],
    });
    expect(result.upstream.body.contents.slice(1)).toEqual([
      {
        role: 'model',
        parts: [
          { functionCall: { id: 'gem-1', name: 'weather', args: { city: 'Oslo' } }, thoughtSignature: 'SIG' },
          { functionCall: { name: 'weather', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { id: 'gem-1', name: 'weather', response: { content: 'snow' } } },
          { functionResponse: { name: 'weather', response: { content: 'rain' } } },
        ],
      },
    ]);
  });
});

describe('images inside tool results', () => {
  it('go beside the function responses in the same turn, with a warning, never dropped', async () => {
    const result = await convertOpenAIRequestToGemini({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'user', content: 'Take a screenshot' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'screenshot', arguments: '{}' } }] },
        {
          role: 'tool',
          tool_call_id: 'call_1',
          content: [
            { type: 'text', text: 'done' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.upstream.body.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { name: 'screenshot', response: { content: 'done' } } },
        { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      ],
    });
    expect(result.warnings.map((warning) => warning.code)).toContain('tool_result_media_moved');
  });
});

describe('the catalog output limit', () => {
  it('max_tokens above the family’s maxOutputTokens is clamped with a warning, a 400 in strict mode', async () => {
    const request = { model: 'gemini-1.5-pro', messages: [{ role: 'user', content: 'x' }], max_tokens: 20000 };
    const lenient = await convertOpenAIRequestToGemini(request);
    expect(lenient.ok && lenient.upstream.body.generationConfig).toEqual({ maxOutputTokens: 8192 });
    expect(lenient.warnings).toEqual([expect.objectContaining({ code: 'max_tokens_clamped', param: 'max_tokens' })]);
    const strict = await convertOpenAIRequestToGemini(request, { strict: true });
    expect(!strict.ok && strict.error.error.param).toBe('max_tokens');
  });
});

describe('families that ignore sampling parameters or take one candidate', () => {
  it('3.5 Flash-Lite and Gemini 4: temperature/top_p not sent (warning); Gemini 4: n > 1 dropped (warning), 400 in strict mode', async () => {
    const lite = await convertOpenAIRequestToGemini({ model: 'gemini-3.5-flash-lite', messages: [{ role: 'user', content: 'x' }], temperature: 0.2, top_p: 0.9 });
    expect(lite.ok && lite.upstream.body.generationConfig).toBeUndefined();
    expect(lite.warnings.map((warning) => warning.param)).toEqual(['temperature', 'top_p']);
    const neon = await convertOpenAIRequestToGemini({ model: 'gemini-4-neon', messages: [{ role: 'user', content: 'x' }], n: 2 });
    expect(neon.ok && neon.upstream.body.generationConfig).toBeUndefined();
    expect(neon.ok && neon.context.candidateCount).toBe(1);
    expect(neon.warnings.map((warning) => warning.param)).toEqual(['n']);
    const strict = await convertOpenAIRequestToGemini({ model: 'gemini-4-neon', messages: [{ role: 'user', content: 'x' }], n: 2 }, { strict: true });
    expect(!strict.ok && strict.error.error.param).toBe('n');
    const flash = await convertOpenAIRequestToGemini({ model: 'gemini-3-flash-preview', messages: [{ role: 'user', content: 'x' }], temperature: 0.2, n: 2 });
    expect(flash.ok && flash.upstream.body.generationConfig).toEqual({ temperature: 0.2, candidateCount: 2 });
  });
});
