import type { GeminiStreamEvent } from './gemini-stream-event.js';
import { geminiStreamEventSchema } from './gemini-stream-event-schema.js';
import { isGeminiStreamEvent } from './is-gemini-stream-event.js';

export type ParseGeminiStreamEventResult = { ok: true; event: GeminiStreamEvent } | { ok: false; message: string };

/**
 * The `data:` text of one Gemini SSE event → a validated {@link GeminiStreamEvent}. Never throws: text that is not
 * JSON, or JSON that is not a `GenerateContentResponse` (nor an error body), is reported as `{ ok: false, message }`.
 */
export function parseGeminiStreamEvent(data: string): ParseGeminiStreamEventResult {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, message: `The upstream sent an event that is not JSON: ${truncate(data)}` };
  }
  // Fast path: a hand-written check of the same rules; zod runs only to describe a rejected event.
  if (isGeminiStreamEvent(json)) return { ok: true, event: json };
  const result = geminiStreamEventSchema().safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? issue.path.join('.') : '';
    return {
      ok: false,
      message: `The upstream sent an event that is not a Gemini GenerateContentResponse (${path || 'event'}: ${issue?.message ?? 'invalid'}).`,
    };
  }
  // The schema only checks types and passes unknown members through: the parsed value is the same JSON.
  return { ok: true, event: result.data as GeminiStreamEvent };
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
