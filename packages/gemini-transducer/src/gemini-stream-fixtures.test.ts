/// <reference types="node" />
import { createCaseEnvironment, fixturesRoot, loadFixtureCases } from '@interlingua/conformance/node';
import { convertOpenAIRequestToGemini } from '@interlingua/gemini-mapper';
import { describe, expect, it } from 'vitest';
import { concatBytes, contextOfCase, parseOpenAISseFrames } from '../test/sse-frames.js';
import { createGeminiToOpenAIStream } from './create-gemini-to-openai-stream.js';
import { createGeminiToOpenAITransducer } from './create-gemini-to-openai-transducer.js';

const cases = loadFixtureCases(fixturesRoot(), { provider: 'gemini' }).filter(
  (fixtureCase) => fixtureCase.stream && fixtureCase.upstreamResponse?.kind === 'sse' && fixtureCase.expectedResponse.kind === 'sse',
);
const decoder = new TextDecoder();

describe('Gemini stream fixture cases', () => {
  it('finds the stream cases', () => {
    expect(cases.map((fixtureCase) => fixtureCase.name)).toContain('seed-vision-stream');
  });

  describe.each(cases.map((fixtureCase) => [fixtureCase.name, fixtureCase] as const))('%s', (_name, fixtureCase) => {
    const upstream = (fixtureCase.upstreamResponse as { text: string }).text;
    const expected = parseOpenAISseFrames((fixtureCase.expectedResponse as { text: string }).text);

    /**
     * The mapper's context for the request: what the client asked for plus the mapper's decisions the reply depends
     * on (changed tool names, the JSON response function, grounding). Cases whose reply needs none of those also run
     * with the context read from the request alone (`contextOfCase`), so the transducer is checked on its own too.
     */
    const mappedContext = async () => {
      const mapped = await convertOpenAIRequestToGemini(fixtureCase.request, {
        resolveMedia: async (url: string) => {
          const bytes = fixtureCase.description.options?.media?.[url];
          if (!bytes) throw new Error(`no bytes for ${url}`);
          return bytes;
        },
      });
      if (!mapped.ok) throw new Error(`the mapper rejected the request: ${JSON.stringify(mapped.error)}`);
      return mapped.context;
    };
    const contextFor = async () => {
      const context = await mappedContext();
      return context.jsonResponse !== undefined || context.grounding === true ? context : contextOfCase(fixtureCase);
    };

    it('the Gemini mapper\'s context for the request gives the same frames (end to end)', async () => {
      const transducer = createGeminiToOpenAITransducer({ context: await mappedContext(), environment: createCaseEnvironment(fixtureCase) });
      const bytes = concatBytes([transducer.push(new TextEncoder().encode(upstream)), transducer.end()]);
      expect(parseOpenAISseFrames(decoder.decode(bytes))).toEqual(expected);
    });

    it('byte core, whole body in one push: frame by frame as expected', async () => {
      const transducer = createGeminiToOpenAITransducer({ context: await contextFor(), environment: createCaseEnvironment(fixtureCase) });
      const bytes = concatBytes([transducer.push(new TextEncoder().encode(upstream)), transducer.end()]);
      expect(parseOpenAISseFrames(decoder.decode(bytes))).toEqual(expected);
    });

    it('TransformStream, one byte at a time: the same frames', async () => {
      const bytes = new TextEncoder().encode(upstream);
      const source = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i++) controller.enqueue(bytes.subarray(i, i + 1));
          controller.close();
        },
      });
      const output = source.pipeThrough(
        createGeminiToOpenAIStream({ context: await contextFor(), environment: createCaseEnvironment(fixtureCase) }),
      );
      const text = await new Response(output).text();
      expect(parseOpenAISseFrames(text)).toEqual(expected);
    });
  });
});
