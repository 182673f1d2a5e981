import type { ChatCompletionMessageParam } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertOpenAIMessagesToAnthropic } from './convert-openai-messages-to-anthropic.js';
import { RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';

const state = (): RequestMappingState => ({ warnings: [], strict: false });
const call = (id: string, name: string, args: string) => ({ id, type: 'function' as const, function: { name, arguments: args } });

describe('convertOpenAIMessagesToAnthropic', () => {
  it('edge case 6: role sequencing (system lifted, users merged, tool results first, text after)', () => {
    const s = state();
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: 'S1' },
      { role: 'user', content: 'U1' },
      { role: 'user', content: 'U2' },
      { role: 'assistant', content: null, tool_calls: [call('a', 'f', '{}'), call('b', 'g', '{"x":1}')] },
      { role: 'tool', tool_call_id: 'a', content: 'ra' },
      { role: 'tool', tool_call_id: 'b', content: 'rb' },
      { role: 'user', content: 'U3' },
      { role: 'system', content: 'S2' },
      { role: 'user', content: 'U4' },
    ];
    const result = convertOpenAIMessagesToAnthropic(messages, s);
    expect(result.system).toEqual([
      { type: 'text', text: 'S1' },
      { type: 'text', text: 'S2' },
    ]);
    expect(result.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'U1' }, { type: 'text', text: 'U2' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'a', name: 'f', input: {} },
          { type: 'tool_use', id: 'b', name: 'g', input: { x: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'a', content: 'ra' },
          { type: 'tool_result', tool_use_id: 'b', content: 'rb' },
          { type: 'text', text: 'U3' },
          { type: 'text', text: 'U4' },
        ],
      },
    ]);
    expect(s.warnings.map((warning) => warning.code)).toEqual(['system_message_moved']);
  });

  it('edge case 5: empty and whitespace content is never sent, the prefill is right-trimmed, each repair warned', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '', tool_calls: [call('t1', 'f', '')] },
        { role: 'tool', tool_call_id: 't1', content: 'done' },
        { role: 'assistant', content: null },
        { role: 'user', content: '   ' },
        { role: 'user', content: 'Go on' },
        { role: 'assistant', content: 'Sure, ' },
      ],
      s,
    );
    expect(result.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'done' }, { type: 'text', text: 'Go on' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Sure,' }] },
    ]);
    expect(s.warnings.map((warning) => [warning.code, warning.param])).toEqual([
      ['empty_message_dropped', 'messages[3]'],
      ['empty_text_dropped', 'messages[4].content'],
      ['empty_message_dropped', 'messages[4]'],
      ['assistant_prefill_trimmed', 'messages[6].content'],
    ]);
  });

  it('edge case 7: thinking blocks go back first, signature and redacted data byte-identical', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'Q' },
        {
          role: 'assistant',
          content: 'A',
          reasoning_content: 'think',
          thinking_blocks: [
            { type: 'thinking', thinking: 'think', signature: 'sig==' },
            { type: 'redacted_thinking', data: 'opaque+/=' },
          ],
          tool_calls: [call('t', 'f', '{}')],
        },
      ],
      s,
    );
    expect(result.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'think', signature: 'sig==' },
        { type: 'redacted_thinking', data: 'opaque+/=' },
        { type: 'text', text: 'A' },
        { type: 'tool_use', id: 't', name: 'f', input: {} },
      ],
    });
    expect(s.warnings).toEqual([]);
  });

  it('drops unsigned thinking and bare reasoning_content with warnings (Anthropic needs signatures)', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'Q' },
        { role: 'assistant', content: 'A', reasoning_content: 'r', thinking_blocks: [{ type: 'thinking', thinking: 'x' }] },
      ],
      s,
    );
    expect(result.messages[1]!.content).toEqual([{ type: 'text', text: 'A' }]);
    expect(s.warnings.map((warning) => warning.code)).toEqual(['thinking_block_dropped', 'reasoning_content_dropped']);
  });

  it('sanitises foreign tool-call ids consistently for tool_use and tool_result', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'run it' },
        { role: 'assistant', content: null, tool_calls: [call('functions.Bash:0', 'Bash', '{"command":"ls"}')] },
        { role: 'tool', tool_call_id: 'functions.Bash:0', content: 'a.txt' },
      ],
      s,
    );
    expect(result.messages[1]!.content[0]).toMatchObject({ type: 'tool_use', id: 'functions_Bash_0' });
    expect(result.messages[2]!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'functions_Bash_0' });
    expect(s.warnings.filter((warning) => warning.code === 'tool_call_id_sanitized')).toHaveLength(2);
  });

  it('edge case 8: images inside a tool message become tool_result image blocks', () => {
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [call('t', 'screenshot', '{}')] },
        { role: 'tool', tool_call_id: 't', content: [{ type: 'text', text: 'here' }, { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklG' } }] } as ChatCompletionMessageParam,
      ],
      state(),
    );
    expect(result.messages[2]!.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 't',
      content: [
        { type: 'text', text: 'here' },
        { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklG' } },
      ],
    });
  });

  it('inserts a user turn when the conversation starts with the assistant (first-message policy)', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic([{ role: 'system', content: 'S' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Hi' }], s);
    expect(result.messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: '(continued)' }] });
    expect(result.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(s.warnings.map((warning) => warning.code)).toContain('first_user_turn_inserted');
  });

  it('keeps cache_control on system parts and reports the Files API', () => {
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'developer', content: [{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: [{ type: 'file', file: { file_id: 'file_1' } }] },
      ],
      state(),
    );
    expect(result.system).toEqual([{ type: 'text', text: 'long', cache_control: { type: 'ephemeral' } }]);
    expect(result.usesFilesApi).toBe(true);
  });

  it.each([
    ['invalid JSON', '{"a":', 'The tool call arguments are not valid JSON.'],
    ['a JSON array', '[1,2]', 'The tool call arguments must be a JSON object.'],
  ])('rejects tool arguments that are %s, naming messages[i].tool_calls[j].function.arguments', (_what, args, message) => {
    try {
      convertOpenAIMessagesToAnthropic([{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('a', 'f', '{}'), call('b', 'f', args)] }], state());
      expect.fail('expected a failure');
    } catch (failure) {
      expect(failure).toBeInstanceOf(RequestMappingFailure);
      expect((failure as RequestMappingFailure).error.error).toMatchObject({ message, param: 'messages[1].tool_calls[1].function.arguments' });
    }
  });

  it('reports a dropped participant name', () => {
    const s = state();
    convertOpenAIMessagesToAnthropic([{ role: 'user', content: 'x', name: 'alice' }], s);
    expect(s.warnings).toEqual([{ code: 'parameter_dropped', param: 'messages[0].name', message: 'Anthropic messages have no participant name; `name` was dropped.' }]);
  });

  it('rejects input_audio naming the part', () => {
    try {
      convertOpenAIMessagesToAnthropic([{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] }], state());
      expect.fail('expected a failure');
    } catch (failure) {
      expect((failure as RequestMappingFailure).error.error.param).toBe('messages[0].content[0].input_audio');
    }
  });
});

