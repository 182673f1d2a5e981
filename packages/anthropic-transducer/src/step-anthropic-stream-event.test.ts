import { createFixedEnvironment, type ChatCompletionChunk, type TranslationWarning } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import type { AnthropicStreamContext } from './anthropic-to-openai-stream-options.js';
import { createAnthropicToOpenAIStreamState, type AnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';
import { endAnthropicStream, stepAnthropicStreamEvent, type OpenAIStreamFrame } from './step-anthropic-stream-event.js';

const start = (model = 'claude-sonnet-4-5', usage: Record<string, number> = { input_tokens: 10, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, usage },
});
const blockStart = (index: number, content_block: Record<string, unknown>) => ({ type: 'content_block_start', index, content_block });
const delta = (index: number, value: Record<string, unknown>) => ({ type: 'content_block_delta', index, delta: value });
const blockStop = (index: number) => ({ type: 'content_block_stop', index });
const messageDelta = (stop_reason: string | null, usage: Record<string, number> = { output_tokens: 5 }, extra: Record<string, unknown> = {}) => ({
  type: 'message_delta',
  delta: { stop_reason, stop_sequence: null, ...extra },
  usage,
});
const stop = { type: 'message_stop' };

function run(
  events: readonly Record<string, unknown>[],
  context: Partial<AnthropicStreamContext> = {},
): { frames: OpenAIStreamFrame[]; warnings: TranslationWarning[]; state: AnthropicToOpenAIStreamState } {
  const warnings: TranslationWarning[] = [];
  const state = createAnthropicToOpenAIStreamState({
    context: { requestedModel: 'client-model', includeUsage: false, ...context },
    environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-test'], fp: ['fp_test'] }, now: 42 }),
    onWarning: (warning) => warnings.push(warning),
  });
  const frames = events.flatMap((event) => stepAnthropicStreamEvent(event as { type: string }, state));
  frames.push(...endAnthropicStream(state));
  return { frames, warnings, state };
}

/** The deltas (and finish reasons) of the chunks, errors and [DONE] as they are. */
function summary(frames: readonly OpenAIStreamFrame[]): unknown[] {
  return frames.map((frame) => {
    if (frame === '[DONE]' || 'error' in frame) return frame;
    const chunk = frame as ChatCompletionChunk;
    if (chunk.choices.length === 0) return { usage: chunk.usage };
    const choice = chunk.choices[0]!;
    return choice.finish_reason === null ? choice.delta : { finish: choice.finish_reason };
  });
}

