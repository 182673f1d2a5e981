import { checkResponsesEventGrammar, parseResponsesSse } from './check-responses-event-grammar.js';
import { compareJsonValues, formatValueDifferences } from './compare-json-values.js';
import type { FixtureCase } from './fixture-case.js';

/** What a gateway answered (as in `compare-gateway-reply.ts`). */
interface ObservedReply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

const ID_KEYS = new Set(['id', 'item_id']);
const ID_PREFIX = /^(resp|msg|rs|fc|fco|item)_/;

/**
 * What differs between gateways without being a difference: the ids a gateway mints (`resp_…`, `msg_…`, `rs_…`,
 * `fc_…`, and `call_…` call ids it made up), its clock (`created_at`, `completed_at`), and the content of a reasoning
 * item's `encrypted_content` (opaque: whether it is there is compared, not what it holds).
 */
export function normaliseResponsesValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseResponsesValue);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if ((key === 'created_at' || key === 'completed_at') && typeof entry === 'number') out[key] = '<time>';
    else if (ID_KEYS.has(key) && typeof entry === 'string' && ID_PREFIX.test(entry)) out[key] = '<id>';
    else if (key === 'call_id' && typeof entry === 'string' && entry.startsWith('call_')) out[key] = '<call-id>';
    // Opaque by definition: each gateway seals reasoning its own way; only its presence is compared.
    else if (key === 'encrypted_content' && typeof entry === 'string') out[key] = '<opaque>';
    else out[key] = normaliseResponsesValue(entry);
  }
  return out;
}

/**
 * Compares a gateway's `POST /v1/responses` reply with a Responses case's expected reply (pure). JSON: status, the
 * listed headers, the body (ids and times normalised). Streams: the grammar (`checkResponsesEventGrammar`), the
 * sequence of event types, and every event's payload (normalised), so the final Response is compared too.
 */
export function compareResponsesReply(fixtureCase: FixtureCase, observed: ObservedReply): { problems: string[]; diff?: string } {
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
    const differences = compareJsonValues(normaliseResponsesValue(expected.response.body), normaliseResponsesValue(body));
    if (differences.length) {
      problems.push(`the body differs in ${differences.length} place(s)`);
      return { problems, diff: formatValueDifferences(differences) };
    }
    return { problems };
  }
  if (observed.status !== 200) return { problems: [`status: expected 200 (a stream), got ${observed.status}`], diff: observed.text.slice(0, 500) };
  const contentType = observed.headers['content-type'] ?? '';
  if (!contentType.includes('text/event-stream')) problems.push(`content-type: expected text/event-stream, got ${contentType || '(absent)'}`);
  let got: ReturnType<typeof parseResponsesSse>;
  try {
    got = parseResponsesSse(observed.text);
  } catch {
    return { problems: [...problems, 'the stream has an event whose data is not JSON'] };
  }
  const want = parseResponsesSse(expected.text);
  problems.push(...checkResponsesEventGrammar(got).map((problem) => `grammar: ${problem}`));
  const wantTypes = want.map((event) => event.data.type);
  const gotTypes = got.map((event) => event.data.type);
  if (wantTypes.join() !== gotTypes.join()) {
    problems.push(`event types differ: expected ${wantTypes.length} events, got ${gotTypes.length}`);
    return { problems, diff: `expected: ${wantTypes.join(' ')}\nactual:   ${gotTypes.join(' ')}` };
  }
  const diffs: string[] = [];
  want.forEach((event, index) => {
    const differences = compareJsonValues(normaliseResponsesValue(event.data), normaliseResponsesValue(got[index]!.data));
    if (differences.length) {
      problems.push(`event ${index} (${event.data.type}) differs`);
      diffs.push(formatValueDifferences(differences));
    }
  });
  return { problems, ...(diffs.length ? { diff: diffs.slice(0, 5).join('\n') } : {}) };
}
