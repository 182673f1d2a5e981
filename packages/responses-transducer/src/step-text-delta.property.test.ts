/**
 * The step's fast path for more text (`stepTextDelta`) changes nothing but speed: on generated hub event sequences —
 * text deltas with and without `role`, empty text, other delta fields beside the text, log probabilities, finish
 * reasons, usage, several choices or another index, model names, reasoning, refusals, tool calls, `[DONE]`, errors —
 * `stepResponsesStream` gives the same events and leaves the same state after every step as the general step alone.
 */
import fc from 'fast-check';
import { createFixedEnvironment, type ChatCompletionChunk } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import { responsesContext } from '../test/responses-test-context.js';
import { createResponsesStreamState } from './responses-stream-state.js';
import { stepResponsesStream, stepResponsesStreamInGeneral, stepTextDelta, type HubStreamEvent } from './step-responses-stream.js';

const text = fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) }, { weight: 1, arbitrary: fc.constant('') });
const delta = fc.oneof(
  { weight: 16, arbitrary: text.map((content) => ({ content })) },
  { weight: 2, arbitrary: text.map((content) => ({ role: 'assistant', content })) },
  { weight: 1, arbitrary: fc.record({ content: text, refusal: fc.constantFrom(null, 'no') }, { requiredKeys: ['content'] }) },
  { weight: 1, arbitrary: text.map((reasoning_content) => ({ reasoning_content })) },
  { weight: 1, arbitrary: text.map((refusal) => ({ refusal })) },
  { weight: 1, arbitrary: text.map((content) => ({ content, anthropic_blocks: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }).map((args) => ({ tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: args } }] })) },
  { weight: 1, arbitrary: fc.constant({}) },
);
const choice = fc.record(
  {
    index: fc.constantFrom(0, 0, 0, 1),
    delta,
    finish_reason: fc.constantFrom(null, null, null, null, null, null, 'stop', undefined),
    logprobs: fc.constantFrom(null, null, null, undefined, undefined, undefined, { content: [{ token: 'a', logprob: -1, bytes: [97], top_logprobs: [] }] }, { content: null }),
  },
  { requiredKeys: ['index', 'delta'] },
);
const chunk = fc.record(
  {
    id: fc.constant('chatcmpl-g'),
    object: fc.constant('chat.completion.chunk'),
    created: fc.constant(1),
    model: fc.constantFrom('gen-model', 'gen-model', 'gen-model', 'other-model', ''),
    choices: fc.oneof({ weight: 8, arbitrary: fc.tuple(choice) }, { weight: 1, arbitrary: fc.array(choice, { maxLength: 2 }) }),
    usage: fc.constantFrom(undefined, undefined, undefined, null, null, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }),
  },
  { requiredKeys: ['id', 'object', 'created', 'model', 'choices'] },
);
const event: fc.Arbitrary<HubStreamEvent> = fc.oneof(
  { weight: 40, arbitrary: chunk.map((c) => ({ type: 'chunk' as const, chunk: c as unknown as ChatCompletionChunk })) },
  { weight: 1, arbitrary: fc.constantFrom<HubStreamEvent>({ type: 'done' }, { type: 'end' }, { type: 'error', error: { message: 'Overloaded', type: 'overloaded_error', code: null } }) },
);

describe('stepTextDelta (the fast path of stepResponsesStream)', () => {
  it('gives the general step\'s events and state after every step', () => {
    let fastSteps = 0;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const fast = createResponsesStreamState(responsesContext());
        const general = createResponsesStreamState(responsesContext());
        for (const each of events) {
          const probe = structuredClone(fast);
          if (each.type === 'chunk' && stepTextDelta(probe, structuredClone(each.chunk))) fastSteps++;
          expect(stepResponsesStream(fast, structuredClone(each), createFixedEnvironment({ now: 5 }))).toEqual(
            stepResponsesStreamInGeneral(general, structuredClone(each), createFixedEnvironment({ now: 5 })),
          );
          expect(fast).toEqual(general);
        }
      }),
      { numRuns: 400 },
    );
    // The sequences do reach the fast path (often), not only the general step.
    expect(fastSteps).toBeGreaterThan(200);
  });

  it('leaves the state untouched when it declines a chunk', () => {
    const state = createResponsesStreamState(responsesContext());
    const before = structuredClone(state);
    const textChunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }] } as ChatCompletionChunk;
    // No text part is open yet: the general step opens it.
    expect(stepTextDelta(state, textChunk)).toBeUndefined();
    expect(state).toEqual(before);
  });
});
