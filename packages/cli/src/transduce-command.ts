import { Readable, Writable } from 'node:stream';
import type { AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAIStream } from '@interlingua/anthropic-transducer';
import type { GeminiTranslationContext } from '@interlingua/gemini-mapper';
import { createGeminiToOpenAIStream } from '@interlingua/gemini-transducer';
import { createDefaultEnvironment } from '@interlingua/openai-schema';
import { createChatToMessagesStream } from '@interlingua/messages-transducer';
import { convertResponsesRequestToChat } from '@interlingua/responses-mapper';
import { createResponsesTransformStream } from '@interlingua/responses-transducer';
import { createContextForCommand } from './create-context-for-command.js';

/**
 * `interlingua transduce --from <provider> [--to chat|responses|messages]`: provider SSE on stdin → OpenAI chunk SSE
 * (or, with `--to responses`, the Responses API event stream; with `--to messages`, Anthropic's Messages event
 * stream) on stdout, as it reads.
 */
export async function transduceCommand(options: { from: 'anthropic' | 'gemini'; to?: 'chat' | 'responses' | 'messages'; includeUsage?: boolean; model: string }): Promise<number> {
  if (options.to === 'messages' && options.from === 'anthropic') {
    // Anthropic's stream is already the Messages stream: the gateway passes it through.
    await (Readable.toWeb(process.stdin) as unknown as ReadableStream<Uint8Array>).pipeTo(Writable.toWeb(process.stdout) as WritableStream<Uint8Array>);
    return 0;
  }
  const responses = options.to === 'responses';
  const messages = options.to === 'messages';
  // A Response reports usage, so the hub stream is asked for its usage chunk.
  const context = await createContextForCommand(options.from, options.model, true, responses || messages || options.includeUsage === true);
  const environment = createDefaultEnvironment();
  const transducer =
    options.from === 'anthropic'
      ? createAnthropicToOpenAIStream({ context: context as AnthropicTranslationContext, environment })
      : createGeminiToOpenAIStream({ context: context as GeminiTranslationContext, environment });
  const input = Readable.toWeb(process.stdin) as unknown as ReadableStream<Uint8Array>;
  let output = input.pipeThrough(transducer);
  if (responses) {
    const mapped = convertResponsesRequestToChat({ model: options.model, input: '', stream: true }, { environment });
    if (!mapped.ok) throw new Error(mapped.error.error.message);
    output = output.pipeThrough(createResponsesTransformStream(mapped.context, environment));
  }
  if (messages) output = output.pipeThrough(createChatToMessagesStream({ model: options.model, stream: true, stopSequences: [], omitThinking: false }, environment));
  await output.pipeTo(Writable.toWeb(process.stdout) as WritableStream<Uint8Array>);
  return 0;
}
