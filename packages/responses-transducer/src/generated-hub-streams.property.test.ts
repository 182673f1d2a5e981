/// <reference types="node" />
/**
 * Generated hub streams (any interleaving of reasoning, signed thinking blocks, Gemini signatures, text with or
 * without log probabilities,
 * annotations, refusals, parallel tool calls with split arguments, extension fields, usage, and every ending: a
 * finish reason and `[DONE]`, an error payload, a cut-off stream, `[DONE]` without a finish reason): the Responses
 * events always validate against the vendored OpenAI spec, keep the grammar (gapless sequence numbers, exactly one
 * terminal event, last), and a complete stream's final Response equals the non-stream mapping of the same reply
 * when the deltas come in the hub message's own order (reasoning, then text or refusal, then tool calls; other orders
 * keep their arrival order in a stream, which a non-stream reply cannot know).
 */
import { fc, test } from '@fast-check/vitest';
import { accumulateOpenAIStream, checkResponsesEventGrammar, parseOpenAISse, parseResponsesSse } from '@interlingua/conformance';
import { createResponsesSpecValidator } from '@interlingua/conformance/node';
import { createFixedEnvironment, type ChatCompletion } from '@interlingua/openai-schema';
import { convertChatCompletionToResponse } from '@interlingua/responses-mapper';
import { expect } from 'vitest';
import { createResponsesTranscoder } from './create-responses-transcoder.js';
import { responsesContext } from '../test/responses-test-context.js';

const spec = createResponsesSpecValidator();
const text = fc.string({ minLength: 1, maxLength: 8 });

type Delta = Record<string, unknown>;
const delta: fc.Arbitrary<Delta> = fc.oneof(
  text.map((t) => ({ reasoning_content: t })),
  fc.constant({ thinking_blocks: [{ type: 'thinking', thinking: 'th', signature: 'sig' }] }),
  fc.constantFrom('reasoning', 'content', 'trailing').map((part) => ({ extra_content: { google: { thought_signatures: [{ part, signature: `s-${part}` }] } } })),
  text.map((t) => ({ content: t })),
  text.map((t) => ({ content: t, __logprobs: [{ token: t, logprob: -0.5, bytes: [...new TextEncoder().encode(t)], top_logprobs: [{ token: t, logprob: -0.5, bytes: null }] }] })),
  fc.constant({ annotations: [{ type: 'url_citation', url_citation: { url: 'https://example.com', title: 'Example', start_index: 0, end_index: 1 } }] }),
  text.map((t) => ({ refusal: t })),
  fc.record({ index: fc.integer({ min: 0, max: 2 }), args: fc.string({ maxLength: 6 }), signed: fc.boolean() }).map(({ index, args, signed }) => ({
    tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: `f${index}`, arguments: args }, ...(signed ? { extra_content: { google: { thought_signature: `t${index}` } } } : {}) }],
  })),
  fc.constant({ anthropic_blocks: [{ type: 'server_tool_use', id: 'srv_1', name: 'web_search', input: {} }] }),
);
const ending = fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'error', 'cut', 'done-without-finish');

