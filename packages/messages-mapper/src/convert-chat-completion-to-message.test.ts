import { createFixedEnvironment, type ChatCompletion } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { createAnthropicSpecValidators } from '../../messages-schema/test/anthropic-spec-validator.js';
import { decodeContinuation } from './continuation-carrier.js';
import { convertChatCompletionToMessage } from './convert-chat-completion-to-message.js';
import { convertChatUsageToMessagesUsage } from './convert-chat-usage-to-messages-usage.js';
import { convertMessagesRequestToChat } from './convert-messages-request-to-chat.js';
import type { MessagesTranslationContext } from './messages-translation-context.js';

const spec = createAnthropicSpecValidators();
const context: MessagesTranslationContext = { model: 'gemini-3-pro-preview', stream: false, stopSequences: ['END'], omitThinking: false };
const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-abc123'] } });

function completion(message: Record<string, unknown>, finish: string | null, usage?: Record<string, unknown>, extra: Record<string, unknown> = {}): ChatCompletion {
  return {
    id: 'chatcmpl-x',
    object: 'chat.completion',
    created: 1,
    model: 'gemini-3-pro-preview-02',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish as never, ...extra }],
    ...(usage ? { usage: usage as never } : {}),
  };
}

describe('convertChatCompletionToMessage', () => {
  it('builds the Message: thinking, text, tool_use, then the continuation block; tool_use stop; usage split', () => {
    const reply = completion(
      {
        content: 'Checking.',
        reasoning_content: 'User wants weather.',
        extra_content: { google: { thought_signatures: [{ part: 'reasoning', signature: 'UkVB' }] } },
        tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' }, extra_content: { google: { thought_signature: 'VE9PTA==' } } }],
      },
      'tool_calls',
      { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 100 } },
    );
    const { message, warnings } = convertChatCompletionToMessage(reply, { context, environment: environment() });
    expect(warnings).toEqual([]);
    expect(message.content.slice(0, 3)).toEqual([
      { type: 'thinking', thinking: 'User wants weather.', signature: '' },
      { type: 'text', text: 'Checking.', citations: null },
      { type: 'tool_use', id: 'call_9', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    const carrier = message.content[3];
    expect(carrier?.type).toBe('redacted_thinking');
    expect(carrier?.type === 'redacted_thinking' && decodeContinuation(carrier.data)).toEqual({
      m: { google: { thought_signatures: [{ part: 'reasoning', signature: 'UkVB' }] } },
      t: { call_9: { google: { thought_signature: 'VE9PTA==' } } },
    });
    expect(message).toMatchObject({ id: 'msg_abc123', type: 'message', role: 'assistant', model: 'gemini-3-pro-preview', stop_reason: 'tool_use', stop_sequence: null });
    expect(message.usage).toEqual({ input_tokens: 20, output_tokens: 30, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, cache_creation: null, server_tool_use: null, service_tier: null });
    expect(spec.message(message), JSON.stringify(spec.message.errors)).toBe(true);
  });

  it('round-trips: the Message sent back as the assistant turn restores every extension field', () => {
    const reply = completion(
      {
        content: null,
        reasoning_content: 'r',
        extra_content: { google: { thought_signatures: [{ part: 'reasoning', signature: 'UkVB' }] } },
        tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: '{}' }, extra_content: { google: { thought_signature: 'VE9PTA==', function_call_id: 'fc1' } } }],
      },
      'tool_calls',
    );
    const { message } = convertChatCompletionToMessage(reply, { context, environment: environment() });
    const next = convertMessagesRequestToChat({
      model: 'gemini-3-pro-preview',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: message.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_9', content: '1' }] }],
    });
    expect(next.ok && next.request.messages[1]).toEqual({
      role: 'assistant',
      content: null,
      reasoning_content: 'r',
      extra_content: { google: { thought_signatures: [{ part: 'reasoning', signature: 'UkVB' }] } },
      tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: '{}' }, extra_content: { google: { thought_signature: 'VE9PTA==', function_call_id: 'fc1' } } }],
    });
  });

  it('keeps signed thinking blocks of the hub (thinking_blocks) and omits thinking text when asked', () => {
    const reply = completion({ content: 'Hi', reasoning_content: 'abc', thinking_blocks: [{ type: 'thinking', thinking: 'abc', signature: 'U0lH' }, { type: 'redacted_thinking', data: 'RED' }] }, 'stop');
    const shown = convertChatCompletionToMessage(reply, { context, environment: environment() }).message.content;
    expect(shown).toEqual([
      { type: 'thinking', thinking: 'abc', signature: 'U0lH' },
      { type: 'redacted_thinking', data: 'RED' },
      { type: 'text', text: 'Hi', citations: null },
    ]);
    const omitted = convertChatCompletionToMessage(reply, { context: { ...context, omitThinking: true }, environment: environment() }).message.content;
    expect(omitted[0]).toEqual({ type: 'thinking', thinking: '', signature: 'U0lH' });
  });

  it.each([
    ['stop', undefined, 'end_turn', null],
    ['stop', 'END', 'stop_sequence', 'END'],
    ['stop', 'OTHER', 'end_turn', null],
    ['length', undefined, 'max_tokens', null],
    ['tool_calls', undefined, 'tool_use', null],
    ['content_filter', undefined, 'refusal', null],
  ])('finish_reason %s (vLLM stop_reason %s) → %s', (finish, matched, stopReason, stopSequence) => {
    const reply = completion({ content: 'x' }, finish, undefined, matched === undefined ? {} : { stop_reason: matched });
    const { message } = convertChatCompletionToMessage(reply, { context, environment: environment() });
    expect([message.stop_reason, message.stop_sequence]).toEqual([stopReason, stopSequence]);
  });

  it('a refusal becomes text with stop_reason refusal; an unknown finish reason is end_turn with a warning', () => {
    const refused = convertChatCompletionToMessage(completion({ content: null, refusal: 'I cannot help.' }, 'stop'), { context, environment: environment() });
    expect([refused.message.content, refused.message.stop_reason]).toEqual([[{ type: 'text', text: 'I cannot help.', citations: null }], 'refusal']);
    const odd = convertChatCompletionToMessage(completion({ content: 'x' }, null), { context, environment: environment() });
    expect([odd.message.stop_reason, odd.warnings.map((w) => w.code)]).toEqual(['end_turn', ['unknown_finish_reason']]);
  });

  it('sanitises tool-call ids outside the Messages pattern and replaces invalid arguments by {} (warned)', () => {
    const reply = completion({ content: null, tool_calls: [{ id: 'functions.Bash:0', type: 'function', function: { name: 'Bash', arguments: '{"a":' } }] }, 'tool_calls');
    const { message, warnings } = convertChatCompletionToMessage(reply, { context, environment: environment() });
    expect(message.content).toEqual([{ type: 'tool_use', id: 'functions_Bash_0', name: 'Bash', input: {} }]);
    expect(warnings.map((w) => w.code)).toEqual(['tool_use_id_sanitized', 'tool_arguments_invalid']);
  });
});

describe('convertChatUsageToMessagesUsage', () => {
  it('splits the prompt count so that input + cache read + cache creation = prompt_tokens', () => {
    const usage = convertChatUsageToMessagesUsage({ prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050, prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 300 } });
    expect([usage.input_tokens, usage.cache_read_input_tokens, usage.cache_creation_input_tokens, usage.output_tokens]).toEqual([100, 600, 300, 50]);
  });
  it('is all zeros without usage, and never negative when details exceed the total', () => {
    expect(convertChatUsageToMessagesUsage(undefined).input_tokens).toBe(0);
    const odd = convertChatUsageToMessagesUsage({ prompt_tokens: 10, completion_tokens: 1, total_tokens: 11, prompt_tokens_details: { cached_tokens: 50 } });
    expect([odd.input_tokens, odd.cache_read_input_tokens]).toEqual([0, 10]);
  });
});
