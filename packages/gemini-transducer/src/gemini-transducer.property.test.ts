/// <reference types="node" />
import { fc, test } from '@fast-check/vitest';
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { convertGeminiResponseToOpenAI, type GeminiTranslationContext } from '@interlingua/gemini-mapper';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect } from 'vitest';
import { accumulateWithOpenAISdk } from '../test/openai-sdk-accumulate.js';
import { concatBytes, contextOfCase } from '../test/sse-frames.js';
import { createGeminiToOpenAITransducer } from './create-gemini-to-openai-transducer.js';
import type { GeminiStreamPart } from './gemini-stream-event.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const cases = loadFixtureCases(fixturesRoot(), { provider: 'gemini' }).filter(
  (fixtureCase) => fixtureCase.stream && fixtureCase.upstreamResponse?.kind === 'sse',
);

/** Runs the byte core over `bytes` cut at the given offsets. */
function translateInPieces(bytes: Uint8Array, cuts: number[], options: Parameters<typeof createGeminiToOpenAITransducer>[0]): string {
  const transducer = createGeminiToOpenAITransducer(options);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(transducer.push(bytes.subarray(start, cut)));
    start = cut;
  }
  out.push(transducer.end());
  return decoder.decode(concatBytes(out));
}

describe('any split of the upstream bytes gives the same output', () => {
  for (const fixtureCase of cases) {
    const bytes = encoder.encode((fixtureCase.upstreamResponse as { text: string }).text);
    const options = () => ({ context: contextOfCase(fixtureCase), environment: createCaseEnvironment(fixtureCase) });
    const whole = translateInPieces(bytes, [], options());
    test.prop([fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 40 })], { numRuns: 25 })(
      fixtureCase.name,
      (cuts) => {
        expect(translateInPieces(bytes, cuts.sort((a, b) => a - b), options())).toBe(whole);
      },
    );
  }
});

// ---- Arbitrary Gemini answers, streamed as deltas, accumulated by the official SDK ----

type AnswerPart = { kind: 'text' | 'thought'; text: string } | { kind: 'call'; name: string; args: Record<string, unknown> };

const jsonArgs = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
const answerPart: fc.Arbitrary<AnswerPart> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
  fc.record({ kind: fc.constant('thought' as const), text: fc.string({ unit: 'binary', maxLength: 30 }) }),
  fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom('get_weather', 'search', 'a.b:c-d'), args: jsonArgs }),
);

/** A Gemini stream delivering the answer: text split into pieces, pieces grouped into events, STOP + usage last. */
const geminiStream = fc
  .record({
    answer: fc.array(answerPart, { maxLength: 8 }),
    seeds: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    finishAlone: fc.boolean(),
  })
  .map(({ answer, seeds, finishAlone }) => {
    let seed = 0;
    const next = (n: number) => seeds[seed++ % seeds.length]! % n;
    const pieces: GeminiStreamPart[] = [];
    for (const part of answer) {
      if (part.kind === 'call') {
        pieces.push({ functionCall: { name: part.name, args: part.args } });
        continue;
      }
      const chars = Array.from(part.text);
      const count = 1 + next(3);
      for (let i = 0; i < count; i++) {
        const piece = chars.slice(Math.floor((i * chars.length) / count), Math.floor(((i + 1) * chars.length) / count)).join('');
        pieces.push(part.kind === 'thought' ? { text: piece, thought: true } : { text: piece });
      }
    }
    const events: object[] = [];
    let current: GeminiStreamPart[] = [];
    for (const piece of pieces) {
      current.push(piece);
      if (next(2) === 0) {
        events.push({ candidates: [{ content: { role: 'model', parts: current }, index: 0 }] });
        current = [];
      }
    }
    const usageMetadata = { promptTokenCount: 7, candidatesTokenCount: 11, thoughtsTokenCount: 3, totalTokenCount: 21 };
    if (finishAlone) {
      if (current.length > 0) events.push({ candidates: [{ content: { role: 'model', parts: current }, index: 0 }] });
      events.push({ candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'STOP', index: 0 }], usageMetadata });
    } else {
      events.push({ candidates: [{ content: { role: 'model', parts: current }, finishReason: 'STOP', index: 0 }], usageMetadata });
    }
    const sse = events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join('');
    return { answer, sse };
  });

const mapperContext: GeminiTranslationContext = {
  model: 'client-model',
  upstreamModel: 'gemini-2.5-flash',
  stream: true,
  includeUsage: true,
  toolNames: {},
  logprobs: false,
  includeThoughts: true,
  candidateCount: 1,
  responseFormat: null,
};

function toGeminiPart(part: AnswerPart): GeminiStreamPart {
  if (part.kind === 'call') return { functionCall: { name: part.name, args: part.args } };
  return part.kind === 'thought' ? { text: part.text, thought: true } : { text: part.text };
}

