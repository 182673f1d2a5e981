import { createFixedEnvironment, type ChatCompletionChunk, type TranslationWarning } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { finishGeminiToOpenAIStream } from './finish-gemini-to-openai-stream.js';
import type { GeminiStreamEvent } from './gemini-stream-event.js';
import { createGeminiToOpenAIStreamState, type GeminiStreamContext } from './gemini-to-openai-stream-state.js';
import { translateGeminiStreamEvent, type OpenAIStreamOutput } from './translate-gemini-stream-event.js';

function run(events: GeminiStreamEvent[], context: Partial<GeminiStreamContext> = {}) {
  const warnings: TranslationWarning[] = [];
  const state = createGeminiToOpenAIStreamState({
    context: { model: 'client-model', includeUsage: false, ...context },
    environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-test'], call: ['call_a', 'call_b', 'call_c'] } }),
    onWarning: (warning) => warnings.push(warning),
  });
  const outputs: OpenAIStreamOutput[] = [];
  for (const event of events) outputs.push(...translateGeminiStreamEvent(event, state));
  outputs.push(...finishGeminiToOpenAIStream(state));
  const deltas = outputs.map((output) => {
    if ('error' in output) return output;
    const chunk = output as ChatCompletionChunk;
    const choice = chunk.choices[0];
    if (choice === undefined) return { usage: chunk.usage };
    return { ...choice.delta, ...(choice.finish_reason ? { finish: choice.finish_reason } : {}) };
  });
  return { outputs, deltas, warnings, state };
}

const text = (value: string, extra: object = {}): GeminiStreamEvent => ({ candidates: [{ content: { role: 'model', parts: [{ text: value, ...extra }] } }] });
const stop = (reason = 'STOP', parts?: object[]): GeminiStreamEvent => ({
  candidates: [{ content: parts ? { role: 'model', parts } : { role: 'model' }, finishReason: reason }],
});

