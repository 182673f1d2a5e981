import { createSseDecoder } from '@interlingua/sse';

/** One `data:` frame of an OpenAI stream: the `[DONE]` sentinel, parsed JSON, or text that is not JSON. */
export type OpenAISseFrame = { kind: 'done' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; text: string };

/** Splits an OpenAI SSE text into its `data:` frames (decoded with `@interlingua/sse`, so any framing works). */
export function parseOpenAISse(text: string): OpenAISseFrame[] {
  const frames: OpenAISseFrame[] = [];
  const decoder = createSseDecoder((event) => {
    if (event.data === '[DONE]') {
      frames.push({ kind: 'done' });
      return;
    }
    try {
      frames.push({ kind: 'json', value: JSON.parse(event.data) as unknown });
    } catch {
      frames.push({ kind: 'invalid', text: event.data });
    }
  });
  decoder.push(text);
  decoder.end();
  return frames;
}
