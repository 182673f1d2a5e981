/// <reference types="node" />
import { convertOpenAIRequestToAnthropic } from '@interlingua/anthropic-mapper';
import type { FixtureCase } from '@interlingua/conformance';
import type { AnthropicStreamContext } from '../src/anthropic-to-openai-stream-options.js';

/**
 * The transducer context of a stream case: the request mapper's context for the case's client request (the real
 * hand-over), or, when the mapper rejects the request, the context the request implies (model, include_usage).
 */
export function streamContextForCase(fixtureCase: FixtureCase): AnthropicStreamContext {
  const mapped = convertOpenAIRequestToAnthropic(fixtureCase.request);
  if (mapped.ok) return mapped.context;
  const request = fixtureCase.request as { model: string; stream_options?: { include_usage?: boolean } };
  return { requestedModel: request.model, includeUsage: request.stream_options?.include_usage === true };
}

/** Splits OpenAI SSE text into its `data:` payloads (JSON values, or the string `[DONE]`). */
export function parseOpenAISseFrames(text: string): unknown[] {
  const frames: unknown[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    if (!block.startsWith('data: ')) throw new Error(`not a data frame: ${JSON.stringify(block)}`);
    const data = block.slice('data: '.length);
    frames.push(data === '[DONE]' ? '[DONE]' : JSON.parse(data));
  }
  return frames;
}

/** Anthropic wire framing of raw event JSON (vercel-ai `.chunks.txt`): `event: <type>\ndata: <json>\n\n`. */
export function frameAnthropicEvents(events: readonly unknown[]): string {
  return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

/** Reads a whole ReadableStream of bytes as text. */
export async function readAllText(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** A ReadableStream of the given byte pieces. */
export function streamOfPieces(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}