describe('stepAnthropicStreamEvent', () => {
  it('draws id and fingerprint once and uses the upstream model', () => {
    const { frames } = run([start('claude-upstream'), blockStart(0, { type: 'text', text: '' }), delta(0, { type: 'text_delta', text: 'a' }), blockStop(0), messageDelta('end_turn'), stop]);
    const chunks = frames.filter((frame): frame is ChatCompletionChunk => typeof frame === 'object');
    expect(new Set(chunks.map((chunk) => `${chunk.id} ${chunk.system_fingerprint} ${chunk.created} ${chunk.model}`))).toEqual(
      new Set(['chatcmpl-test fp_test 42 claude-upstream']),
    );
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('falls back to the requested model, and opens the message when message_start is missing', () => {
    const { frames } = run([blockStart(0, { type: 'text', text: 'Hi' }), blockStop(0), messageDelta('end_turn'), stop]);
    expect((frames[0] as ChatCompletionChunk).model).toBe('client-model');
    expect(summary(frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { content: 'Hi' }, { finish: 'stop' }, '[DONE]']);
  });

  it('ignores pings, unknown events, unknown deltas and deltas of unknown blocks', () => {
    const { frames } = run([
      start(),
      { type: 'ping' },
      { type: 'brand_new_event', payload: 1 },
      blockStart(0, { type: 'text', text: '' }),
      delta(0, { type: 'brand_new_delta', value: 'x' }),
      delta(7, { type: 'text_delta', text: 'orphan' }),
      blockStop(0),
      messageDelta('end_turn'),
      stop,
    ]);
    expect(summary(frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { finish: 'stop' }, '[DONE]']);
  });

  it('numbers tool calls by ordinal, whatever blocks come first', () => {
    const { frames } = run([
      start(),
      blockStart(0, { type: 'tool_use', id: 'toolu_a', name: 'a', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '{"x":1}' }),
      blockStop(0),
      blockStart(1, { type: 'server_tool_use', id: 'srvtoolu_b', name: 'web_search', input: {} }),
      delta(1, { type: 'input_json_delta', partial_json: '{"query":"q"}' }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_c', name: 'c', input: {} }),
      blockStop(2),
      messageDelta('tool_use'),
      stop,
    ]);
    expect(summary(frames)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'a', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] },
      { anthropic_blocks: [{ type: 'server_tool_use', id: 'srvtoolu_b', name: 'web_search', input: { query: 'q' } }] },
      { tool_calls: [{ index: 1, id: 'toolu_c', type: 'function', function: { name: 'c', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      { finish: 'tool_calls' },
      '[DONE]',
    ]);
  });

  it('sends a complete start input when no argument delta follows (lenient upstreams)', () => {
    const { frames } = run([start(), blockStart(0, { type: 'tool_use', id: 'toolu_a', name: 'a', input: { city: 'Paris' } }), blockStop(0), messageDelta('tool_use'), stop]);
    expect(summary(frames)[2]).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Paris"}' } }] });
  });

  it('finishes a tool_use stop without any client tool call with stop', () => {
    const { frames } = run([start(), blockStart(0, { type: 'server_tool_use', id: 's', name: 'web_search', input: {} }), blockStop(0), messageDelta('tool_use'), stop]);
    expect(summary(frames)).toContainEqual({ finish: 'stop' });
  });

  it('reports skipped blocks, dropped document citations and ignored duplicate message_start', () => {
    const { frames, warnings } = run([
      start(),
      start(),
      blockStart(0, { type: 'web_search_tool_result', tool_use_id: 's', content: [] }),
      blockStop(0),
      blockStart(1, { type: 'text', text: '', citations: [] }),
      delta(1, { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'x', document_index: 0, start_char_index: 0, end_char_index: 1 } }),
      delta(1, { type: 'text_delta', text: 'cited' }),
      blockStop(1),
      messageDelta('end_turn'),
      stop,
    ]);
    expect(warnings.map((warning) => warning.code)).toEqual(['duplicate_message_start', 'content_blocks_skipped', 'citations_dropped']);
    expect(summary(frames)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { anthropic_blocks: [{ type: 'web_search_tool_result', tool_use_id: 's', content: [] }] },
      { content: 'cited' },
      { finish: 'stop' },
      '[DONE]',
    ]);
  });

  it('reports unknown event types once each, and pause_turn with the anthropic_stop_reason extension', () => {
    const { frames, warnings } = run([start(), { type: 'brand_new_event' }, { type: 'brand_new_event' }, blockStart(0, { type: 'text', text: 'Searching.' }), blockStop(0), messageDelta('pause_turn'), stop]);
    expect(warnings.map((warning) => [warning.code, warning.param])).toEqual([
      ['unknown_stream_event', 'brand_new_event'],
      ['pause_turn', 'stop_reason'],
    ]);
    const finishChunk = frames[frames.length - 2] as ChatCompletionChunk;
    expect(finishChunk.choices[0]).toMatchObject({ delta: { anthropic_stop_reason: 'pause_turn' }, finish_reason: 'stop' });
  });

  it('puts web citations as url_citation annotations spanning their block, in UTF-16 offsets', () => {
    const citation = { type: 'web_search_result_location', cited_text: 'c', url: 'https://example.com/a', title: 'A', encrypted_index: 'e' };
    const { frames } = run([
      start(),
      blockStart(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'é😀 ' }),
      blockStop(0),
      blockStart(1, { type: 'text', text: '', citations: [] }),
      delta(1, { type: 'citations_delta', citation }),
      delta(1, { type: 'text_delta', text: 'ab' }),
      blockStop(1),
      messageDelta('end_turn'),
      stop,
    ]);
    expect(summary(frames)[3]).toEqual({
      annotations: [{ type: 'url_citation', url_citation: { url: 'https://example.com/a', title: 'A', start_index: 4, end_index: 6 } }],
    });
  });

  it('sends a refusal explanation before the content_filter finish', () => {
    const { frames } = run([start(), messageDelta('refusal', { output_tokens: 1 }, { stop_details: { type: 'refusal', category: 'cyber', explanation: 'Blocked.' } }), stop]);
    expect(summary(frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { refusal: 'Blocked.' }, { finish: 'content_filter' }, '[DONE]']);
  });

  it('sends the finish chunk once, and at message_stop when no message_delta named a stop reason', () => {
    expect(summary(run([start(), messageDelta('end_turn'), messageDelta('max_tokens'), stop]).frames)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { finish: 'stop' },
      '[DONE]',
    ]);
    expect(summary(run([start(), messageDelta(null), stop]).frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { finish: 'stop' }, '[DONE]']);
  });

  it('merges message_start usage with the cumulative message_delta usage', () => {
    const { frames } = run(
      [start('m', { input_tokens: 10, cache_read_input_tokens: 4, output_tokens: 1 }), messageDelta('end_turn', { output_tokens: 3 }), messageDelta(null, { output_tokens: 9, cache_creation_input_tokens: 2 }), stop],
      { includeUsage: true },
    );
    expect(summary(frames).at(-2)).toEqual({
      usage: {
        prompt_tokens: 16,
        completion_tokens: 9,
        total_tokens: 25,
        prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 2 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(frames.slice(0, -2).every((frame) => (frame as ChatCompletionChunk).usage === null)).toBe(true);
  });

  it('ignores everything after message_stop, and after an error; the end then adds nothing', () => {
    const afterStop = run([start(), messageDelta('end_turn'), stop, blockStart(0, { type: 'text', text: 'late' }), { type: 'error', error: { type: 'api_error', message: 'x' } }]);
    expect(summary(afterStop.frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { finish: 'stop' }, '[DONE]']);
    const afterError = run([start(), { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }, messageDelta('end_turn'), stop]);
    expect(summary(afterError.frames)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { error: { message: 'Slow down', type: 'rate_limit_error', param: null, code: null } },
    ]);
    expect(afterError.state.phase).toBe('failed');
  });

  it('turns malformed known events into an error payload', () => {
    expect(summary(run([start(), { type: 'content_block_delta', index: 'zero', delta: {} }]).frames)[1]).toEqual({
      error: { message: 'The upstream sent a malformed content_block_delta event.', type: 'api_error', param: null, code: 'invalid_upstream_event' },
    });
    expect(summary(run([{ type: 'message_start' }]).frames)[0]).toMatchObject({ error: { code: 'invalid_upstream_event' } });
  });

  it('an empty upstream is a truncated stream', () => {
    expect(summary(run([]).frames)).toEqual([
      { error: { message: 'The upstream stream ended before message_stop; the response is incomplete.', type: 'api_error', param: null, code: 'upstream_stream_truncated' } },
    ]);
  });

  describe('JSON mode through a tool', () => {
    const context = { jsonResponse: { mode: 'tool' as const, toolName: 'json_tool_call' } };

    it('drops text written before the JSON tool (as the non-stream mapper does)', () => {
      const { frames, warnings } = run(
        [
          start(),
          blockStart(0, { type: 'text', text: '' }),
          delta(0, { type: 'text_delta', text: 'Here you go:' }),
          blockStop(0),
          blockStart(1, { type: 'tool_use', id: 'toolu_j', name: 'json_tool_call', input: {} }),
          delta(1, { type: 'input_json_delta', partial_json: '{"a":' }),
          delta(1, { type: 'input_json_delta', partial_json: '1}' }),
          blockStop(1),
          messageDelta('tool_use'),
          stop,
        ],
        context,
      );
      expect(summary(frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { content: '{"a":' }, { content: '1}' }, { finish: 'stop' }, '[DONE]']);
      expect(warnings.map((warning) => warning.code)).toEqual(['json_preamble_dropped']);
    });

    it('sends held text as content when the JSON tool never comes, and keeps real tool calls', () => {
      const { frames, warnings } = run(
        [
          start(),
          blockStart(0, { type: 'text', text: '' }),
          delta(0, { type: 'text_delta', text: 'No JSON, ' }),
          delta(0, { type: 'text_delta', text: 'sorry.' }),
          blockStop(0),
          blockStart(1, { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: {} }),
          delta(1, { type: 'input_json_delta', partial_json: '{}' }),
          blockStop(1),
          messageDelta('tool_use'),
          stop,
        ],
        context,
      );
      expect(summary(frames)).toEqual([
        { role: 'assistant', content: '', refusal: null },
        { tool_calls: [{ index: 0, id: 'toolu_w', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
        { tool_calls: [{ index: 0, function: { arguments: '{}' } }] },
        { content: 'No JSON, sorry.' },
        { finish: 'tool_calls' },
        '[DONE]',
      ]);
      expect(warnings.map((warning) => warning.code)).toEqual(['json_tool_not_called']);
    });

    it('sends {} for a JSON tool that streamed no input', () => {
      const { frames } = run([start(), blockStart(0, { type: 'tool_use', id: 'toolu_j', name: 'json_tool_call', input: {} }), blockStop(0), messageDelta('tool_use'), stop], context);
      expect(summary(frames)).toEqual([{ role: 'assistant', content: '', refusal: null }, { content: '{}' }, { finish: 'stop' }, '[DONE]']);
    });
  });
});

describe('createAnthropicToOpenAITranscoder', () => {
  const options = () => ({
    context: { requestedModel: 'client-model', includeUsage: false },
    environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-test'], fp: ['fp_test'] }, now: 42 }),
  });

  it('formats exactly as JSON.stringify of the chunk', () => {
    const transcoder = createAnthropicToOpenAITranscoder(options());
    const text = transcoder.push('event: message_start\ndata: {"type":"message_start","message":{"model":"m\\"q","usage":{"input_tokens":1}}}\n\n');
    expect(text).toBe(
      `data: ${JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion.chunk',
        created: 42,
        model: 'm"q',
        system_fingerprint: 'fp_test',
        choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }],
      })}\n\n`,
    );
  });

  it('answers data that is not a JSON event with an error payload and nothing after it', () => {
    const transcoder = createAnthropicToOpenAITranscoder(options());
    const text = transcoder.push('event: message_start\ndata: {not json\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n') + transcoder.end();
    expect(text).toBe('data: {"error":{"message":"The upstream sent a malformed message_start event.","type":"api_error","param":null,"code":"invalid_upstream_event"}}\n\n');
  });

  it('keeps the last event that lacks its blank line (a cut connection) before reporting the truncation', () => {
    const transcoder = createAnthropicToOpenAITranscoder(options());
    const text = transcoder.push('event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: message_stop\ndata: {"type":"message_stop"}') + transcoder.end();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
