import type { AnthropicToOpenAIStreamOptions } from './anthropic-to-openai-stream-options.js';
import { createAnthropicToOpenAITranscoder } from './create-anthropic-to-openai-transcoder.js';

/**
 * Anthropic Messages SSE bytes → OpenAI Chat Completions chunk SSE bytes, ending with `data: [DONE]\n\n` (or with an
 * error payload when the upstream fails or stops early). Each upstream read is translated as soon as it arrives and
 * enqueued as one byte chunk holding every frame it completed: nothing waits for later input.
 */
export function createAnthropicToOpenAIStream(options: AnthropicToOpenAIStreamOptions): TransformStream<Uint8Array, Uint8Array> {
  const transcoder = createAnthropicToOpenAITranscoder(options);
  const encoder = new TextEncoder();
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const text = transcoder.push(chunk);
      if (text !== '') controller.enqueue(encoder.encode(text));
    },
    flush(controller) {
      const text = transcoder.end();
      if (text !== '') controller.enqueue(encoder.encode(text));
    },
  });
}
