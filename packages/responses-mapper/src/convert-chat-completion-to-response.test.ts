/// <reference types="node" />
/**
 * The reply side on every non-stream fixture's expected chat completion (recorded and synthetic provider replies
 * already translated to the hub): each Response validates against `Response` of the vendored OpenAI spec, and its
 * output items, sent back as input, rebuild the hub's assistant message exactly (text, tool calls, reasoning with
 * signatures), which is what a `store: false` loop needs. Two cases are spelled out by hand from the docs.
 */
import { createResponsesSpecValidator, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { createFixedEnvironment, type ChatCompletion } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { convertChatCompletionToResponse } from './convert-chat-completion-to-response.js';
import { convertResponsesRequestToChat } from './convert-responses-request-to-chat.js';
import { mapResponsesInputToMessages } from './map-responses-input-to-messages.js';
import { sealReasoningCarrier } from './reasoning-carrier.js';
import type { ResponsesTranslationContext } from './responses-context.js';

const spec = createResponsesSpecValidator();
const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-r1'] }, now: 1_750_000_100 });

function contextFor(model: string): ResponsesTranslationContext {
  const mapped = convertResponsesRequestToChat({ model, input: 'hi' }, { environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-r1'] }, now: 1_750_000_000 }) });
  if (!mapped.ok) throw new Error('unexpected');
  return mapped.context;
}

const completions = loadFixtureCases(fixturesRoot())
  .filter((c) => c.expectedResponse.kind === 'json' && c.expectedResponse.response.status === 200)
  .map((c) => ({ id: c.id, completion: (c.expectedResponse as { response: { body: ChatCompletion } }).response.body }));

/** What a replayed turn must give back: the hub assistant message minus what a request message does not hold. */
function replayable(message: ChatCompletion['choices'][number]['message']) {
  const { role: _role, annotations: _annotations, audio: _audio, function_call: _fc, refusal, content, ...rest } = message;
  const out: Record<string, unknown> = { role: 'assistant', content: typeof content === 'string' && content !== '' ? content : null, ...rest };
  if (typeof refusal === 'string' && refusal !== '') out.refusal = refusal;
  if (out.reasoning_content === '' || out.reasoning_content === null) delete out.reasoning_content;
  if (Array.isArray(out.tool_calls) && out.tool_calls.length === 0) delete out.tool_calls;
  if (Array.isArray(out.thinking_blocks) && out.thinking_blocks.length === 0) delete out.thinking_blocks;
  return out;
}

describe('convertChatCompletionToResponse on every fixture reply', () => {
  it('has fixture replies to check', () => expect(completions.length).toBeGreaterThan(20));
  for (const { id, completion } of completions) {
    it(`${id}: a valid Response whose output replays to the same assistant message`, () => {
      const { response } = convertChatCompletionToResponse(completion, { context: contextFor(completion.model), environment: environment() });
      expect(spec.response(response)).toEqual([]);
      // Open Responses allows only a string in encrypted_content: the key is absent when nothing is sealed.
      for (const item of response.output) if (item.type === 'reasoning') expect(item.encrypted_content === undefined || typeof item.encrypted_content === 'string').toBe(true);
      const message = completion.choices[0]!.message;
      const replay = mapResponsesInputToMessages(response.output, []);
      expect(replay.ok).toBe(true);
      if (!replay.ok) return;
      if (response.output.length === 0) expect(replay.messages).toEqual([]);
      else expect(replay.messages).toEqual([replayable(message)]);
    });
  }
});

describe('convertChatCompletionToResponse, by hand', () => {
  it('a thinking Claude reply: reasoning item with the summary and the sealed thinking block, then the message', () => {
    const completion: ChatCompletion = {
      id: 'chatcmpl-x',
      object: 'chat.completion',
      created: 1,
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: {
            role: 'assistant',
            content: '925 ÷ 5 = 185',
            reasoning_content: '925 divided by 5 = 185',
            thinking_blocks: [{ type: 'thinking', thinking: '925 divided by 5 = 185', signature: 'Er4B' }],
            refusal: null,
          },
        },
      ],
      usage: { prompt_tokens: 69, completion_tokens: 33, total_tokens: 102, prompt_tokens_details: { cached_tokens: 7, cache_write_tokens: 3 }, completion_tokens_details: { reasoning_tokens: 20 } },
    };
    const { response } = convertChatCompletionToResponse(completion, { context: contextFor('claude-sonnet-4-5'), environment: environment() });
    expect(response).toMatchObject({
      id: 'resp_r1',
      object: 'response',
      created_at: 1_750_000_000,
      completed_at: 1_750_000_100,
      status: 'completed',
      model: 'claude-sonnet-4-5-20250929',
      error: null,
      incomplete_details: null,
      output: [
        {
          type: 'reasoning',
          id: 'rs_r1_0',
          summary: [{ type: 'summary_text', text: '925 divided by 5 = 185' }],
          encrypted_content: sealReasoningCarrier({ thinking_blocks: [{ type: 'thinking', thinking: '925 divided by 5 = 185', signature: 'Er4B' }] }),
          status: 'completed',
        },
        {
          type: 'message',
          id: 'msg_r1_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: '925 ÷ 5 = 185', annotations: [], logprobs: [] }],
        },
      ],
      usage: {
        input_tokens: 69,
        input_tokens_details: { cached_tokens: 7, cache_write_tokens: 3 },
        output_tokens: 33,
        output_tokens_details: { reasoning_tokens: 20 },
        total_tokens: 102,
      },
    });
  });

  it('log probabilities (gemini/synthetic-logprobs): each token with its bytes and alternatives', () => {
    const completion = completions.find((c) => c.id === 'gemini/synthetic-logprobs')!.completion;
    const hub = completion.choices[0]!.logprobs!.content!;
    const { response } = convertChatCompletionToResponse(completion, { context: contextFor(completion.model), environment: environment() });
    const part = (response.output.find((item) => item.type === 'message') as { content: Array<{ logprobs: unknown[] }> }).content[0]!;
    expect(part.logprobs).toEqual(
      hub.map((token) => ({
        token: token.token,
        logprob: token.logprob,
        bytes: token.bytes ?? [],
        top_logprobs: token.top_logprobs.map((top) => ({ token: top.token, logprob: top.logprob, bytes: top.bytes ?? [] })),
      })),
    );
    expect(part.logprobs.length).toBeGreaterThan(0);
    expect(spec.response(response)).toEqual([]);
  });

  it('a truncated tool call: status incomplete (max_output_tokens), the call marked incomplete', () => {
    const completion: ChatCompletion = {
      id: 'chatcmpl-x',
      object: 'chat.completion',
      created: 1,
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          finish_reason: 'length',
          message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":' } }] },
        },
      ],
    };
    const { response } = convertChatCompletionToResponse(completion, { context: contextFor('gemini-2.5-flash'), environment: environment() });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.completed_at).toBeNull();
    expect(response.output).toEqual([{ type: 'function_call', id: 'fc_r1_0', call_id: 'call_1', name: 'f', arguments: '{"a":', status: 'incomplete' }]);
    expect(spec.response(response)).toEqual([]);
  });
});
