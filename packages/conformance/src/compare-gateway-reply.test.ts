import { describe, expect, it } from 'vitest';
import { accumulateOpenAIStream } from './accumulate-openai-stream.js';
import { checkOpenAIChunkGrammar } from './check-openai-chunk-grammar.js';
import { compareGatewayReply } from './compare-gateway-reply.js';
import type { FixtureCase } from './fixture-case.js';
import { parseOpenAISse } from './parse-openai-sse.js';

const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-a', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra })}\n\n`;
const delta = (value: Record<string, unknown>, finish: string | null = null) => ({ index: 0, delta: value, finish_reason: finish });
const call = (index: number, fields: Record<string, unknown>) => ({ index, ...fields });

const goodStream = [
  chunk([delta({ role: 'assistant', content: '' })]),
  chunk([delta({ content: 'Hi' })]),
  chunk([delta({ tool_calls: [call(0, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } })] })]),
  chunk([delta({ tool_calls: [call(1, { id: 'call_2', type: 'function', function: { name: 'g', arguments: '{}' } })] })]),
  chunk([delta({ tool_calls: [call(0, { function: { arguments: ':1}' } })] })]),
  chunk([delta({}, 'tool_calls')]),
  chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }),
  'data: [DONE]\n\n',
].join('');

function streamCase(text: string, includeUsage = true): FixtureCase {
  return {
    id: 'x/y',
    provider: 'anthropic',
    name: 'y',
    description: { description: 'd', source: { kind: 'synthetic', basis: 'b' }, categories: ['streaming'] },
    request: { model: 'm', messages: [], stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) },
    stream: true,
    expectedResponse: { kind: 'sse', text },
  };
}
const reply = (text: string) => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, text });

describe('accumulateOpenAIStream', () => {
  it('merges deltas as a client does: text, tool calls by index with their arguments, finish_reason and usage', () => {
    const { completion, done } = accumulateOpenAIStream(parseOpenAISse(goodStream));
    expect(done).toBe(true);
    expect(completion.choices).toEqual([
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: 'Hi',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
            { id: 'call_2', type: 'function', function: { name: 'g', arguments: '{}' } },
          ],
        },
      },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
  });
});

describe('checkOpenAIChunkGrammar', () => {
  const check = (text: string, includeUsage = true) => checkOpenAIChunkGrammar(parseOpenAISse(text), { includeUsage, expectedEnding: 'done' });
  it('accepts a well-formed stream', () => {
    expect(check(goodStream)).toEqual([]);
  });
  it('names each violation', () => {
    const bad = [
      chunk([delta({ content: 'Hi' })]),
      chunk([delta({ tool_calls: [call(1, { id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } })] })]),
      chunk([delta({}, 'stop')]),
      chunk([delta({ content: 'late' }, 'stop')], { usage: { prompt_tokens: 1 } }),
    ].join('');
    expect(check(bad)).toEqual([
      'the stream does not end with data: [DONE]',
      'choice 0: its first chunk (1) has no delta.role "assistant"',
      'choice 0: tool call index 1 in chunk 2 is not the next index (0)',
      'choice 0: chunk 4 has a delta after the finish_reason',
      'choice 0: 2 chunks carry a finish_reason (one expected)',
      'include_usage: the usage chunk has choices (choices: [] expected)',
    ]);
    expect(check(goodStream, false)).toEqual(['usage appears in chunk 7 though the request did not ask for include_usage']);
  });
});

describe('compareGatewayReply', () => {
  it('accepts a differently chunked stream with other ids, and catches glued tool calls', () => {
    const regrouped = [
      chunk([delta({ role: 'assistant', content: 'H' })], { id: 'other', created: 5 }),
      chunk([delta({ content: 'i', tool_calls: [call(0, { id: 'toolu_9', type: 'function', function: { name: 'f', arguments: '{ "a": 1 }' } })] })], { id: 'other', created: 5 }),
      chunk([delta({ tool_calls: [call(1, { id: 'toolu_8', type: 'function', function: { name: 'g', arguments: '{}' } })] }, 'tool_calls')], { id: 'other', created: 5 }),
      chunk([], { id: 'other', created: 5, usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, prompt_tokens_details: { cached_tokens: 0 } } }),
      'data: [DONE]\n\n',
    ].join('');
    expect(compareGatewayReply(streamCase(goodStream), reply(regrouped), { strictStreams: true })).toEqual({ problems: [] });
    const glued = regrouped.replace('"index":1', '"index":0');
    const result = compareGatewayReply(streamCase(goodStream), reply(glued), { strictStreams: true });
    expect(result.problems).toContain('$.accumulated differs from the expected reply');
    expect(result.problems).toContain('strict: choice 0: tool call 0 changes its id in chunk 3');
    expect(result.diff).toContain('$.accumulated.choices[0].message.tool_calls[1]: expected');
  });
});

describe('compareGatewayReply: a stream without text/event-stream', () => {
  it('reports the content type beside the content diff, not instead of it', () => {
    const changed = goodStream.replace('"content":"Hi"', '"content":"Ho"');
    const result = compareGatewayReply(streamCase(goodStream), { status: 200, headers: { 'content-type': 'application/json' }, text: changed });
    expect(result.problems).toEqual(['content-type: expected text/event-stream, got application/json', '$.accumulated differs from the expected reply']);
    expect(result.diff).toContain('$.accumulated.choices[0].message.content: expected "Hi", got "Ho"');
  });

  it('reports only the content type when the content is right', () => {
    expect(compareGatewayReply(streamCase(goodStream), { status: 200, headers: {}, text: goodStream })).toEqual({ problems: ['content-type: expected text/event-stream, got (absent)'] });
  });
});
