import Anthropic from '@anthropic-ai/sdk';
import { fc, test } from '@fast-check/vitest';
import { convertChatCompletionToMessage, type MessagesTranslationContext } from '@interlingua/messages-mapper';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect } from 'vitest';
import { createAnthropicSpecValidators } from '../../messages-schema/test/anthropic-spec-validator.js';
import { checkMessagesEventGrammar as checkMessagesGrammar, parseMessagesSse } from '@interlingua/conformance';
import { toChunks, toCompletion, toSse, type HubReplyModel } from '../test/hub-stream-model.js';
import { createChatToMessagesTranscoder } from './create-chat-to-messages-transcoder.js';

/**
 * Properties over arbitrary hub replies (thinking plain or signed, text, refusal, tool calls with JSON arguments in
 * pieces, Gemini continuation data, every finish reason, with or without usage):
 *
 * 1. byte-split invariance: the hub bytes cut at arbitrary points give the same Messages bytes;
 * 2. every event validates against the vendored Anthropic spec (`MessageStreamEvent`, plus `ping`/`error`);
 * 3. the grammar holds: indices contiguous from 0, one block open at a time, deltas of the block's kind only, no
 *    empty `input_json_delta`, exactly one `message_stop`;
 * 4. the official `@anthropic-ai/sdk`'s `messages.stream()` accumulates a final message equal to the non-stream
 *    mapping (`convertChatCompletionToMessage`) of the same reply.
 */
const spec = createAnthropicSpecValidators();
const piece = fc.string({ minLength: 1, maxLength: 6 });
const pieces = fc.array(piece, { minLength: 1, maxLength: 4 });
const signature = fc.base64String({ minLength: 4, maxLength: 16 });

function splitJson(value: unknown) {
  return fc.integer({ min: 1, max: 4 }).chain((cuts) => {
    const text = JSON.stringify(value);
    return fc.array(fc.integer({ min: 0, max: text.length }), { minLength: cuts, maxLength: cuts }).map((positions) => {
      const sorted = [0, ...positions.sort((a, b) => a - b), text.length];
      return sorted.slice(1).map((end, i) => text.slice(sorted[i], end)).filter((p) => p !== '');
    });
  });
}

const tool = fc
  .record({ id: fc.constantFrom('call_a', 'toolu_01', 'call:odd'), name: fc.constantFrom('get_weather', 'Bash'), input: fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), extra: fc.option(signature.map((s) => ({ google: { thought_signature: s } })), { nil: undefined }) })
  .chain((t) => splitJson(t.input).map((argumentPieces) => ({ id: t.id, name: t.name, argumentPieces, extra: t.extra })));

const model: fc.Arbitrary<HubReplyModel> = fc.record(
  {
    thinking: fc.array(fc.oneof({ weight: 3, arbitrary: fc.record({ pieces, signature }) }, fc.record({ redacted: signature })), { minLength: 1, maxLength: 2 }),
    reasoning: pieces,
    content: pieces,
    refusal: pieces,
    tools: fc.uniqueArray(tool, { maxLength: 2, selector: (t) => t.id }),
    extras: fc.array(fc.record({ part: fc.constantFrom('reasoning', 'content', 'trailing'), signature }).map((s) => ({ google: { thought_signatures: [s] } })), { maxLength: 2 }),
    finish: fc.constantFrom('stop' as const, 'length' as const, 'tool_calls' as const, 'content_filter' as const),
    usage: fc.record({ prompt_tokens: fc.integer({ min: 0, max: 5000 }), completion_tokens: fc.integer({ min: 0, max: 500 }), cached: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }) }),
  },
  { requiredKeys: ['finish'] },
);
const contextArb = fc.record({ omitThinking: fc.boolean(), stopSequences: fc.constant([] as string[]) }).map(
  (c): MessagesTranslationContext => ({ model: 'gemini-3-pro-preview', stream: true, ...c }),
);

function transcode(bytes: Uint8Array, cuts: number[], context: MessagesTranslationContext): { text: string; warnings: number } {
  const transcoder = createChatToMessagesTranscoder(context, createFixedEnvironment());
  const decoder = new TextDecoder();
  let text = '';
  let last = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    text += decoder.decode(transcoder.push(bytes.subarray(last, cut)));
    last = cut;
  }
  text += decoder.decode(transcoder.push(bytes.subarray(last)));
  text += decoder.decode(transcoder.end());
  return { text, warnings: transcoder.warnings.length };
}

async function sdkFinalMessage(sse: string) {
  const client = new Anthropic({
    apiKey: 'test-key',
    baseURL: 'http://127.0.0.1:9',
    maxRetries: 0,
    fetch: async () => new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
  const final = await client.messages.stream({ model: 'gemini-3-pro-preview', max_tokens: 100, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
  // The SDK's structured-output helper adds `parsed_output` (null without output_config.format) to the message and
  // its text blocks: a client-side field, never on the wire.
  const { parsed_output: _parsed, ...message } = final as typeof final & { parsed_output?: unknown };
  return { ...message, content: message.content.map((block) => { const { parsed_output: _p, ...rest } = block as typeof block & { parsed_output?: unknown }; return rest; }) };
}

describe('hub stream → Messages stream (properties)', () => {
  test.prop([model, contextArb, fc.array(fc.nat(), { maxLength: 6 })], { numRuns: 150 })(
    'byte-split invariant, spec-valid, well formed, and the SDK accumulates the non-stream Message',
    async (reply, context, rawCuts) => {
      const bytes = new TextEncoder().encode(toSse(toChunks(reply)));
      const whole = transcode(bytes, [], context);
      const cuts = rawCuts.map((c) => c % (bytes.length + 1));
      expect(transcode(bytes, cuts, context).text).toBe(whole.text);

      const events = parseMessagesSse(whole.text);
      for (const event of events) {
        const verdict = spec.streamEvent(event);
        expect(verdict.ok, `${JSON.stringify(event)}: ${verdict.errors}`).toBe(true);
      }
      expect(checkMessagesGrammar(events)).toEqual([]);
      expect(events.filter((e) => e.type === 'message_stop')).toHaveLength(1);

      const expected = convertChatCompletionToMessage(toCompletion(reply), { context, environment: createFixedEnvironment() }).message;
      const final = await sdkFinalMessage(whole.text);
      expect(final).toEqual(expected);
      expect(spec.message(expected)).toBe(true);
    },
  );
});
