import type { ResponseStreamEvent } from '@interlingua/responses-schema';
import { createLongStringJsonSerializer } from './create-long-string-json-serializer.js';

/** One Responses stream event as SSE: `event: <type>` and one `data:` line, as OpenAI sends them. */
export function formatResponseStreamEvent(event: ResponseStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The length from which a text's JSON is remembered between the closing events (`createLongStringJsonSerializer`). */
const LONG_TEXT = 512;

/**
 * {@link formatResponseStreamEvent} for one stream, faster on the events that make up most of it: a text delta
 * without log probabilities and a function-call arguments delta, as the stream's step builds them (their keys in the
 * step's order), are written around a prefix serialised once per item, so only the delta text is stringified per
 * event; the events that close a part, an item or the Response (which repeat its whole text) are written with the
 * JSON of a long text remembered between them, once the stream's deltas could have made one that long (before that,
 * `JSON.stringify` of the whole event is the faster way to the same text). The result is exactly
 * `formatResponseStreamEvent(event)`; any other event or shape takes that path.
 */
export function createResponseStreamEventFormatter(): (event: ResponseStreamEvent) => string {
  // The closing events repeat whole texts (a part's, an item's, the Response's): their JSON is written once each.
  const writeClosing = createLongStringJsonSerializer(LONG_TEXT);
  // Characters of every delta so far: the texts the closing events repeat are made of them, so while this is under
  // LONG_TEXT none of those texts is long and the serializer's walk would only cost (a short answer's stream).
  let streamedChars = 0;
  let itemId: string | undefined;
  let outputIndex = -1;
  let contentIndex = -1;
  let textPrefix = '';
  let argumentsItemId: string | undefined;
  let argumentsOutputIndex = -1;
  let argumentsPrefix = '';
  return (event) => {
    const delta = (event as { delta?: unknown }).delta;
    if (typeof delta === 'string') streamedChars += delta.length;
    if (event.type === 'response.output_text.delta') {
      if (!Array.isArray(event.logprobs) || event.logprobs.length !== 0 || !isPlainDelta(event, TEXT_DELTA_KEYS) || typeof event.content_index !== 'number') {
        return formatResponseStreamEvent(event);
      }
      if (event.item_id !== itemId || event.output_index !== outputIndex || event.content_index !== contentIndex) {
        itemId = event.item_id;
        outputIndex = event.output_index;
        contentIndex = event.content_index;
        textPrefix = `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","item_id":${JSON.stringify(itemId)},"output_index":${JSON.stringify(outputIndex)},"content_index":${JSON.stringify(contentIndex)},"delta":`;
      }
      return `${textPrefix}${JSON.stringify(event.delta)},"logprobs":[],"sequence_number":${JSON.stringify(event.sequence_number)}}\n\n`;
    }
    if (event.type === 'response.function_call_arguments.delta') {
      if (!isPlainDelta(event, ARGUMENTS_DELTA_KEYS)) return formatResponseStreamEvent(event);
      if (event.item_id !== argumentsItemId || event.output_index !== argumentsOutputIndex) {
        argumentsItemId = event.item_id;
        argumentsOutputIndex = event.output_index;
        argumentsPrefix = `event: response.function_call_arguments.delta\ndata: {"type":"response.function_call_arguments.delta","item_id":${JSON.stringify(argumentsItemId)},"output_index":${JSON.stringify(argumentsOutputIndex)},"delta":`;
      }
      return `${argumentsPrefix}${JSON.stringify(event.delta)},"sequence_number":${JSON.stringify(event.sequence_number)}}\n\n`;
    }
    if (CLOSING_EVENTS.has(event.type) && streamedChars >= LONG_TEXT) return `event: ${event.type}\ndata: ${writeClosing(event)}\n\n`;
    return formatResponseStreamEvent(event);
  };
}

/** The events that carry a whole text again: a part's, an item's, the Response's. */
const CLOSING_EVENTS: ReadonlySet<string> = new Set([
  'response.output_text.done',
  'response.refusal.done',
  'response.content_part.done',
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.done',
  'response.function_call_arguments.done',
  'response.output_item.done',
  'response.completed',
  'response.incomplete',
  'response.failed',
]);

const TEXT_DELTA_KEYS = ['type', 'item_id', 'output_index', 'content_index', 'delta', 'logprobs', 'sequence_number'] as const;
const ARGUMENTS_DELTA_KEYS = ['type', 'item_id', 'output_index', 'delta', 'sequence_number'] as const;

/** A delta event as the step builds it: exactly `keys` in that order, string id and delta, number indexes. */
function isPlainDelta(event: { item_id: unknown; output_index: unknown; delta: unknown; sequence_number: unknown }, keys: readonly string[]): boolean {
  if (typeof event.item_id !== 'string' || typeof event.delta !== 'string' || typeof event.output_index !== 'number' || typeof event.sequence_number !== 'number') {
    return false;
  }
  let i = 0;
  for (const key in event) {
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}
