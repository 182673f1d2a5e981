import { checkMessagesEventGrammar, parseMessagesSse, type MessagesSseEvent } from './check-messages-event-grammar.js';
import { compareClientApiReply, type ClientApiReplyRules, type ObservedGatewayReply, type ReplyComparison } from './compare-client-reply.js';
import type { FixtureCase } from './fixture-case.js';

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

const MESSAGES_RULES: ClientApiReplyRules<MessagesSseEvent> = {
  normalise: normaliseMessagesValue,
  parseStream: (text) => parseMessagesSse(text).filter((event) => event.type !== 'ping'),
  unreadableStream: 'the stream has an event whose data is not JSON, or whose event name differs from its type',
  checkGrammar: checkMessagesEventGrammar,
  eventType: (event) => event.type,
  eventPayload: (event) => event,
};

/**
 * Compares a gateway's `POST /v1/messages` reply with a Messages case's expected reply (pure). JSON: status, the
 * listed headers, the body (the message id normalised). Streams: the grammar (`checkMessagesEventGrammar`), the
 * sequence of event types, and every event's payload (normalised). `ping` events are ignored on both sides.
 */
export function compareMessagesReply(fixtureCase: FixtureCase, observed: ObservedGatewayReply): ReplyComparison {
  return compareClientApiReply(fixtureCase, observed, MESSAGES_RULES);
}
