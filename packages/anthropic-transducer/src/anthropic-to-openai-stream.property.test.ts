import { convertAnthropicResponseToOpenAI, type AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { fc, test } from '@fast-check/vitest';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { Stream } from 'openai/core/streaming';
import { describe, expect } from 'vitest';
import {
  generatedMessage,
  splitArbitrarily,
  toAnthropicMessage,
  toAnthropicStreamEvents,
} from '../test/anthropic-message-arbitraries.js';
import { frameAnthropicEvents, parseOpenAISseFrames, readAllText, streamOfPieces } from '../test/stream-test-helpers.js';
import { createAnthropicToOpenAIStream } from './create-anthropic-to-openai-stream.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

const utf8 = new TextEncoder();
const environment = () => createFixedEnvironment({ ids: { chatcmpl: ['chatcmpl-property'], fp: ['fp_property'] }, now: 1_767_225_600 });
const context = (includeUsage: boolean): AnthropicTranslationContext => ({
  requestedModel: 'claude-requested',
  stream: true,
  includeUsage,
  thinking: true,
  jsonResponse: null,
});

/** Cuts bytes at arbitrary positions (inside multi-byte UTF-8 sequences too). */
function cutBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const position of positions) {
    pieces.push(bytes.subarray(from, position));
    from = position;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

function transcodeWhole(text: string, includeUsage: boolean): string {
  const transcoder = createAnthropicToOpenAITranscoder({ context: context(includeUsage), environment: environment() });
  return transcoder.push(utf8.encode(text)) + transcoder.end();
}

describe('byte splits', () => {
  test.prop([generatedMessage, fc.array(fc.nat(), { maxLength: 40 }), fc.boolean()], { numRuns: 150 })(
    'any split of the upstream bytes gives the same output (sync core and TransformStream)',
    async (message, cuts, includeUsage) => {
      const upstream = utf8.encode(frameAnthropicEvents(toAnthropicStreamEvents(message)));
      const whole = transcodeWhole(new TextDecoder().decode(upstream), includeUsage);
      const pieces = cutBytes(upstream, cuts);

      const transcoder = createAnthropicToOpenAITranscoder({ context: context(includeUsage), environment: environment() });
      let split = '';
      for (const piece of pieces) split += transcoder.push(piece);
      split += transcoder.end();
      expect(split).toBe(whole);

      const stream = createAnthropicToOpenAIStream({ context: context(includeUsage), environment: environment() });
      expect(await readAllText(streamOfPieces(pieces).pipeThrough(stream))).toBe(whole);
    },
  );
});

describe('the official openai SDK accumulation equals the non-stream mapping', () => {
  test.prop([generatedMessage, fc.boolean()], { numRuns: 150 })('content, tool calls, finish reason, usage, thinking', async (message, includeUsage) => {
    const output = transcodeWhole(frameAnthropicEvents(toAnthropicStreamEvents(message)), includeUsage);

    // The SDK's own SSE decoding and accumulation (ChatCompletionStream), fed with our bytes.
    const sse = Stream.fromSSEResponse(new Response(output), new AbortController());
    const accumulated = await ChatCompletionStream.fromReadableStream(sse.toReadableStream()).finalChatCompletion();

    const mapped = convertAnthropicResponseToOpenAI(toAnthropicMessage(message), { context: context(includeUsage), environment: environment() });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.error));
    const expected = mapped.response;
    const expectedMessage = expected.choices[0]!.message;
    const actualMessage = accumulated.choices[0]!.message;

    expect(accumulated.id).toBe(expected.id);
    expect(accumulated.created).toBe(expected.created);
    expect(accumulated.model).toBe(expected.model);
    expect(accumulated.system_fingerprint).toBe(expected.system_fingerprint);
    expect(accumulated.choices[0]!.finish_reason).toBe(expected.choices[0]!.finish_reason);
    expect(actualMessage.role).toBe('assistant');
    expect(actualMessage.content).toBe(expectedMessage.content);
    expect(actualMessage.refusal ?? null).toBe(expectedMessage.refusal ?? null);
    const expectedCalls = (expectedMessage.tool_calls ?? []).map((call) => ({ id: call.id, type: call.type, function: call.function }));
    const actualCalls = (actualMessage.tool_calls ?? []).map((call) => ({
      id: call.id,
      type: call.type,
      function: call.type === 'function' ? { name: call.function.name, arguments: call.function.arguments } : undefined,
    }));
    expect(actualCalls).toEqual(expectedCalls);
    if (includeUsage) expect(accumulated.usage).toEqual(expected.usage);
    else expect(accumulated.usage ?? undefined).toBeUndefined();

    // The SDK keeps only the last value of extension fields (Object.assign); clients concatenate them, as here.
    const frames = parseOpenAISseFrames(output).filter((frame): frame is { choices: { delta: Record<string, unknown> }[] } => typeof frame === 'object');
    const deltas = frames.flatMap((frame) => frame.choices.map((choice) => choice.delta));
    const reasoning = deltas.map((delta) => (typeof delta['reasoning_content'] === 'string' ? delta['reasoning_content'] : '')).join('');
    const thinkingBlocks = deltas.flatMap((delta) => (Array.isArray(delta['thinking_blocks']) ? delta['thinking_blocks'] : []));
    expect(thinkingBlocks).toEqual(expectedMessage.thinking_blocks ?? []);
    expect(reasoning).toBe(expectedMessage.reasoning_content ?? '');
    // The block order of an interleaved reply comes once, with the finish chunk: the SDK's Object.assign keeps it.
    expect((actualMessage as unknown as Record<string, unknown>)['anthropic_block_order']).toEqual(expectedMessage['anthropic_block_order']);
    expect(deltas.filter((delta) => 'anthropic_block_order' in delta).length).toBe(expectedMessage['anthropic_block_order'] === undefined ? 0 : 1);
  });
});

describe('tool arguments', () => {
  test.prop([fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.nat(), { maxLength: 30 }), fc.constantFrom(undefined, 1, 2, '\t')], { numRuns: 200 })(
    'arguments rebuilt from the deltas parse to the original input, however input_json_delta is split',
    (input, cuts, indent) => {
      const json = JSON.stringify(input, null, indent);
      const events = [
        { type: 'message_start', message: { id: 'msg_x', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], usage: { input_tokens: 1, output_tokens: 1 } } },
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_x', name: 'f', input: {} } },
        ...splitArbitrarily(json, cuts).map((partial_json) => ({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json } })),
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 5 } },
        { type: 'message_stop' },
      ];
      const frames = parseOpenAISseFrames(transcodeWhole(frameAnthropicEvents(events), false));
      let rebuilt = '';
      for (const frame of frames) {
        if (typeof frame !== 'object') continue;
        for (const choice of (frame as { choices: { delta: { tool_calls?: { index: number; function?: { arguments?: string } }[] } }[] }).choices) {
          for (const call of choice.delta.tool_calls ?? []) {
            expect(call.index).toBe(0);
            rebuilt += call.function?.arguments ?? '';
          }
        }
      }
      expect(JSON.parse(rebuilt)).toEqual(JSON.parse(JSON.stringify(input)));
    },
  );
});
