/**
 * The stream's fast formatter writes exactly what `formatResponseStreamEvent` (`JSON.stringify` of the event) writes:
 * for text and arguments deltas of any text (quotes, escapes, lone surrogates, line breaks), ids and indexes that
 * change between events (the cached prefix must follow), with log probabilities, with keys in another order or
 * missing, for the closing events that repeat one long text (or a new one), and for any other event.
 */
import fc from 'fast-check';
import type { ResponseStreamEvent } from '@interlingua/responses-schema';
import { describe, expect, it } from 'vitest';
import { createResponseStreamEventFormatter, formatResponseStreamEvent } from './format-response-stream-event.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\n', '\r\n', '\u2028', '\ud800', '</script>'));
const itemId = fc.constantFrom('msg_a_0', 'msg_a_1', 'fc_b_2', 'id "quoted"', 'é');
const index = fc.oneof(fc.nat({ max: 3 }), fc.constant(-0), fc.constant(1.5));
const logprob = fc.record({ token: fc.string(), logprob: fc.double({ noNaN: true, noDefaultInfinity: true }), bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 3 }), top_logprobs: fc.constant([]) });

const textDelta = fc.record({
  type: fc.constant('response.output_text.delta'),
  item_id: itemId,
  output_index: index,
  content_index: index,
  delta: text,
  logprobs: fc.oneof(fc.constant([]), fc.array(logprob, { minLength: 1, maxLength: 2 })),
  sequence_number: fc.nat(),
});
const argumentsDelta = fc.record({ type: fc.constant('response.function_call_arguments.delta'), item_id: itemId, output_index: index, delta: text, sequence_number: fc.nat() });
// The same events with their keys in another order, or one key missing: the plain path.
const reordered = fc.oneof(textDelta, argumentsDelta).map(({ sequence_number, ...rest }) => ({ sequence_number, ...rest }));
const missing = fc.oneof(textDelta, argumentsDelta).chain((event) => fc.constantFrom(...Object.keys(event)).map((key) => Object.fromEntries(Object.entries(event).filter(([k]) => k !== key))));
const other = fc.record({ type: fc.constantFrom('response.output_text.done', 'response.refusal.delta'), item_id: itemId, delta: text, text, sequence_number: fc.nat() });
// Closing events repeating one long text (as a stream's last events do), or a new one.
const longText = fc.oneof(text, text.map((piece) => `${piece}"\n`.repeat(200)));
const closing = longText.chain((whole) =>
  fc.oneof(
    fc.record({ type: fc.constant('response.output_text.done'), item_id: itemId, output_index: index, content_index: index, text: fc.constant(whole), logprobs: fc.constant([]), sequence_number: fc.nat() }),
    fc.record({ type: fc.constant('response.content_part.done'), item_id: itemId, output_index: index, content_index: index, part: fc.constant({ type: 'output_text', text: whole, annotations: [], logprobs: [] }), sequence_number: fc.nat() }),
    fc.record({ type: fc.constant('response.output_item.done'), output_index: index, item: fc.constant({ type: 'message', id: 'msg_a_0', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: whole, annotations: [], logprobs: [] }] }), sequence_number: fc.nat() }),
    fc.record({ type: fc.constantFrom('response.completed', 'response.failed'), response: fc.constant({ id: 'resp_a', output: [{ type: 'message', content: [{ type: 'output_text', text: whole }] }], usage: null, error: undefined, temperature: 1.5 }), sequence_number: fc.nat() }),
  ),
);

describe('createResponseStreamEventFormatter', () => {
  it('writes exactly formatResponseStreamEvent for every event of a stream', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(textDelta, textDelta, argumentsDelta, reordered, missing, other, closing, closing), { maxLength: 30 }), (events) => {
        const format = createResponseStreamEventFormatter();
        for (const event of events as unknown as ResponseStreamEvent[]) expect(format(event)).toBe(formatResponseStreamEvent(event));
      }),
      { numRuns: 400 },
    );
  });

  it('takes the fast path for the deltas the step builds (the prefix is the item\'s, the text is escaped)', () => {
    const format = createResponseStreamEventFormatter();
    const event = { type: 'response.output_text.delta', item_id: 'msg_x_0', output_index: 0, content_index: 0, delta: 'say "hi"\n', logprobs: [], sequence_number: 7 };
    expect(format(event as ResponseStreamEvent)).toBe(
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_x_0","output_index":0,"content_index":0,"delta":"say \\"hi\\"\\n","logprobs":[],"sequence_number":7}\n\n',
    );
  });
});
