import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseChatCompletionChunk } from './parse-chat-completion-chunk.js';
import { parseChatCompletion } from './parse-chat-completion.js';

const response = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi', x_message: 1 }, finish_reason: 'stop', x_choice: 2 }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2, prompt_cache_hit_tokens: 0 },
  x_top: 'kept',
};

describe('parseChatCompletion / parseChatCompletionChunk (upstream replies)', () => {
  it('return the reply with unknown fields kept', () => {
    expect(parseChatCompletion(response)).toEqual({ ok: true, value: response });
  });

  it('report a bad reply as a 502 api_error naming the path inside it', () => {
    const bad = { ...response, choices: [{ ...response.choices[0], message: { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }] } }] };
    expect(parseChatCompletion(bad)).toEqual({
      ok: false,
      status: 502,
      error: {
        error: {
          message: "Invalid upstream response: Missing required parameter: 'choices[0].message.tool_calls[0].function.arguments'.",
          type: 'api_error',
          param: 'choices[0].message.tool_calls[0].function.arguments',
          code: 'invalid_upstream_response',
        },
      },
    });
  });

  it('validate chunks, including the usage-only final chunk', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
    expect(parseChatCompletionChunk(chunk)).toEqual({ ok: true, value: chunk });
    const result = parseChatCompletionChunk({ ...chunk, choices: [{ index: 0, delta: { tool_calls: [{ index: 'zero' }] } }] });
    expect(result.ok === false && result.error.error.param).toBe('choices[0].delta.tool_calls[0].index');
  });

  test.prop([fc.anything()], { numRuns: 200 })('never throw', (input) => {
    for (const result of [parseChatCompletion(input), parseChatCompletionChunk(input)]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.status).toBe(502);
    }
  });
});
