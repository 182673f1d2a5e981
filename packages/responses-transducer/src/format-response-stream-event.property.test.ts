/**
 * The stream's fast formatter writes exactly what `formatResponseStreamEvent` (`JSON.stringify` of the event) writes:
 * for text and arguments deltas of any text (quotes, escapes, lone surrogates, line breaks), ids and indexes that
 * change between events (the cached prefix must follow), with log probabilities, with keys in another order or
 * missing, for the closing events that repeat one long text (or a new one), and for any other event.
 */
import fc from 'fast-check';
import type { ResponseStreamEvent } from '@interlingua/responses-schema';
import { describe, expect, it, vi } from 'vitest';
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
    // Half the streams start with a long delta, so that their closing events take the remembering serializer.
    const longDelta = { type: 'response.output_text.delta', item_id: 'msg_a_0', output_index: 0, content_index: 0, delta: 'x'.repeat(600), logprobs: [], sequence_number: 0 };
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.oneof(textDelta, textDelta, argumentsDelta, reordered, missing, other, closing, closing), { maxLength: 30 }), (startLong, events) => {
        const format = createResponseStreamEventFormatter();
        const stream = (startLong ? [longDelta, ...events] : events) as unknown as ResponseStreamEvent[];
        for (const event of stream) expect(format(event)).toBe(formatResponseStreamEvent(event));
      }),
      { numRuns: 400 },
    );
  });

  it('remembers a long text across the closing events once the deltas made one; a short answer is stringified whole', () => {
    const closingEvents = (text: string) =>
      [
        { type: 'response.output_text.done', item_id: 'msg_a_0', output_index: 0, content_index: 0, text, logprobs: [], sequence_number: 5 },
        { type: 'response.content_part.done', item_id: 'msg_a_0', output_index: 0, content_index: 0, part: { type: 'output_text', text, annotations: [], logprobs: [] }, sequence_number: 6 },
        { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_a_0', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] }, sequence_number: 7 },
      ] as unknown as ResponseStreamEvent[];
    const stringified = (text: string): { texts: number; events: number; out: string[] } => {
      const format = createResponseStreamEventFormatter();
      const delta = (piece: string, sequence: number) => ({ type: 'response.output_text.delta', item_id: 'msg_a_0', output_index: 0, content_index: 0, delta: piece, logprobs: [], sequence_number: sequence }) as unknown as ResponseStreamEvent;
      format(delta(text.slice(0, text.length >> 1), 1));
      format(delta(text.slice(text.length >> 1), 2));
      const spy = vi.spyOn(JSON, 'stringify');
      try {
        const events = closingEvents(text);
        const out = events.map((event) => format(event));
        const calls = spy.mock.calls.map(([value]) => value);
        return { texts: calls.filter((value) => value === text).length, events: calls.filter((value) => events.includes(value as ResponseStreamEvent)).length, out };
      } finally {
        spy.mockRestore();
      }
    };
    const long = stringified('a "long" answer\n'.repeat(40));
    expect(long).toMatchObject({ texts: 1, events: 0 });
    expect(long.out).toEqual(closingEvents('a "long" answer\n'.repeat(40)).map(formatResponseStreamEvent));
    const short = stringified('a short answer');
    expect(short).toMatchObject({ texts: 0, events: 3 });
    expect(short.out).toEqual(closingEvents('a short answer').map(formatResponseStreamEvent));
  });

  it('takes the fast path for the deltas the step builds (the prefix is the item\'s, the text is escaped)', () => {
    const format = createResponseStreamEventFormatter();
    const event = { type: 'response.output_text.delta', item_id: 'msg_x_0', output_index: 0, content_index: 0, delta: 'say "hi"\n', logprobs: [], sequence_number: 7 };
    expect(format(event as ResponseStreamEvent)).toBe(
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":"msg_x_0","output_index":0,"content_index":0,"delta":"say \\"hi\\"\\n","logprobs":[],"sequence_number":7}\n\n',
    );
  });
});
