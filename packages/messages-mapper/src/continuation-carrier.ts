/**
 * Opaque continuation data of a non-Anthropic upstream (Gemini's thought signatures, carried by the hub as
 * `extra_content` on the message and on each tool call) has no field in the Messages API. It travels to the client
 * as the `data` of a `redacted_thinking` block — the Messages API's own opaque, replay-verbatim block — and comes
 * back in the next request's assistant turn, where the mapper restores the `extra_content` fields.
 *
 * Format: `interlingua.1.` + base64url(UTF-8 JSON `{m?: <message extra_content>, t?: {<tool call id>: <extra_content>}}`).
 * A `redacted_thinking` block whose data lacks the prefix is Anthropic's own and is passed on as a hub
 * `thinking_blocks` entry.
 */
export const CONTINUATION_PREFIX = 'interlingua.1.';

export interface ContinuationData {
  /** The message's `extra_content`. */
  m?: unknown;
  /** Each tool call's `extra_content`, by tool call id (as the client sees it). */
  t?: Record<string, unknown>;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | undefined {
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Encodes `m` then `t` (a fixed order, so a stream and a non-stream reply of the same data encode alike). */
export function encodeContinuation(data: ContinuationData): string {
  const ordered: ContinuationData = {};
  if (data.m !== undefined) ordered.m = data.m;
  if (data.t !== undefined) ordered.t = data.t;
  return CONTINUATION_PREFIX + toBase64Url(JSON.stringify(ordered));
}

/** The carried data, or `undefined` when `data` is not ours or is damaged. */
export function decodeContinuation(data: string): ContinuationData | undefined {
  if (!data.startsWith(CONTINUATION_PREFIX)) return undefined;
  const json = fromBase64Url(data.slice(CONTINUATION_PREFIX.length));
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ContinuationData) : undefined;
  } catch {
    return undefined;
  }
}

export function isContinuationData(data: string): boolean {
  return data.startsWith(CONTINUATION_PREFIX);
}
