import type { FixtureCase } from './fixture-case.js';

/**
 * A case's recorded upstream reply as a Web `Response`, as a test's stand-in upstream answers it: a stream with
 * `text/event-stream`, a JSON body with its recorded status and headers. Throws for a case that expects no
 * upstream call.
 */
export function recordedUpstreamReply(fixtureCase: FixtureCase): Response {
  const recorded = fixtureCase.upstreamResponse;
  if (!recorded) throw new Error(`${fixtureCase.id} expects no upstream call`);
  return recorded.kind === 'sse'
    ? new Response(recorded.text, { status: 200, headers: { 'content-type': 'text/event-stream' } })
    : new Response(JSON.stringify(recorded.response.body), { status: recorded.response.status, headers: recorded.response.headers ?? {} });
}
