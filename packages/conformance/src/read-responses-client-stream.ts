import { checkResponsesEventGrammar, type ResponsesStreamEvent } from './check-responses-event-grammar.js';
import { createResponsesSpecValidator } from './create-responses-spec-validator.js';

/** A Responses API client's stream (the `openai` SDK's `responses.stream()`): its events, then its final response. */
export interface ResponsesClientStream<R> extends AsyncIterable<unknown> {
  finalResponse(): Promise<R>;
}

/**
 * Reads a client's Responses stream to its end: every event, the final response, and what is wrong with the events —
 * the grammar (`checkResponsesEventGrammar`) and each event against both vendored specifications
 * (`createResponsesSpecValidator().event`, prefixed with the event's type). Empty `problems`: a well-formed stream.
 */
export async function readResponsesClientStream<R>(stream: ResponsesClientStream<R>): Promise<{ events: any[]; final: R; problems: string[] }> {
  const events: any[] = [];
  for await (const event of stream) events.push(event);
  const spec = createResponsesSpecValidator();
  const problems = [
    ...checkResponsesEventGrammar(events.map((data) => ({ data: data as ResponsesStreamEvent }))),
    ...events.flatMap((event) => spec.event(event).map((problem) => `${(event as { type?: string }).type}: ${problem}`)),
  ];
  return { events, final: await stream.finalResponse(), problems };
}
