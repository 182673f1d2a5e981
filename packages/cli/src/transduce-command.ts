import { Readable, Writable } from 'node:stream';
import type { AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAIStream } from '@interlingua/anthropic-transducer';
import type { GeminiTranslationContext } from '@interlingua/gemini-mapper';
import { createGeminiToOpenAIStream } from '@interlingua/gemini-transducer';
import { createDefaultEnvironment } from '@interlingua/openai-schema';
import { createContextForCommand } from './create-context-for-command.js';

/** `interlingua transduce --from <provider>`: provider SSE on stdin → OpenAI SSE on stdout, as it reads. */
export async function transduceCommand(options: { from: 'anthropic' | 'gemini'; includeUsage?: boolean; model: string }): Promise<number> {
  const context = await createContextForCommand(options.from, options.model, true, options.includeUsage === true);
  const environment = createDefaultEnvironment();
  const transducer =
    options.from === 'anthropic'
      ? createAnthropicToOpenAIStream({ context: context as AnthropicTranslationContext, environment })
      : createGeminiToOpenAIStream({ context: context as GeminiTranslationContext, environment });
  const input = Readable.toWeb(process.stdin) as unknown as ReadableStream<Uint8Array>;
  await input.pipeThrough(transducer).pipeTo(Writable.toWeb(process.stdout) as WritableStream<Uint8Array>);
  return 0;
}
