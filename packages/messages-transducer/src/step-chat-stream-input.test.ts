import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import type { MessagesTranslationContext } from '@interlingua/messages-mapper';
import { decodeContinuation } from '@interlingua/messages-mapper';
import { checkMessagesEventGrammar as checkMessagesGrammar, parseMessagesSse } from '@interlingua/conformance';
import { toChunks, toSse } from '../test/hub-stream-model.js';
import { createChatToMessagesTranscoder } from './create-chat-to-messages-transcoder.js';
import { createPingEvent } from './format-messages-event.js';

const context: MessagesTranslationContext = { model: 'gemini-3-pro-preview', stream: true, stopSequences: [], omitThinking: false };
const env = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-s1'] } });
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function run(sse: string, options: { inputTokens?: number; end?: boolean } = {}) {
  const transcoder = createChatToMessagesTranscoder(context, env(), { inputTokens: options.inputTokens });
  let out = decode(transcoder.push(encode(sse)));
  if (options.end !== false) out += decode(transcoder.end());
  return { events: parseMessagesSse(out), warnings: transcoder.warnings };
}

describe('the hub stream → Messages events', () => {
  it('streams a Gemini-style reply: thinking, text, a tool call, the continuation block, message_delta, message_stop', () => {
    const sse = toSse(
      toChunks({
        reasoning: ['Need ', 'weather.'],
        content: ['Checking'],
        tools: [{ id: 'call_1', name: 'get_weather', argumentPieces: ['{"city":', '"Paris"}'], extra: { google: { thought_signature: 'U0lH' } } }],
        finish: 'tool_calls',
        usage: { prompt_tokens: 50, completion_tokens: 9, cached: 10 },
      }),
    );
    const { events, warnings } = run(sse, { inputTokens: 48 });
    expect(warnings).toEqual([]);
    expect(checkMessagesGrammar(events)).toEqual([]);
    // Written from Anthropic's streaming page (event order and shapes), with this gateway's continuation block last.
    expect(events.slice(0, 12)).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_s1', type: 'message', role: 'assistant', content: [], model: 'gemini-3-pro-preview', stop_reason: null, stop_sequence: null,
          usage: { input_tokens: 48, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cache_creation: null, server_tool_use: null, service_tier: null },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Need ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'weather.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Checking' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 2 },
    ]);
    const carrier = events[12] as unknown as { content_block: { type: string; data: string } };
    expect(carrier.content_block.type).toBe('redacted_thinking');
    expect(decodeContinuation(carrier.content_block.data)).toEqual({ t: { call_1: { google: { thought_signature: 'U0lH' } } } });
    expect(events.slice(13)).toEqual([
      { type: 'content_block_stop', index: 3 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { input_tokens: 40, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 10, server_tool_use: null } },
      { type: 'message_stop' },
    ]);
  });

  it('closes a signed (Anthropic-style) thinking block with signature_delta and passes redacted thinking whole', () => {
    const sse = toSse(toChunks({ thinking: [{ pieces: ['a', 'b'], signature: 'RXFR' }, { redacted: 'RED' }], content: ['Hi'], finish: 'stop', usage: { prompt_tokens: 3, completion_tokens: 2 } }));
    const { events } = run(sse);
    expect(checkMessagesGrammar(events)).toEqual([]);
    expect(events.slice(1, 9)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'a' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'b' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'RXFR' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'RED' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '', citations: null } },
    ]);
  });

  it('turns a mid-stream error payload into an error event with the Anthropic type, then ends (no message_stop)', () => {
    const sse = toSse(toChunks({ content: ['Hel'], finish: 'stop' }).slice(0, 2), 'none') + 'data: {"error":{"message":"The model is overloaded.","type":"service_unavailable_error","param":null,"code":"UNAVAILABLE"}}\n\n';
    const { events } = run(sse);
    expect(checkMessagesGrammar(events)).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'The model is overloaded.' } });
    expect(events.filter((e) => e.type === 'message_stop')).toEqual([]);
  });

  it('a hub stream that stops without [DONE] ends with an api_error event, never with end_turn', () => {
    const sse = toSse(toChunks({ content: ['Hel'], finish: 'stop' }).slice(0, 2), 'none');
    const { events } = run(sse);
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'api_error', message: 'The upstream stream ended before it was complete.' } });
    expect(events.some((e) => e.type === 'message_delta')).toBe(false);
  });

  it('reports a stream without usage and leaves the counters to message_start', () => {
    const { events, warnings } = run(toSse(toChunks({ content: ['x'], finish: 'stop' })));
    expect(events.find((e) => e.type === 'message_delta')).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { input_tokens: null, output_tokens: 0, cache_creation_input_tokens: null, cache_read_input_tokens: null, server_tool_use: null } });
    expect(warnings.map((w) => w.code)).toEqual(['usage_missing']);
  });

  it('never puts a thinking delta on a text block: thinking after text opens a new thinking block', () => {
    const chunks = [...toChunks({ content: ['t'], finish: 'stop' }).slice(0, 2), { choices: [{ index: 0, delta: { reasoning_content: 'late' } }] }, ...toChunks({ finish: 'stop' }).slice(1)];
    const { events } = run(toSse(chunks));
    expect(checkMessagesGrammar(events)).toEqual([]);
    expect(events.filter((e) => e.type === 'content_block_start').map((e) => (e['content_block'] as { type: string }).type)).toEqual(['text', 'thinking']);
  });

  it('pings between events while open, never after message_stop', () => {
    const transcoder = createChatToMessagesTranscoder(context, env());
    const chunks = toSse(toChunks({ content: ['Hi'], finish: 'stop', usage: { prompt_tokens: 1, completion_tokens: 1 } }));
    let out = decode(transcoder.push(encode(chunks.slice(0, 60))));
    out += decode(transcoder.ping());
    out += decode(transcoder.push(encode(chunks.slice(60))));
    out += decode(transcoder.end());
    expect(decode(transcoder.ping())).toBe('');
    const events = parseMessagesSse(out);
    expect(events.filter((e) => e.type === 'ping')).toHaveLength(1);
    expect(checkMessagesGrammar(events)).toEqual([]);
  });

  it('makes the ping event Anthropic documents', () => {
    expect(createPingEvent()).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });
});
