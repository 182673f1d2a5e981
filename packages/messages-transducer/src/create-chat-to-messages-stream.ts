import type { MessagesTranslationContext } from '@interlingua/messages-mapper';
import type { TranslationEnvironment } from '@interlingua/openai-schema';
import { createChatToMessagesTranscoder } from './create-chat-to-messages-transcoder.js';
import type { MessagesStreamOptions } from './messages-stream-state.js';

/** `hubBody.pipeThrough(createChatToMessagesStream(context, environment))`: hub SSE bytes → Messages SSE bytes. */
export function createChatToMessagesStream(
  context: MessagesTranslationContext,
  environment: TranslationEnvironment,
  options: MessagesStreamOptions = {},
): TransformStream<Uint8Array, Uint8Array> {
  const transcoder = createChatToMessagesTranscoder(context, environment, options);
  return new TransformStream({
    transform(chunk, controller) {
      const out = transcoder.push(chunk);
      if (out.byteLength > 0) controller.enqueue(out);
    },
    flush(controller) {
      const out = transcoder.end();
      if (out.byteLength > 0) controller.enqueue(out);
    },
  });
}
