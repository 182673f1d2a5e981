import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import type { AnthropicTranslationContext } from './anthropic-translation-context.js';
import { convertAnthropicResponseToOpenAI } from './convert-anthropic-response-to-openai.js';

const context: AnthropicTranslationContext = { requestedModel: 'claude-x', stream: false, includeUsage: false, thinking: false, jsonResponse: null };
const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-1'], fp: ['fp_1'] }, now: 1000 });
const message = (content: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content,
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 5 },
  ...extra,
});

function convert(body: unknown, ctx: AnthropicTranslationContext = context) {
  const result = convertAnthropicResponseToOpenAI(body, { context: ctx, environment: environment() });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}

describe('convertAnthropicResponseToOpenAI', () => {
  it('builds one choice with the envelope fields from the environment', () => {
    const { response } = convert(message([{ type: 'text', text: 'Hello' }, { type: 'text', text: ' world' }]));
    expect(response).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1000,
      model: 'claude-sonnet-4-5-20250929',
      system_fingerprint: 'fp_1',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it('never throws on a tool_use block whose id or name is not a string (found by the reply agreement property)', () => {
    const { response } = convert(message([{ type: 'tool_use', id: { toString: [] }, name: 7, input: {} }], { stop_reason: 'tool_use' }));
    expect(response.choices[0]!.message.tool_calls).toEqual([{ id: '{"toString":[]}', type: 'function', function: { name: '7', arguments: '{}' } }]);
  });

  it('falls back to the requested model and gives null content when there is no text', () => {
    const { response } = convert(message([], { model: undefined }));
    expect(response.model).toBe('claude-x');
    expect(response.choices[0]!.message.content).toBeNull();
  });

  it('carries thinking as reasoning_content plus lossless thinking_blocks, in order', () => {
    const { response } = convert(
      message([
        { type: 'thinking', thinking: 'a', signature: 's1' },
        { type: 'redacted_thinking', data: 'r' },
        { type: 'thinking', thinking: 'b', signature: 's2' },
        { type: 'text', text: 'answer' },
      ]),
    );
    expect(response.choices[0]!.message).toEqual({
      role: 'assistant',
      content: 'answer',
      reasoning_content: 'ab',
      thinking_blocks: [
        { type: 'thinking', thinking: 'a', signature: 's1' },
        { type: 'redacted_thinking', data: 'r' },
        { type: 'thinking', thinking: 'b', signature: 's2' },
      ],
      refusal: null,
    });
  });

  it('maps tool_use to tool_calls with JSON.stringify(input)', () => {
    const { response } = convert(message([{ type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: [1, 'x'] } }], { stop_reason: 'tool_use' }));
    expect(response.choices[0]!.message.tool_calls).toEqual([{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":[1,"x"]}' } }]);
    expect(response.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('turns the JSON-mode tool into content and finish_reason stop', () => {
    const ctx: AnthropicTranslationContext = { ...context, jsonResponse: { mode: 'tool', toolName: 'json_tool_call' } };
    const result = convert(message([{ type: 'text', text: 'Here:' }, { type: 'tool_use', id: 't', name: 'json_tool_call', input: { a: 1 } }], { stop_reason: 'tool_use' }), ctx);
    expect(result.response.choices[0]!.message).toEqual({ role: 'assistant', content: '{"a":1}', refusal: null });
    expect(result.response.choices[0]!.finish_reason).toBe('stop');
    expect(result.warnings.map((warning) => warning.code)).toEqual(['json_preamble_dropped']);
  });

  it('keeps real tool calls beside the JSON-mode tool', () => {
    const ctx: AnthropicTranslationContext = { ...context, jsonResponse: { mode: 'tool', toolName: 'json_tool_call' } };
    const { response } = convert(message([{ type: 'tool_use', id: 't', name: 'lookup', input: {} }], { stop_reason: 'tool_use' }), ctx);
    expect(response.choices[0]!.finish_reason).toBe('tool_calls');
    expect(response.choices[0]!.message.content).toBeNull();
  });

  it('maps refusal with its explanation; without details refusal stays null', () => {
    const withDetails = convert(message([], { stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'cyber', explanation: 'Blocked.' } }));
    expect(withDetails.response.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: null, refusal: 'Blocked.' } });
    const without = convert(message([{ type: 'text', text: 'partial' }], { stop_reason: 'refusal', stop_details: null }));
    expect(without.response.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: 'partial', refusal: null } });
  });

  it('turns web citations into url_citation annotations and drops document citations with a warning', () => {
    const result = convert(
      message([
        { type: 'text', text: 'Intro. ' },
        { type: 'text', text: 'Cited.', citations: [{ type: 'web_search_result_location', url: 'https://a.example', title: 'A', cited_text: 'c', encrypted_index: 'e' }] },
        { type: 'text', text: ' Doc.', citations: [{ type: 'char_location', cited_text: 'd', document_index: 0, start_char_index: 0, end_char_index: 1 }] },
      ]),
    );
    expect(result.response.choices[0]!.message.content).toBe('Intro. Cited. Doc.');
    expect(result.response.choices[0]!.message.annotations).toEqual([{ type: 'url_citation', url_citation: { start_index: 7, end_index: 13, url: 'https://a.example', title: 'A' } }]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['citations_dropped']);
  });

  it('skips server-tool and unknown blocks with one warning, and reports pause_turn and unknown stop reasons', () => {
    const paused = convert(message([{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }, { type: 'web_search_tool_result', tool_use_id: 's', content: [] }, { type: 'brand_new' }], { stop_reason: 'pause_turn' }));
    expect(paused.response.choices[0]!.finish_reason).toBe('stop');
    expect(paused.warnings.map((warning) => warning.code)).toEqual(['content_blocks_skipped', 'pause_turn']);
    const unknown = convert(message([{ type: 'text', text: 'x' }], { stop_reason: 'galaxy_brain' }));
    expect(unknown.warnings.map((warning) => warning.code)).toEqual(['unknown_stop_reason']);
  });

  it('reports cache usage', () => {
    const { response } = convert(message([{ type: 'text', text: 'x' }], { usage: { input_tokens: 1, cache_read_input_tokens: 100, cache_creation_input_tokens: 10, output_tokens: 2 } }));
    expect(response.usage).toEqual({ prompt_tokens: 111, completion_tokens: 2, total_tokens: 113, prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 0 } });
  });

  it('returns an Anthropic error body as the mapped error, anything else unreadable as a 502', () => {
    const overloaded = convertAnthropicResponseToOpenAI({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { context, environment: environment() });
    expect(overloaded).toMatchObject({ ok: false, status: 529, error: { error: { type: 'overloaded_error', message: 'Overloaded' } } });
    for (const garbage of [null, 'x', { content: 'nope' }, { content: [{ notype: 1 }] }]) {
      expect(convertAnthropicResponseToOpenAI(garbage, { context, environment: environment() })).toMatchObject({ ok: false, status: 502 });
    }
  });

  it('does not mutate the upstream body', () => {
    const body = message([{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }]);
    const copy = structuredClone(body);
    convert(body);
    expect(body).toEqual(copy);
  });
});
