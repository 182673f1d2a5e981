/**
 * Request mapping, with the expected hub requests written from the two APIs' references: OpenAI's Responses API
 * (`CreateResponse`: flat function tools, `text.format`, `max_output_tokens`, input items) and Chat Completions
 * (`CreateChatCompletionRequest`: nested tools, `response_format`, `max_completion_tokens`, messages).
 */
import { createFixedEnvironment, parseChatCompletionRequest } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { sealReasoningCarrier } from './reasoning-carrier.js';

const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-abc123'] }, now: 1_750_000_000 });
const convert = (body: unknown, options: { strict?: boolean; history?: never[] | unknown[] } = {}) =>
  convertResponsesRequestToChat(body, { environment: environment(), ...(options as object) });

describe('convertResponsesRequestToChat', () => {
  it('maps a string input with instructions to a system and a user message', () => {
    const result = convert({ model: 'claude-sonnet-4-5', instructions: 'Talk like a pirate.', input: 'Are semicolons optional in JavaScript?' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toEqual({
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'Talk like a pirate.' },
        { role: 'user', content: 'Are semicolons optional in JavaScript?' },
      ],
    });
    expect(result.warnings).toEqual([]);
    expect(result.context.responseId).toBe('resp_abc123');
    expect(result.context.createdAt).toBe(1_750_000_000);
    expect(parseChatCompletionRequest(result.request).ok).toBe(true);
  });

  it('maps content parts, roles, tools, tool choice, text format and sampling settings', () => {
    const result = convert({
      model: 'gemini-2.5-flash',
      input: [
        { role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in this image and file?' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
            { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' },
          ],
        },
      ],
      tools: [
        { type: 'function', name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: {} }, strict: true },
        { type: 'function', name: 'noop', parameters: null, description: null },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true }, verbosity: 'low' },
      reasoning: { effort: 'low' },
      max_output_tokens: 500,
      temperature: 0.5,
      top_p: 0.8,
      metadata: { k: 'v' },
      safety_identifier: 'u1',
      prompt_cache_key: 'p1',
      stream: true,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toEqual({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image and file?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
            { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } },
          ],
        },
      ],
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'Weather.', parameters: { type: 'object', properties: {} }, strict: true } },
        { type: 'function', function: { name: 'noop' } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      verbosity: 'low',
      reasoning_effort: 'low',
      max_completion_tokens: 500,
      temperature: 0.5,
      top_p: 0.8,
      metadata: { k: 'v' },
      safety_identifier: 'u1',
      prompt_cache_key: 'p1',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(parseChatCompletionRequest(result.request).ok).toBe(true);
    expect(result.context.stream).toBe(true);
    expect(result.context.echo.parallel_tool_calls).toBe(false);
  });

  it('turns a function tool round trip into an assistant tool call and a tool message', () => {
    const result = convert({
      model: 'claude-sonnet-4-5',
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
        { type: 'function_call', id: 'fc_2', call_id: 'call_2', name: 'get_weather', arguments: '{"location":"Lyon"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"temperature":14}' },
        { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: '12' }] },
      ],
    });
    expect(result.ok && result.request.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Lyon"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":14}' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '12' }] },
    ]);
  });

  it('restores signed thinking and Gemini signatures from reasoning items into one assistant message', () => {
    const lead = sealReasoningCarrier({ thinking_blocks: [{ type: 'thinking', thinking: 'Divide.', signature: 'sig-A' }] });
    const tail = sealReasoningCarrier({
      thought_signatures: [{ part: 'trailing', signature: 'sig-T' }],
      tool_calls: { call_9: { google: { thought_signature: 'sig-C' } } },
    });
    const result = convert({
      model: 'claude-sonnet-4-5',
      input: [
        { role: 'user', content: 'What is 925 / 5?' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Divide.' }], encrypted_content: lead },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: '185', annotations: [] }] },
        { type: 'function_call', call_id: 'call_9', name: 'calc', arguments: '{}' },
        { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: tail },
        { type: 'function_call_output', call_id: 'call_9', output: 'ok' },
      ],
    });
    expect(result.ok && result.request.messages[1]).toEqual({
      role: 'assistant',
      content: '185',
      reasoning_content: 'Divide.',
      thinking_blocks: [{ type: 'thinking', thinking: 'Divide.', signature: 'sig-A' }],
      extra_content: { google: { thought_signatures: [{ part: 'trailing', signature: 'sig-T' }] } },
      tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'calc', arguments: '{}' }, extra_content: { google: { thought_signature: 'sig-C' } } }],
    });
  });

  it('drops encrypted content it did not produce, with a warning', () => {
    const result = convert({
      model: 'claude-sonnet-4-5',
      input: [
        { type: 'reasoning', id: 'rs_x', summary: [], encrypted_content: 'gAAAAABopenai-sealed' },
        { role: 'assistant', content: 'Hi' },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.param])).toEqual([['encrypted_content_dropped', 'input[0].encrypted_content']]);
  });

  it('maps web_search to web_search_options and rejects hosted tools with a 400 naming them', () => {
    const search = convert({ model: 'claude-sonnet-4-5', input: 'News?', tools: [{ type: 'web_search', search_context_size: 'low', user_location: { type: 'approximate', city: 'Paris' } }] });
    expect(search.ok && search.request.web_search_options).toEqual({ search_context_size: 'low', user_location: { type: 'approximate', approximate: { city: 'Paris' } } });
    const hosted = convert({ model: 'claude-sonnet-4-5', input: 'x', tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] });
    expect(hosted.ok).toBe(false);
    if (!hosted.ok) {
      expect(hosted.status).toBe(400);
      expect(hosted.error.error.param).toBe('tools[0].type');
      expect(hosted.error.error.message).toContain("'file_search'");
    }
  });

  it('refuses a cache-only web search (external_web_access: false) with a 400 naming the field, in both modes', () => {
    // OpenAI spec, WebSearchTool.external_web_access: "When false, the web search tool runs in offline/cache-only mode
    // and will not fetch new external content" — the providers' search tools only search the live web.
    for (const strict of [false, true]) {
      const result = convert({ model: 'claude-sonnet-4-5', input: 'News?', tools: [{ type: 'web_search', external_web_access: false }], tool_choice: { type: 'web_search' } }, { strict });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(400);
        expect(result.error.error.param).toBe('tools[0].external_web_access');
        expect(result.error.error.code).toBe('unsupported_parameter');
      }
    }
    // true is the documented default (live access): accepted as before.
    const live = convert({ model: 'claude-sonnet-4-5', input: 'News?', tools: [{ type: 'web_search', external_web_access: true }] });
    expect(live.ok && live.request.web_search_options).toEqual({});
  });

  it('previous_response_id without its conversation is a 400 previous_response_not_found, never a fresh conversation', () => {
    const result = convert({ model: 'm', input: 'Next', previous_response_id: 'resp_missing' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status).toBe(400);
      expect(result.error.error).toEqual({
        message: "Previous response with id 'resp_missing' not found.",
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      });
    }
  });

  it('prepends the stored conversation after the new instructions', () => {
    const result = convertResponsesRequestToChat(
      { model: 'm', instructions: 'New rules.', input: 'And then?', previous_response_id: 'resp_1' },
      {
        environment: environment(),
        history: [
          { role: 'user', content: 'Tell me a story.' },
          { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Once.', annotations: [] }] },
        ],
      },
    );
    expect(result.ok && result.request.messages).toEqual([
      { role: 'system', content: 'New rules.' },
      { role: 'user', content: 'Tell me a story.' },
      { role: 'assistant', content: 'Once.' },
      { role: 'user', content: 'And then?' },
    ]);
  });

  it('asks the hub for log probabilities when include or top_logprobs asks for them', () => {
    const result = convert({ model: 'gemini-2.5-flash', input: 'x', include: ['message.output_text.logprobs'], top_logprobs: 2 });
    expect(result.ok && [result.request.logprobs, result.request.top_logprobs, result.context.echo.top_logprobs]).toEqual([true, 2, 2]);
    expect(result.warnings).toEqual([]);
  });

  it('warns about settings it cannot carry, and rejects them in strict mode', () => {
    const body = { model: 'm', input: 'x', truncation: 'auto', include: ['reasoning.encrypted_content', 'web_search_call.action.sources'], reasoning: { summary: 'detailed' } };
    const lenient = convert(body);
    expect(lenient.ok).toBe(true);
    expect(lenient.warnings.map((w) => w.param)).toEqual(['reasoning.summary', 'include[1]', 'truncation']);
    // The Response echoes the requested configuration with both keys Open Responses' `Reasoning` requires.
    expect(lenient.ok && lenient.context.echo.reasoning).toEqual({ effort: null, summary: 'detailed' });
    const plain = convert({ model: 'm', input: 'x' });
    expect(plain.ok && plain.context.echo.reasoning).toBeNull();
    const strict = convert(body, { strict: true });
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.error.error).toMatchObject({ param: 'reasoning.summary', code: 'unsupported_parameter' });
    const background = convert({ model: 'm', input: 'x', background: true });
    expect(!background.ok && background.error.error.param).toBe('background');
  });

  it('rejects inputs the hub cannot carry, naming them', () => {
    const cases: Array<[unknown, string]> = [
      [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }] }, 'input[0].content[0].file_id'],
      [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_file', file_url: 'https://x/a.pdf' }] }] }, 'input[0].content[0].file_url'],
      [{ model: 'm', input: [{ role: 'system', content: [{ type: 'input_image', image_url: 'https://x/a.png' }] }] }, 'input[0].content'],
      [{ model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0]'],
      [{ model: 'm', input: [] }, 'input'],
    ];
    for (const [body, param] of cases) {
      const result = convert(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.error.param).toBe(param);
    }
  });

  it('never mutates its input', () => {
    const body = { model: 'm', input: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', name: 'f' }] };
    const copy = structuredClone(body);
    convert(body);
    expect(body).toEqual(copy);
  });
});
