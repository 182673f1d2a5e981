/**
 * The reasoning carrier: what the chat hub holds of a turn's signed reasoning, sealed into a Responses reasoning
 * item's `encrypted_content` and unsealed when the client sends the item back (a `store: false` loop, as Codex and
 * the Agents SDK run it).
 *
 * Format: `ilg1.` + base64 of the UTF-8 JSON of {@link ReasoningCarrier}. It is opaque to clients and not
 * encrypted: it holds exactly what the chat path already shows its clients (Anthropic `thinking_blocks` with their
 * signatures, Gemini `extra_content.google` thought signatures), nothing secret.
 */
import type { ChatCompletionThinkingBlock } from '@interlingua/openai-schema';

export const REASONING_CARRIER_PREFIX = 'ilg1.';

export interface GoogleThoughtSignature {
  part: string;
  signature: string;
  [key: string]: unknown;
}

export interface ReasoningCarrier {
  /** The hub's `reasoning_content` (only when not already the reasoning item's summary text). */
  reasoning_content?: string;
  /** The hub's `thinking_blocks`, in order (Anthropic thinking with signature, redacted thinking). */
  thinking_blocks?: ChatCompletionThinkingBlock[];
  /** The message's `extra_content` other than thought signatures, merged (e.g. future provider extensions). */
  extra_content?: { [key: string]: unknown };
  /** `extra_content.google.thought_signatures` of the message. */
  thought_signatures?: GoogleThoughtSignature[];
  /** Per tool call (by `call_id`): the call's `extra_content` (Gemini `thought_signature`, `function_call_id`). */
  tool_calls?: { [callId: string]: { [key: string]: unknown } };
  /**
   * The hub message's other extension fields, by name (e.g. Anthropic `anthropic_blocks` — server-tool blocks to
   * replay —, `anthropic_stop_reason`, Gemini reply `images`), carried whole so a replayed turn has them back.
   */
  extensions?: { [field: string]: unknown };
}

/** The fields of a hub assistant message that are not extensions (everything else is carried in `extensions`). */
export const HUB_MESSAGE_FIELDS: ReadonlySet<string> = new Set([
  'role',
  'content',
  'refusal',
  'tool_calls',
  'function_call',
  'annotations',
  'audio',
  'reasoning_content',
  'thinking_blocks',
  'extra_content',
]);

export function isEmptyCarrier(carrier: ReasoningCarrier): boolean {
  return (
    carrier.reasoning_content === undefined &&
    !carrier.thinking_blocks?.length &&
    (carrier.extra_content === undefined || Object.keys(carrier.extra_content).length === 0) &&
    !carrier.thought_signatures?.length &&
    (carrier.tool_calls === undefined || Object.keys(carrier.tool_calls).length === 0) &&
    (carrier.extensions === undefined || Object.keys(carrier.extensions).length === 0)
  );
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(base64: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Seals a carrier; fields are written in one fixed order, so equal carriers seal to equal text. */
export function sealReasoningCarrier(carrier: ReasoningCarrier): string {
  const ordered: ReasoningCarrier = {};
  if (carrier.reasoning_content !== undefined) ordered.reasoning_content = carrier.reasoning_content;
  if (carrier.thinking_blocks?.length) ordered.thinking_blocks = carrier.thinking_blocks;
  if (carrier.extra_content !== undefined && Object.keys(carrier.extra_content).length) ordered.extra_content = carrier.extra_content;
  if (carrier.thought_signatures?.length) ordered.thought_signatures = carrier.thought_signatures;
  if (carrier.tool_calls !== undefined && Object.keys(carrier.tool_calls).length) ordered.tool_calls = carrier.tool_calls;
  if (carrier.extensions !== undefined && Object.keys(carrier.extensions).length) ordered.extensions = carrier.extensions;
  return REASONING_CARRIER_PREFIX + toBase64(JSON.stringify(ordered));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The carrier in `encrypted_content`, or undefined when it is not one of ours (or is damaged). Never throws. */
export function unsealReasoningCarrier(encrypted: string): ReasoningCarrier | undefined {
  if (!encrypted.startsWith(REASONING_CARRIER_PREFIX)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64(encrypted.slice(REASONING_CARRIER_PREFIX.length)));
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const carrier: ReasoningCarrier = {};
  if (typeof parsed.reasoning_content === 'string') carrier.reasoning_content = parsed.reasoning_content;
  if (Array.isArray(parsed.thinking_blocks) && parsed.thinking_blocks.every(isRecord)) carrier.thinking_blocks = parsed.thinking_blocks;
  if (isRecord(parsed.extra_content)) carrier.extra_content = parsed.extra_content;
  if (
    Array.isArray(parsed.thought_signatures) &&
    parsed.thought_signatures.every((s) => isRecord(s) && typeof s.part === 'string' && typeof s.signature === 'string')
  ) {
    carrier.thought_signatures = parsed.thought_signatures as GoogleThoughtSignature[];
  }
  if (isRecord(parsed.tool_calls) && Object.values(parsed.tool_calls).every(isRecord)) {
    carrier.tool_calls = parsed.tool_calls as ReasoningCarrier['tool_calls'];
  }
  if (isRecord(parsed.extensions)) {
    const extensions = Object.fromEntries(Object.entries(parsed.extensions).filter(([field]) => !HUB_MESSAGE_FIELDS.has(field)));
    if (Object.keys(extensions).length) carrier.extensions = extensions;
  }
  return carrier;
}

/**
 * Splits a message's `extra_content` into the carrier's fields: Google thought signatures apart, the rest kept.
 */
export function splitMessageExtraContent(extra: unknown): { thoughtSignatures: GoogleThoughtSignature[]; rest: { [key: string]: unknown } | undefined } {
  if (!isRecord(extra)) return { thoughtSignatures: [], rest: undefined };
  const google = isRecord(extra.google) ? extra.google : undefined;
  const signatures = Array.isArray(google?.thought_signatures)
    ? (google.thought_signatures.filter((s) => isRecord(s) && typeof s.part === 'string' && typeof s.signature === 'string') as GoogleThoughtSignature[])
    : [];
  const rest: Record<string, unknown> = { ...extra };
  if (google) {
    const { thought_signatures: _signatures, ...otherGoogle } = google;
    if (Object.keys(otherGoogle).length) rest.google = otherGoogle;
    else delete rest.google;
  }
  return { thoughtSignatures: signatures, rest: Object.keys(rest).length ? rest : undefined };
}
