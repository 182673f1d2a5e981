import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { Stream } from 'openai/streaming';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';

/**
 * Reads OpenAI SSE bytes exactly as the official SDK does (its SSE parser, which throws on an error payload), then
 * accumulates the chunks with `ChatCompletionStream` and returns `finalChatCompletion()` and the chunks.
 */
export async function accumulateWithOpenAISdk(sse: Uint8Array): Promise<{ completion: ChatCompletion; chunks: ChatCompletionChunk[] }> {
  const chunks: ChatCompletionChunk[] = [];
  const stream = Stream.fromSSEResponse<ChatCompletionChunk>(new Response(sse as Uint8Array<ArrayBuffer>), new AbortController());
  for await (const chunk of stream) chunks.push(chunk);
  const encoder = new TextEncoder();
  const ndjson = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(`${JSON.stringify(chunk)}\n`));
      controller.close();
    },
  });
  const completion = await ChatCompletionStream.fromReadableStream(ndjson).finalChatCompletion();
  return { completion, chunks };
}
