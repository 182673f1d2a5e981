/// <reference types="node" />
import { createCaseEnvironment, createOpenAISpecValidator, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { describe, expect, it } from 'vitest';
import { parseOpenAISseFrames, readAllText, streamContextForCase, streamOfPieces } from '../test/stream-test-helpers.js';
import { createAnthropicToOpenAIStream } from './create-anthropic-to-openai-stream.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

const cases = loadFixtureCases(fixturesRoot(), { provider: 'anthropic' }).filter(
  (fixtureCase) => fixtureCase.stream && fixtureCase.upstreamResponse?.kind === 'sse' && fixtureCase.expectedResponse.kind === 'sse',
);

describe('Anthropic stream fixture cases', () => {
  it('finds the stream cases', () => {
    expect(cases.map((fixtureCase) => fixtureCase.name)).toContain('seed-tools-stream');
  });

  describe.each(cases.map((fixtureCase) => [fixtureCase.name, fixtureCase] as const))('%s', (_name, fixtureCase) => {
    const upstream = fixtureCase.upstreamResponse?.kind === 'sse' ? fixtureCase.upstreamResponse.text : '';
    const expected = fixtureCase.expectedResponse.kind === 'sse' ? fixtureCase.expectedResponse.text : '';
    const expectedFrames = parseOpenAISseFrames(expected);

    it('TransformStream output matches frame by frame', async () => {
      const stream = createAnthropicToOpenAIStream({ context: streamContextForCase(fixtureCase), environment: createCaseEnvironment(fixtureCase) });
      const output = await readAllText(streamOfPieces([new TextEncoder().encode(upstream)]).pipeThrough(stream));
      const frames = parseOpenAISseFrames(output);
      expect(frames).toEqual(expectedFrames);
      // Every frame is a well-formed `data: ` line pair; [DONE], when present, is last.
      expect(output.endsWith('\n\n')).toBe(true);
      const doneAt = frames.indexOf('[DONE]');
      if (doneAt !== -1) expect(doneAt).toBe(frames.length - 1);
    });

    it('every expected chunk validates against the OpenAI specification (CreateChatCompletionStreamResponse, ErrorResponse)', () => {
      const validator = createOpenAISpecValidator();
      for (const frame of expectedFrames) {
        if (frame === '[DONE]') continue;
        const errors = 'error' in (frame as object) ? validator.error(frame) : validator.chunk(frame);
        expect(errors, JSON.stringify(frame)).toEqual([]);
      }
    });

    it('the synchronous byte path gives the same text, event by event', () => {
      const transcoder = createAnthropicToOpenAITranscoder({
        context: streamContextForCase(fixtureCase),
        environment: createCaseEnvironment(fixtureCase),
      });
      let output = '';
      for (const piece of upstream.split(/(?<=\n\n)/)) output += transcoder.push(piece);
      output += transcoder.end();
      expect(parseOpenAISseFrames(output)).toEqual(expectedFrames);
    });
  });
});
