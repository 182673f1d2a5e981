/**
 * `findTopLevelStringMember` and `forwardJsonWithModel` against texts built member by member, so each case knows by
 * construction where its `model` is, whether it is there twice, and whether a top-level key is written with an escape:
 * the oracle is the construction and `JSON.stringify`, not the scanner.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findTopLevelStringMember } from './find-top-level-string-member.js';
import { forwardJsonWithModel } from './forward-json-with-model.js';

// Key texts as written: the plain name, other names (one a prefix of it), and names written with escapes (the second
// is `model` itself).
const MODEL = '"model"';
const ESCAPED_MODEL = '"mod\\u0065l"';
const KEYS = [MODEL, '"messages"', '"mode"', '"models"', '"temperature"', '""', ESCAPED_MODEL, '"a\\"b"', '"c\\\\"'];
const whitespace = fc.constantFrom('', ' ', '\n', '\t ', '\r\n  ');
const valueText = fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, 1, 2, '\t')).map(([value, indent]) => JSON.stringify(value, null, indent));
const member = fc.record({
  key: fc.constantFrom(...KEYS),
  value: fc.oneof(valueText, fc.string({ unit: 'binary' }).map((text) => JSON.stringify(text))),
  before: whitespace,
  after: whitespace,
});

interface Built {
  text: string;
  /** Where the one model member's value lies, when the scan may find it (see findTopLevelStringMember). */
  span: { start: number; end: number } | undefined;
}

/** The object's text from its members, and what the scan must answer, from the construction alone. */
function build(members: Array<{ key: string; value: string; before: string; after: string }>, outer: string): Built {
  let text = `${outer}{`;
  const modelSpans: Array<{ start: number; end: number; isString: boolean }> = [];
  let escaped = false;
  members.forEach(({ key, value, before, after }, index) => {
    if (index > 0) text += `${after},`;
    text += `${before}${key}${after}:${before}`;
    if (key === MODEL || key === ESCAPED_MODEL) modelSpans.push({ start: text.length, end: text.length + value.length, isString: value.startsWith('"') });
    if (key.includes('\\')) escaped = true;
    text += value;
  });
  text += `${outer}}${outer}`;
  const only = modelSpans.length === 1 && !escaped && modelSpans[0]!.isString ? modelSpans[0]! : undefined;
  return { text, span: only ? { start: only.start, end: only.end } : undefined };
}

const objectText = fc.tuple(fc.array(member, { maxLength: 6 }), whitespace).map(([members, outer]) => build(members, outer));

describe('findTopLevelStringMember', () => {
  test.prop([objectText], { numRuns: 2000 })('finds the one model member a text has, and nothing when in doubt', ({ text, span }) => {
    JSON.parse(text); // the construction is valid JSON
    expect(findTopLevelStringMember(text, 'model')).toEqual(span);
  });

  test.prop([fc.string({ unit: 'binary' })], { numRuns: 2000 })('ends on any text, JSON or not', (text) => {
    findTopLevelStringMember(text, 'model');
    findTopLevelStringMember(`{${text}`, 'model');
    findTopLevelStringMember(`{"model":${text}`, 'model');
  });

  it('reads the model of a request and ignores members of that name deeper down', () => {
    const text = '{"messages":[{"role":"user","content":"say \\"model\\"","model":"inner"}],"model":"gpt-4o","n":1}';
    const span = findTopLevelStringMember(text, 'model')!;
    expect(text.slice(span.start, span.end)).toBe('"gpt-4o"');
  });

  it('answers nothing for a text that is not an object', () => {
    for (const text of ['[{"model":"m"}]', '"model"', '1', 'null', ' [] ']) expect(findTopLevelStringMember(text, 'model')).toBeUndefined();
  });
});

describe('forwardJsonWithModel', () => {
  test.prop([objectText, fc.string()], { numRuns: 2000 })(
    'means JSON.stringify({ ...json, model }), and is the client text but for the model whenever its model is certain',
    ({ text, span }, model) => {
      const json = JSON.parse(text) as Record<string, unknown>;
      const forwarded = forwardJsonWithModel(text, json, model);
      expect(JSON.parse(forwarded)).toEqual({ ...json, model });
      if (span === undefined) expect(forwarded).toBe(JSON.stringify({ ...json, model }));
      else if (json['model'] === model) expect(forwarded).toBe(text);
      else expect(forwarded).toBe(text.slice(0, span.start) + JSON.stringify(model) + text.slice(span.end));
    },
  );

  it('keeps the client numbers as written and rewrites the model only', () => {
    const text = '{ "model": "smart", "temperature": 1.0, "seed": 12345678901234567890, "messages": [ {"role": "user", "content": "Hi"} ] }';
    expect(forwardJsonWithModel(text, JSON.parse(text), 'gpt-5.4')).toBe(
      '{ "model": "gpt-5.4", "temperature": 1.0, "seed": 12345678901234567890, "messages": [ {"role": "user", "content": "Hi"} ] }',
    );
  });

  it('serialises the request when the text names its model twice, so the upstream reads only the routed one', () => {
    const text = '{"model":"cheap","messages":[],"model":"smart"}';
    const forwarded = forwardJsonWithModel(text, JSON.parse(text), 'gpt-5.4');
    expect(forwarded).toBe('{"model":"gpt-5.4","messages":[]}');
  });
});