const chunk = ({ __logprobs, ...d }: Delta, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-g', object: 'chat.completion.chunk', created: 1, model: 'gen-model', choices: [{ index: 0, delta: d, finish_reason: finish, ...(__logprobs ? { logprobs: { content: __logprobs } } : {}) }] })}\n\n`;

function hubStream(deltas: Delta[], end: string, usage: boolean): string {
  // The same tool-call index keeps one id and name (as every hub stream does): later deltas carry arguments only.
  const seen = new Set<number>();
  let refused = false;
  let answered = false;
  let called = false;
  let out = chunk({ role: 'assistant', content: '' });
  for (const d of deltas) {
    // A refusal ends the answer's text (OpenAI sends a refusal instead of content; Anthropic's refusal comes last):
    // no content after it. (Text after a refusal would be ordered differently by the non-stream mapping, which
    // cannot know the order: output_text first, refusal second.)
    if (refused && (typeof d.content === 'string' || Array.isArray(d.annotations))) continue;
    if (typeof d.refusal === 'string') refused = true;
    // The hub message holds one reasoning text and its blocks, before the answer; reasoning that arrives after the
    // answer began (interleaved thinking) keeps its arrival order in a stream but comes first in a non-stream reply,
    // so the two cannot be equal there: such deltas are generated before the answer only.
    const reasoning = typeof d.reasoning_content === 'string' || Array.isArray(d.thinking_blocks) || JSON.stringify(d).includes('"part":"reasoning"');
    if (reasoning && answered) continue;
    // Likewise text comes before the tool calls in one hub message (the non-stream order): no text after a call.
    const textual = typeof d.content === 'string' || Array.isArray(d.annotations) || typeof d.refusal === 'string';
    if (textual && called) continue;
    if (Array.isArray(d.tool_calls)) called = true;
    if (!reasoning && !Array.isArray(d.anthropic_blocks) && !d.extra_content) answered = true;
    if (Array.isArray(d.tool_calls)) {
      const call = d.tool_calls[0] as { index: number; id?: string; function: { name?: string; arguments: string } };
      // Tool-call indices appear in order from 0 (the chunk grammar the conformance kit checks).
      if (!seen.has(call.index) && call.index !== seen.size) continue;
      if (seen.has(call.index)) {
        delete call.id;
        delete call.function.name;
        delete (call as { extra_content?: unknown }).extra_content; // a call's signature comes once, with the call
      }
      seen.add(call.index);
    }
    out += chunk(d);
  }
  if (end === 'error') return out + `data: ${JSON.stringify({ error: { message: 'Overloaded', type: 'overloaded_error', param: null, code: null } })}\n\n`;
  if (end === 'cut') return out;
  if (end === 'done-without-finish') return out + 'data: [DONE]\n\n';
  out += chunk({}, end);
  if (usage) out += `data: ${JSON.stringify({ id: 'chatcmpl-g', object: 'chat.completion.chunk', created: 1, model: 'gen-model', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`;
  return out + 'data: [DONE]\n\n';
}

test.prop([fc.array(delta, { maxLength: 14 }), ending, fc.boolean()], { numRuns: 300 })('generated hub streams: spec, grammar, stream = non-stream', (deltas, end, usage) => {
  const hub = hubStream(structuredClone(deltas), end, usage);
  const environment = () => createFixedEnvironment({ now: 5 });
  const transcoder = createResponsesTranscoder(responsesContext(), environment());
  const decoder = new TextDecoder();
  const sse = decoder.decode(transcoder.push(new TextEncoder().encode(hub))) + decoder.decode(transcoder.end());
  const events = parseResponsesSse(sse);
  for (const { data } of events) expect([data.type, spec.event(data)]).toEqual([data.type, []]);
  expect(checkResponsesEventGrammar(events)).toEqual([]);
  const last = events.at(-1)!.data;
  const complete = end !== 'error' && end !== 'cut' && end !== 'done-without-finish';
  if (!complete) {
    expect(last.type).toBe('response.failed');
    return;
  }
  expect(last.type).not.toBe('response.failed');
  const frames = parseOpenAISse(hub);
  const merged = accumulateOpenAIStream(frames);
  // The kit's accumulator keeps the message only; the tokens' log probabilities are gathered here, in order.
  const tokens = frames.flatMap((frame) => (frame.kind === 'json' ? ((frame.value as any).choices ?? []).flatMap((choice: any) => choice.logprobs?.content ?? []) : []));
  if (tokens.length) (merged.completion.choices[0] as Record<string, unknown>).logprobs = { content: tokens };
  const nonStream = convertChatCompletionToResponse(merged.completion as unknown as ChatCompletion, { context: responsesContext(), environment: environment() }).response;
  expect(last.response).toEqual(nonStream);
});
