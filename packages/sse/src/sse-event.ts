/**
 * One server-sent event, as decoded from or encoded to a `text/event-stream`.
 *
 * - `data` is the event's payload. Several `data:` lines are joined with `\n`.
 * - `event` is the `event:` field (the event type). It is absent when the stream did not name the event
 *   (browsers would report `message`); an empty `event:` field also counts as absent.
 * - `id` is the `id:` field of this event only. Unlike a browser `EventSource`, the last id is not carried over to
 *   later events.
 */
export type SseEvent = {
  event?: string;
  data: string;
  id?: string;
};

/** The OpenAI end-of-stream sentinel, written as `data: [DONE]`. */
export type SseDone = '[DONE]';