describe('the official SDK accumulates the chunks into the non-stream mapping (convertGeminiResponseToOpenAI)', () => {
  test.prop([geminiStream], { numRuns: 60 })('content, reasoning, tool calls, finish and usage', async ({ answer, sse }) => {
    const transducer = createGeminiToOpenAITransducer({
      context: mapperContext,
      environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-property'] }, now: 1_750_000_000 }),
    });
    const bytes = concatBytes([transducer.push(encoder.encode(sse)), transducer.end()]);
    const { completion, chunks } = await accumulateWithOpenAISdk(bytes);

    // The non-stream mapping of the same answer (one response whose parts are the whole parts).
    const nonStream = convertGeminiResponseToOpenAI(
      {
        candidates: [{ content: { role: 'model', parts: answer.map(toGeminiPart) }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 11, thoughtsTokenCount: 3, totalTokenCount: 21 },
      },
      { context: mapperContext, environment: createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-property'] }, now: 1_750_000_000 }) },
    );
    if (!nonStream.ok) throw new Error('the mapper rejected the response');
    const expected = nonStream.response;
    const expectedMessage = expected.choices[0]!.message;
    const choice = completion.choices[0]!;
    expect(completion.id).toBe(expected.id);
    expect(completion.created).toBe(expected.created);
    expect(completion.model).toBe(expected.model);
    expect(completion.choices).toHaveLength(expected.choices.length);
    expect(choice.message.role).toBe('assistant');
    // A stream cannot carry an empty string as the whole content (the SDK keeps only non-empty deltas): '' ≡ null.
    expect(choice.message.content || null).toBe(expectedMessage.content || null);
    expect(choice.finish_reason).toBe(expected.choices[0]!.finish_reason);
    expect(choice.message.tool_calls ?? []).toEqual(expectedMessage.tool_calls ?? []);
    for (const call of choice.message.tool_calls ?? []) {
      const original = answer.filter((part) => part.kind === 'call')[Number(call.id.replace('call_fixture', ''))] as { args: object };
      expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual(JSON.parse(JSON.stringify(original.args)));
    }
    expect(completion.usage).toEqual(expected.usage);
    // The SDK keeps only the last `reasoning_content` delta (it assigns unknown delta fields), so concatenate here.
    const streamedReasoning = chunks.map((chunk) => (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '').join('');
    expect(streamedReasoning).toBe((expectedMessage as { reasoning_content?: string }).reasoning_content ?? '');
  });
});

// ---- Streamed (Vertex partialArgs) arguments rebuild arbitrary JSON ----

type Leaf = string | number | boolean | null;
const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0)),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: unknown; object: Record<string, unknown> }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(tie('tree'), { minLength: 1, maxLength: 3 })),
  object: fc.dictionary(fc.string({ maxLength: 6 }), tie('tree'), { minKeys: 1, maxKeys: 4 }),
}));
const argumentObject = fc.dictionary(fc.string({ maxLength: 6 }), tree, { minKeys: 0, maxKeys: 4 });

function* leaves(value: unknown, path: string): Generator<[string, Leaf]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* leaves(value[i], `${path}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      const segment = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `['${key.replace(/[\\']/g, '\\$&')}']`;
      yield* leaves(member, path + segment);
    }
  } else {
    yield [path, value as Leaf];
  }
}

describe('tool arguments rebuilt from the chunks parse to the original arguments', () => {
  test.prop([argumentObject, fc.boolean()], { numRuns: 100 })('complete functionCall and streamed partialArgs', async (args, streamed) => {
    const parts: object[] = [];
    if (!streamed) {
      parts.push({ functionCall: { name: 'f', args } });
    } else {
      parts.push({ functionCall: { name: 'f', willContinue: true } });
      for (const [path, value] of leaves(args, '$')) {
        if (typeof value === 'string') {
          const half = Math.floor(value.length / 2);
          parts.push({ functionCall: { partialArgs: [{ jsonPath: path, stringValue: value.slice(0, half), willContinue: true }], willContinue: true } });
          parts.push({ functionCall: { partialArgs: [{ jsonPath: path, stringValue: value.slice(half) }], willContinue: true } });
        } else {
          const entry = value === null ? { nullValue: 'NULL_VALUE' } : typeof value === 'number' ? { numberValue: value } : { boolValue: value };
          parts.push({ functionCall: { partialArgs: [{ jsonPath: path, ...entry }], willContinue: true } });
        }
      }
      parts.push({ functionCall: {} });
    }
    const events = parts.map((part) => ({ candidates: [{ content: { role: 'model', parts: [part] } }] }));
    events.push({ candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'STOP' } as never] });
    const sse = events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join('');
    const transducer = createGeminiToOpenAITransducer({ context: { model: 'm', includeUsage: false }, environment: createFixedEnvironment() });
    const { completion } = await accumulateWithOpenAISdk(concatBytes([transducer.push(encoder.encode(sse)), transducer.end()]));
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual(JSON.parse(JSON.stringify(args)));
  });
});
