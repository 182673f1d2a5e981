import { checkResponsesEventGrammar, parseResponsesSse, type ResponsesStreamEvent } from './check-responses-event-grammar.js';
import { compareClientApiReply, type ClientApiReplyRules, type ObservedGatewayReply, type ReplyComparison } from './compare-client-reply.js';
import type { FixtureCase } from './fixture-case.js';

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

const RESPONSES_RULES: ClientApiReplyRules<{ event?: string; data: ResponsesStreamEvent }> = {
  normalise: normaliseResponsesValue,
  parseStream: parseResponsesSse,
  unreadableStream: 'the stream has an event whose data is not JSON',
  checkGrammar: checkResponsesEventGrammar,
  eventType: (event) => event.data.type,
  eventPayload: (event) => event.data,
};

/**
 * Compares a gateway's `POST /v1/responses` reply with a Responses case's expected reply (pure). JSON: status, the
 * listed headers, the body (ids and times normalised). Streams: the grammar (`checkResponsesEventGrammar`), the
 * sequence of event types, and every event's payload (normalised), so the final Response is compared too.
 */
export function compareResponsesReply(fixtureCase: FixtureCase, observed: ObservedGatewayReply): ReplyComparison {
  return compareClientApiReply(fixtureCase, observed, RESPONSES_RULES);
}
