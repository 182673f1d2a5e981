import { createGeminiToOpenAITransducer, type GeminiToOpenAITransducerOptions } from './create-gemini-to-openai-transducer.js';

/**
 * `TransformStream` from Gemini `streamGenerateContent?alt=sse` bytes to OpenAI Chat Completions SSE bytes
 * (`data: <chunk>\n\n` frames ending with `data: [DONE]\n\n`). A thin wrapper of
 * {@link createGeminiToOpenAITransducer}: pipe the upstream body through it.
 *
 * ```ts
 * const body = upstreamResponse.body!.pipeThrough(createGeminiToOpenAIStream({ context, environment }));
 * return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
 * ```
 */
export function createGeminiToOpenAIStream(options: GeminiToOpenAITransducerOptions): TransformStream<Uint8Array, Uint8Array> {
  const transducer = createGeminiToOpenAITransducer(options);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const bytes = transducer.push(chunk);
      if (bytes.length > 0) controller.enqueue(bytes);
    },
    flush(controller) {
      const bytes = transducer.end();
      if (bytes.length > 0) controller.enqueue(bytes);
    },
  });
}