/**
 * Mid-conversation system messages on models that take them: `role: "system"` turns placed by Anthropic's rules —
 * after a user turn, followed by an assistant turn or last, never two in a row, never first
 * (https://platform.claude.com/docs/en/build-with-claude/mid-conversation-system-messages; the placement rules as
 * quoted from that page in maximhq/bifrost#3945). Keeping them in place leaves the top-level `system` and every earlier
 * turn unchanged, which prompt caching and the thinking-block prefix check need
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks: "Append your own
 * instructions as a system message").
 */
describe('convertOpenAIMessagesToAnthropic: mid-conversation system messages', () => {
  const on = { midConversationSystemMessages: true };
  const text = (t: string) => [{ type: 'text', text: t }];

  it('keeps a system message after a user turn in place; the leading one stays top-level', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'system', content: 'S0' },
        { role: 'user', content: 'U1' },
        { role: 'assistant', content: 'A1' },
        { role: 'user', content: 'U2' },
        { role: 'developer', content: 'S1' },
      ],
      s,
      on,
    );
    expect(result.system).toEqual(text('S0'));
    expect(result.messages).toEqual([
      { role: 'user', content: text('U1') },
      { role: 'assistant', content: text('A1') },
      { role: 'user', content: text('U2') },
      { role: 'system', content: text('S1') },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('merges consecutive system messages and places them before the next assistant turn', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'U1' },
        { role: 'system', content: 'S1' },
        { role: 'developer', content: [{ type: 'text', text: 'S2' }] },
        { role: 'assistant', content: 'A1' },
      ],
      s,
      on,
    );
    expect(result.system).toEqual([]);
    expect(result.messages).toEqual([
      { role: 'user', content: text('U1') },
      { role: 'system', content: [...text('S1'), ...text('S2')] },
      { role: 'assistant', content: text('A1') },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('moves one that follows an assistant turn after the user turn that follows it, and says so', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'U1' },
        { role: 'assistant', content: 'A1' },
        { role: 'developer', content: 'Answer in French.' },
        { role: 'user', content: 'U2' },
      ],
      s,
      on,
    );
    expect(result.messages.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user', 'system']);
    expect(result.messages[3]).toEqual({ role: 'system', content: text('Answer in French.') });
    expect(s.warnings).toEqual([expect.objectContaining({ code: 'system_message_moved', param: 'messages[2]' })]);
  });

  it('places one after tool results (a user turn)', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'U1' },
        { role: 'assistant', content: null, tool_calls: [call('t1', 'f', '{}')] },
        { role: 'tool', tool_call_id: 't1', content: 'r' },
        { role: 'system', content: 'Be brief.' },
      ],
      s,
      on,
    );
    expect(result.messages.map((turn) => turn.role)).toEqual(['user', 'assistant', 'user', 'system']);
    expect(s.warnings).toEqual([]);
  });

  it('lifts one that no user turn can take (after the last assistant turn) to the top-level system, reported', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'U1' },
        { role: 'assistant', content: 'A1' },
        { role: 'system', content: 'S1' },
      ],
      s,
      on,
    );
    expect(result.system).toEqual(text('S1'));
    expect(result.messages.map((turn) => turn.role)).toEqual(['user', 'assistant']);
    expect(s.warnings.map((warning) => warning.code)).toEqual(['system_message_moved']);
  });

  it('an emptied assistant message between does not end the user turn the system message waits in (found by the request property)', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'U1' },
        { role: 'system', content: 'S1' },
        { role: 'assistant', content: null },
        { role: 'user', content: 'U2' },
      ],
      s,
      on,
    );
    expect(result.messages).toEqual([
      { role: 'user', content: [...text('U1'), ...text('U2')] },
      { role: 'system', content: text('S1') },
    ]);
    expect(s.warnings.map((warning) => warning.code)).toEqual(['empty_message_dropped', 'system_message_moved']);
  });

  it('without the capability lifts every one to the top-level system, as before', () => {
    const s = state();
    const result = convertOpenAIMessagesToAnthropic(
      [
        { role: 'user', content: 'U1' },
        { role: 'system', content: 'S1' },
      ],
      s,
    );
    expect(result.system).toEqual(text('S1'));
    expect(result.messages).toEqual([{ role: 'user', content: text('U1') }]);
    expect(s.warnings.map((warning) => warning.code)).toEqual(['system_message_moved']);
  });

  it('an appended instruction leaves the system prompt and every earlier turn unchanged (append-only)', () => {
    const history: ChatCompletionMessageParam[] = [
      { role: 'system', content: 'S0' },
      { role: 'user', content: 'U1' },
      { role: 'assistant', content: 'A1', thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 'sig' }] },
      { role: 'user', content: 'U2' },
    ];
    const before = convertOpenAIMessagesToAnthropic(history, state(), on);
    const after = convertOpenAIMessagesToAnthropic([...history, { role: 'developer', content: 'From now on, answer in French.' }], state(), on);
    expect(after.system).toEqual(before.system);
    expect(after.messages.slice(0, before.messages.length)).toEqual(before.messages);
  });
});
