import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { geminiStreamEventSchema } from './gemini-stream-event-schema.js';
import { isGeminiStreamEvent } from './is-gemini-stream-event.js';

const partLike = fc.record(
  {
    text: fc.oneof(fc.string(), fc.integer()),
    thought: fc.oneof(fc.boolean(), fc.string()),
    thoughtSignature: fc.string(),
    functionCall: fc.oneof(
      fc.record(
        {
          id: fc.string(),
          name: fc.oneof(fc.string(), fc.constant(null)),
          args: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.integer())),
          willContinue: fc.oneof(fc.boolean(), fc.constant(1)),
          partialArgs: fc.array(
            fc.record(
              { jsonPath: fc.string(), stringValue: fc.oneof(fc.string(), fc.boolean()), numberValue: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()), boolValue: fc.boolean(), nullValue: fc.string(), willContinue: fc.boolean() },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.constant('call'),
    ),
  },
  { requiredKeys: [] },
);
const eventLike = fc.record(
  {
    candidates: fc.oneof(
      fc.array(
        fc.record(
          {
            content: fc.oneof(fc.record({ role: fc.oneof(fc.string(), fc.integer()), parts: fc.oneof(fc.array(partLike), fc.string()) }, { requiredKeys: [] }), fc.constant(null)),
            index: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
            finishReason: fc.oneof(fc.string(), fc.integer()),
            finishMessage: fc.string(),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.string(),
    ),
    promptFeedback: fc.record({ blockReason: fc.oneof(fc.string(), fc.integer()) }, { requiredKeys: [] }),
    usageMetadata: fc.dictionary(fc.constantFrom('promptTokenCount', 'totalTokenCount', 'trafficType', 'thoughtsTokenCount'), fc.oneof(fc.integer(), fc.constant(null), fc.string())),
    modelVersion: fc.oneof(fc.string(), fc.integer()),
    error: fc.record({ code: fc.oneof(fc.integer(), fc.string()), message: fc.string(), status: fc.string() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('isGeminiStreamEvent', () => {
  test.prop([fc.oneof(eventLike, fc.jsonValue())], { numRuns: 500 })('agrees with the zod schema', (value) => {
    expect(isGeminiStreamEvent(value)).toBe(geminiStreamEventSchema().safeParse(value).success);
  });
});

describe('isGeminiStreamEvent on integers past 2^53', () => {
  // Found by the property above (seed -1620958425): zod's int() stops at Number.MAX_SAFE_INTEGER, and so does the guard.
  test.each([2 ** 53, Number.MAX_SAFE_INTEGER])('index %d: guard and schema agree', (index) => {
    const event = { candidates: [{ index }] };
    expect(isGeminiStreamEvent(event)).toBe(geminiStreamEventSchema().safeParse(event).success);
  });
});

describe('geminiStreamEventSchema on function call arguments', () => {
  test('an argument named __proto__ passes through, as the fast guard lets it', () => {
    const event = JSON.parse('{"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"__proto__":{"x":1}}}}]}}]}') as unknown;
    const parsed = geminiStreamEventSchema().parse(event) as { candidates: { content: { parts: { functionCall: { args: object } }[] } }[] };
    expect(isGeminiStreamEvent(event)).toBe(true);
    expect(JSON.stringify(parsed.candidates[0]!.content.parts[0]!.functionCall.args)).toBe('{"__proto__":{"x":1}}');
  });
});
