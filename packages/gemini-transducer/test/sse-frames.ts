/// <reference types="node" />
import type { FixtureCase } from '@interlingua/conformance';
import type { GeminiStreamContext } from '../src/index.js';

/** Splits OpenAI SSE text into its frames' payloads: parsed JSON, or the string `[DONE]`. Strict about framing. */
export function parseOpenAISseFrames(text: string): unknown[] {
  if (text === '') return [];
  if (!text.endsWith('\n\n')) throw new Error(`the SSE text does not end with a blank line: ${JSON.stringify(text.slice(-40))}`);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      if (!frame.startsWith('data: ') || frame.includes('\n')) throw new Error(`not a single data: line: ${JSON.stringify(frame)}`);
      const data = frame.slice(6);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

/** The transducer context a case's client request implies (no tool renaming in the stream cases). */
export function contextOfCase(fixtureCase: FixtureCase): GeminiStreamContext {
  const request = fixtureCase.request as { model: string; stream_options?: { include_usage?: boolean } };
  return { model: request.model, includeUsage: request.stream_options?.include_usage === true };
}

/** Concatenates byte arrays. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
