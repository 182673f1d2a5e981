import type { GatewayRequest } from '../gateway-exchange.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Who a stored response belongs to: `sha256:<hex>` of the bearer credential the request presented
 * (`Authorization: Bearer <key>`, the header the Responses routes accept), or `undefined` when it presented none.
 * The store keeps this digest, never the credential. A stored response is read, continued (`previous_response_id`,
 * `item_reference`) or deleted only with the same credential, so tenants holding different gateway keys do not see
 * each other's responses; a gateway without keys whose clients send none shares its store among them.
 */
export async function identifyResponseOwner(request: GatewayRequest): Promise<string | undefined> {
  const match = /^Bearer\s+(.+)$/i.exec((request.header('authorization') ?? '').trim());
  if (!match) return undefined;
  const credential = match[1]!.trim();
  const known = digests.get(credential);
  if (known !== undefined) return known;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(credential)));
  let hex = 'sha256:';
  for (const byte of digest) hex += HEX[byte];
  if (digests.size >= DIGESTS_KEPT) digests.delete(digests.keys().next().value!);
  digests.set(credential, hex);
  return hex;
}

/**
 * The digests of the last credentials seen (a SHA-256 costs about 25 µs in Node 20's Web Crypto, and a gateway sees
 * few distinct keys). In this process's memory only, like the request that carried them; oldest dropped first.
 */
const DIGESTS_KEPT = 1024;
const digests = new Map<string, string>();

/** Whether a requester (`identifyResponseOwner`'s answer) may see a stored response: the same owner, or neither has one. */
export function ownsStoredResponse(stored: { owner?: string }, owner: string | undefined): boolean {
  return stored.owner === owner;
}
