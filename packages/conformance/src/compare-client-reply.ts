import { compareJsonValues, formatValueDifferences } from './compare-json-values.js';
import type { FixtureCase, RecordedHttpResponse } from './fixture-case.js';

/** The gateway's answer as the client received it. */
export interface ObservedGatewayReply {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body text. */
  text: string;
}

/** The outcome of comparing one reply: problems (empty when it conforms) and a readable diff. */
export interface ReplyComparison {
  problems: string[];
  diff?: string;
}

/**
 * A JSON reply's status and listed headers (other than content-type) against the expected ones, and its body parsed:
 * `parsed` is absent (and a problem says so) when the body is not JSON.
 */
export function checkJsonReply(expected: RecordedHttpResponse, observed: ObservedGatewayReply): { problems: string[]; parsed?: { body: unknown } } {
  const problems: string[] = [];
  if (observed.status !== expected.status) problems.push(`status: expected ${expected.status}, got ${observed.status}`);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    if (name === 'content-type') continue;
    const got = observed.headers[name.toLowerCase()];
    if (got !== value) problems.push(`header ${name}: expected ${JSON.stringify(value)}, got ${got === undefined ? '(absent)' : JSON.stringify(got)}`);
  }
  try {
    return { problems, parsed: { body: JSON.parse(observed.text) } };
  } catch {
    problems.push(`the body is not JSON: ${observed.text.slice(0, 200)}`);
    return { problems };
  }
}

/** What a client API (other than Chat Completions) brings to the comparison of its replies. */
export interface ClientApiReplyRules<Event> {
  /** Replaces what may differ between gateways without being a difference (minted ids, clocks, …). */
  normalise(value: unknown): unknown;
  /** The stream's events, in order (events that do not count left out); throws when one cannot be read. */
  parseStream(text: string): Event[];
  /** The problem reported when `parseStream` throws on the gateway's stream. */
  unreadableStream: string;
  checkGrammar(events: Event[]): string[];
  eventType(event: Event): string;
  /** What of an event is compared. */
  eventPayload(event: Event): unknown;
}

/**
 * Compares a gateway's reply with a client API case's expected reply (pure). JSON: status, the listed headers, the
 * body (normalised). Streams: the grammar, the sequence of event types, and every event's payload (normalised).
 */
export function compareClientApiReply<Event>(fixtureCase: FixtureCase, observed: ObservedGatewayReply, rules: ClientApiReplyRules<Event>): ReplyComparison {
  const expected = fixtureCase.expectedResponse;
  if (expected.kind === 'json') {
    const { problems, parsed } = checkJsonReply(expected.response, observed);
    if (!parsed) return { problems };
    const differences = compareJsonValues(rules.normalise(expected.response.body), rules.normalise(parsed.body));
    if (differences.length) {
      problems.push(`the body differs in ${differences.length} place(s)`);
      return { problems, diff: formatValueDifferences(differences) };
    }
    return { problems };
  }
  const problems: string[] = [];
  if (observed.status !== 200) return { problems: [`status: expected 200 (a stream), got ${observed.status}`], diff: observed.text.slice(0, 500) };
  const contentType = observed.headers['content-type'] ?? '';
  if (!contentType.includes('text/event-stream')) problems.push(`content-type: expected text/event-stream, got ${contentType || '(absent)'}`);
  let got: Event[];
  try {
    got = rules.parseStream(observed.text);
  } catch {
    return { problems: [...problems, rules.unreadableStream] };
  }
  const want = rules.parseStream(expected.text);
  problems.push(...rules.checkGrammar(got).map((problem) => `grammar: ${problem}`));
  const wantTypes = want.map(rules.eventType);
  const gotTypes = got.map(rules.eventType);
  if (wantTypes.join() !== gotTypes.join()) {
    problems.push(`event types differ: expected ${wantTypes.length} events, got ${gotTypes.length}`);
    return { problems, diff: `expected: ${wantTypes.join(' ')}\nactual:   ${gotTypes.join(' ')}` };
  }
  const diffs: string[] = [];
  want.forEach((event, index) => {
    const differences = compareJsonValues(rules.normalise(rules.eventPayload(event)), rules.normalise(rules.eventPayload(got[index]!)));
    if (differences.length) {
      problems.push(`event ${index} (${rules.eventType(event)}) differs`);
      diffs.push(formatValueDifferences(differences));
    }
  });
  return { problems, ...(diffs.length ? { diff: diffs.slice(0, 5).join('\n') } : {}) };
}
