import { checkMessagesEventGrammar, parseMessagesSse } from './check-messages-event-grammar.js';
import { compareJsonValues, formatValueDifferences } from './compare-json-values.js';
import type { FixtureCase } from './fixture-case.js';

/** What a gateway answered (as in `compare-gateway-reply.ts`). */
interface ObservedReply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * What differs between gateways without being a difference: the message id a gateway mints (`msg_…`) and tool-use
 * ids it made up (`call_…`, `toolu_…` when the upstream gave none), the `data` of the gateway's own
 * continuation block (opaque by design), and `message_start`'s `input_tokens` (an estimate before the upstream counts).
 */
export function normaliseMessagesValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseMessagesValue);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record['type'] === 'message_start') {
    // Before the upstream has counted, a translating gateway can only estimate the input tokens of message_start (the
    // count that matters comes in message_delta): any number is accepted.
    const message = record['message'] as { usage?: Record<string, unknown> } | undefined;
    if (message?.usage && typeof message.usage['input_tokens'] === 'number') {
      return normaliseMessagesValue({ ...record, message: { ...message, usage: { ...message.usage, input_tokens: '<estimate>' } } });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(record)) {
    if (key === 'id' && typeof entry === 'string' && /^(msg|call|toolu)_/.test(entry)) out[key] = '<id>';
    else if (key === 'data' && record['type'] === 'redacted_thinking' && typeof entry === 'string' && entry.startsWith('interlingua.')) out[key] = '<continuation>';
    else out[key] = normaliseMessagesValue(entry);
  }
  return out;
}

/**
 * Compares a gateway's `POST /v1/messages` reply with a Messages case's expected reply (pure). JSON: status, the
 * listed headers, the body (the message id normalised). Streams: the grammar (`checkMessagesEventGrammar`), the
 * sequence of event types, and every event's payload (normalised). `ping` events are ignored on both sides.
 */
export function compareMessagesReply(fixtureCase: FixtureCase, observed: ObservedReply): { problems: string[]; diff?: string } {
  const expected = fixtureCase.expectedResponse;
  const problems: string[] = [];
  if (expected.kind === 'json') {
    if (observed.status !== expected.response.status) problems.push(`status: expected ${expected.response.status}, got ${observed.status}`);
    for (const [name, value] of Object.entries(expected.response.headers ?? {})) {
      if (name === 'content-type') continue;
      const got = observed.headers[name.toLowerCase()];
      if (got !== value) problems.push(`header ${name}: expected ${JSON.stringify(value)}, got ${got === undefined ? '(absent)' : JSON.stringify(got)}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(observed.text);
    } catch {
      return { problems: [...problems, `the body is not JSON: ${observed.text.slice(0, 200)}`] };
    }
    const differences = compareJsonValues(normaliseMessagesValue(expected.response.body), normaliseMessagesValue(body));
    if (differences.length) {
      problems.push(`the body differs in ${differences.length} place(s)`);
      return { problems, diff: formatValueDifferences(differences) };
    }
    return { problems };
  }
  if (observed.status !== 200) return { problems: [`status: expected 200 (a stream), got ${observed.status}`], diff: observed.text.slice(0, 500) };
  const contentType = observed.headers['content-type'] ?? '';
  if (!contentType.includes('text/event-stream')) problems.push(`content-type: expected text/event-stream, got ${contentType || '(absent)'}`);
  let got: ReturnType<typeof parseMessagesSse>;
  try {
    got = parseMessagesSse(observed.text).filter((event) => event.type !== 'ping');
  } catch {
    return { problems: [...problems, 'the stream has an event whose data is not JSON, or whose event name differs from its type'] };
  }
  const want = parseMessagesSse(expected.text).filter((event) => event.type !== 'ping');
  problems.push(...checkMessagesEventGrammar(got).map((problem) => `grammar: ${problem}`));
  const wantTypes = want.map((event) => event.type);
  const gotTypes = got.map((event) => event.type);
  if (wantTypes.join() !== gotTypes.join()) {
    problems.push(`event types differ: expected ${wantTypes.length} events, got ${gotTypes.length}`);
    return { problems, diff: `expected: ${wantTypes.join(' ')}\nactual:   ${gotTypes.join(' ')}` };
  }
  const diffs: string[] = [];
  want.forEach((event, index) => {
    const differences = compareJsonValues(normaliseMessagesValue(event), normaliseMessagesValue(got[index]));
    if (differences.length) {
      problems.push(`event ${index} (${event.type}) differs`);
      diffs.push(formatValueDifferences(differences));
    }
  });
  return { problems, ...(diffs.length ? { diff: diffs.slice(0, 5).join('\n') } : {}) };
}