describe('translateGeminiStreamEvent', () => {
  it('puts the role on the first chunk only and emits one finish chunk', () => {
    const { deltas } = run([text('a'), text('b'), stop()]);
    expect(deltas).toEqual([{ role: 'assistant', content: 'a' }, { content: 'b' }, { finish: 'stop' }]);
  });

  it('chunks carry id, object, created, model, logprobs null, and usage null only with include_usage', () => {
    const withoutUsage = run([text('a'), stop()]).outputs[0] as Record<string, unknown>;
    expect(withoutUsage).toEqual({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'client-model',
      choices: [{ index: 0, delta: { role: 'assistant', content: 'a' }, logprobs: null, finish_reason: null }],
    });
    expect(Object.keys(withoutUsage)).not.toContain('system_fingerprint');
    const withUsage = run([text('a'), stop()], { includeUsage: true }).outputs;
    expect(withUsage.slice(0, -1).every((chunk) => 'usage' in chunk && chunk.usage === null)).toBe(true);
  });

  it('thought parts become reasoning_content; role chunk has content null', () => {
    const { deltas } = run([text('thinking', { thought: true }), text('answer'), stop()]);
    expect(deltas).toEqual([{ role: 'assistant', content: null, reasoning_content: 'thinking' }, { content: 'answer' }, { finish: 'stop' }]);
  });

  it('counts tool calls across events per choice, and STOP in a later content-less event gives tool_calls', () => {
    const call = (name: string): GeminiStreamEvent => ({ candidates: [{ content: { role: 'model', parts: [{ functionCall: { name, args: { n: name } } }] } }] });
    const { deltas } = run([call('f'), call('g'), stop('STOP', [])]);
    expect(deltas.map((delta) => (delta as { tool_calls?: { index: number; id: string }[] }).tool_calls?.[0])).toEqual([
      { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{"n":"f"}' } },
      { index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{"n":"g"}' } },
      undefined,
    ]);
    expect(deltas[2]).toEqual({ finish: 'tool_calls' });
  });

  it('restores renamed function names through context.toolNames', () => {
    const { deltas } = run(
      [{ candidates: [{ content: { parts: [{ functionCall: { name: 'my_tool_1a2b3c4d', args: {} } }] }, finishReason: 'STOP' }] }],
      { toolNames: { my_tool_1a2b3c4d: 'my tool' } },
    );
    expect((deltas[0] as { tool_calls: { function: { name: string } }[] }).tool_calls[0]!.function.name).toBe('my tool');
  });

  it('MAX_TOKENS after a call is length; SAFETY is content_filter; MALFORMED_FUNCTION_CALL is stop with a warning', () => {
    expect(run([text('x'), stop('MAX_TOKENS')]).deltas.at(-1)).toEqual({ finish: 'length' });
    expect(run([stop('SAFETY')]).deltas).toEqual([{ role: 'assistant', content: '' }, { finish: 'content_filter' }]);
    const malformed = run([stop('MALFORMED_FUNCTION_CALL')]);
    expect(malformed.deltas.at(-1)).toEqual({ finish: 'stop' });
    expect(malformed.warnings.map((warning) => warning.code)).toEqual(['finish_reason_mapped']);
  });

  it('an unknown finish reason maps to stop with a warning', () => {
    const result = run([text('x'), stop('SOMETHING_NEW')]);
    expect(result.deltas.at(-1)).toEqual({ finish: 'stop' });
    expect(result.warnings.map((warning) => warning.code)).toEqual(['unknown_finish_reason']);
  });

  it('a blocked prompt finishes choice 0 with content_filter and warns', () => {
    const result = run([{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } }]);
    expect(result.deltas).toEqual([{ role: 'assistant', content: '' }, { finish: 'content_filter' }]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['prompt_blocked']);
  });

  it('usage: the last usageMetadata with counts wins, count-less Vertex usage is ignored', () => {
    const result = run(
      [
        { ...text('a'), usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1, totalTokenCount: 6 } },
        { ...stop(), usageMetadata: { trafficType: 'ON_DEMAND' } as object },
      ],
      { includeUsage: true },
    );
    expect(result.deltas.at(-1)).toEqual({
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it('include_usage without any counts: a zero usage chunk and a warning', () => {
    const result = run([text('a'), stop()], { includeUsage: true });
    expect((result.deltas.at(-1) as { usage: { total_tokens: number } }).usage.total_tokens).toBe(0);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['usage_missing']);
  });

  it('a stream without finishReason, or without any event, ends with an error payload', () => {
    const cut = run([text('a')]);
    expect(cut.outputs.at(-1)).toMatchObject({ error: { type: 'api_error', code: 'upstream_stream_truncated', param: null } });
    expect(cut.state.failed).toBe(true);
    expect(run([]).outputs).toEqual([
      { error: { message: 'The Gemini stream ended without sending any event.', type: 'api_error', param: null, code: 'upstream_stream_truncated' } },
    ]);
  });

  it('one unfinished candidate of two is a truncation', () => {
    const result = run([{ candidates: [{ index: 0, content: { parts: [{ text: 'a' }] }, finishReason: 'STOP' }, { index: 1, content: { parts: [{ text: 'b' }] } }] }]);
    expect(result.outputs.at(-1)).toMatchObject({ error: { code: 'upstream_stream_truncated' } });
  });

  it('an error event becomes an error payload and everything after it is ignored', () => {
    const result = run([text('a'), { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }, text('b'), stop()]);
    expect(result.outputs.slice(1)).toEqual([{ error: { message: 'Quota exceeded', type: 'rate_limit_error', param: null, code: 'resource_exhausted' } }]);
  });

  it('signatures: on tool calls as thought_signature, on text / thought / trailing parts as thought_signatures', () => {
    const result = run([
      text('t', { thought: true, thoughtSignature: 'S1' }),
      text('c', { thoughtSignature: 'S2' }),
      { candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: {} }, thoughtSignature: 'S3' }] } }] },
      text('', { thoughtSignature: 'S4' }),
      stop(),
    ]);
    expect(result.deltas).toEqual([
      { role: 'assistant', content: null, reasoning_content: 't', extra_content: { google: { thought_signatures: [{ part: 'reasoning', signature: 'S1' }] } } },
      { content: 'c', extra_content: { google: { thought_signatures: [{ part: 'content', signature: 'S2' }] } } },
      { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' }, extra_content: { google: { thought_signature: 'S3' } } }] },
      { extra_content: { google: { thought_signatures: [{ part: 'trailing', signature: 'S4' }] } } },
      { finish: 'tool_calls' },
    ]);
  });

  it('drops part kinds with no chunk form, with a warning', () => {
    const result = run([{ candidates: [{ content: { parts: [{ fileData: { mimeType: 'image/png', fileUri: 'https://example.com/a.png' } } as object] } }] }, text('x'), stop()]);
    expect(result.deltas).toEqual([{ role: 'assistant', content: 'x' }, { finish: 'stop' }]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['part_dropped']);
  });

  it('image parts → delta.images (data URLs), never dropped', () => {
    const result = run([{ candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } } as object] } }] }, stop()]);
    expect(result.deltas).toEqual([{ role: 'assistant', content: null, images: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] }, { finish: 'stop' }]);
    expect(result.warnings).toEqual([]);
  });

  it('executable code and its result → fenced blocks in delta.content', () => {
    const result = run([
      { candidates: [{ content: { parts: [{ executableCode: { language: 'PYTHON', code: 'print(1+1)' } } as object] } }] },
      { candidates: [{ content: { parts: [{ codeExecutionResult: { outcome: 'OUTCOME_OK', output: '2\n' } } as object] } }] },
      stop(),
    ]);
    expect(result.deltas).toEqual([
      { role: 'assistant', content: '\n```python\nprint(1+1)\n```\n' },
      { content: '\n```output\n2\n\n```\n' },
      { finish: 'stop' },
    ]);
  });

  it('a call of the JSON response function → delta.content with the arguments (unwrapped when wrapped), finish stop', () => {
    const call = (args: object): GeminiStreamEvent => ({ candidates: [{ content: { parts: [{ functionCall: { name: 'json_response', args: args as Record<string, unknown> } }] }, finishReason: 'STOP' }] });
    expect(run([call({ answer: 'Paris' })], { jsonResponse: { name: 'json_response', wrapped: false } }).deltas).toEqual([
      { role: 'assistant', content: '{"answer":"Paris"}' },
      { finish: 'stop' },
    ]);
    expect(run([call({ response: [1, 2] })], { jsonResponse: { name: 'json_response', wrapped: true } }).deltas).toEqual([
      { role: 'assistant', content: '[1,2]' },
      { finish: 'stop' },
    ]);
  });

  it('groundingMetadata → url_citation annotations over the content sent so far (UTF-8 byte offsets → UTF-16 indices)', () => {
    const metadata = {
      groundingChunks: [{ web: { uri: 'https://example.com/euro', title: 'example.com' } }],
      // '¡' and 'é' are two bytes each: 'Spain' starts at byte 8, UTF-16 index 6.
      groundingSupports: [{ segment: { startIndex: 8, endIndex: 22, text: 'Spain won 2024' }, groundingChunkIndices: [0] }],
    };
    const result = run([text('¡Olé! Spain won 2024.'), { candidates: [{ content: { role: 'model', parts: [] }, groundingMetadata: metadata, finishReason: 'STOP' } as object] }], { grounding: true });
    expect(result.deltas).toEqual([
      { role: 'assistant', content: '¡Olé! Spain won 2024.' },
      { annotations: [{ type: 'url_citation', url_citation: { start_index: 6, end_index: 20, url: 'https://example.com/euro', title: 'example.com' } }], extra_content: { google: { grounding_metadata: metadata } } },
      { finish: 'stop' },
    ]);
  });

  it('ignores content for a candidate after its finish, with a warning', () => {
    const result = run([text('a'), stop(), text('late')]);
    expect(result.deltas).toEqual([{ role: 'assistant', content: 'a' }, { finish: 'stop' }]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['event_after_finish']);
  });

  it('a streamed call is completed by the next streamed call, by another part, or by the finish', () => {
    const piece = (functionCall: object): GeminiStreamEvent => ({ candidates: [{ content: { parts: [{ functionCall }] } }] });
    const result = run([
      piece({ name: 'f', willContinue: true }),
      piece({ partialArgs: [{ jsonPath: '$.a', numberValue: 1 }], willContinue: true }),
      piece({ name: 'g', willContinue: true }),
      piece({ partialArgs: [{ jsonPath: '$.b', boolValue: true }, { jsonPath: '$.c', nullValue: 'NULL_VALUE' }], willContinue: true }),
      text('done'),
      piece({ name: 'h', willContinue: true }),
      stop(),
    ]);
    const calls = result.deltas.flatMap((delta) => (delta as { tool_calls?: { function: object }[] }).tool_calls ?? []).map((call) => call.function);
    expect(calls).toEqual([
      { name: 'f', arguments: '{"a":1}' },
      { name: 'g', arguments: '{"b":true,"c":null}' },
      { name: 'h', arguments: '{}' },
    ]);
  });

  it('streamed arguments that cannot be assembled give an error payload, not wrong arguments', () => {
    const result = run([
      { candidates: [{ content: { parts: [{ functionCall: { name: 'f', willContinue: true } }] } }] },
      { candidates: [{ content: { parts: [{ functionCall: { partialArgs: [{ jsonPath: 'a..b', stringValue: 'x' }], willContinue: true } }] } }] },
      stop(),
    ]);
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0]).toMatchObject({ error: { code: 'upstream_invalid_function_call', type: 'api_error' } });
  });

  it('never mutates the event', () => {
    const event: GeminiStreamEvent = {
      candidates: [{ content: { parts: [{ functionCall: { name: 'f', args: { a: [1] }, willContinue: true } }, { functionCall: { partialArgs: [{ jsonPath: '$.a[1]', numberValue: 2 }] } }] }, finishReason: 'STOP' }],
    };
    const copy = structuredClone(event);
    const result = run([event]);
    expect(event).toEqual(copy);
    expect((result.deltas[0] as { tool_calls: { function: { arguments: string } }[] }).tool_calls[0]!.function.arguments).toBe('{"a":[1,2]}');
  });
});
