import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import type { GatewayRequest } from './gateway-exchange.js';

/** Compares in time that does not depend on where the strings differ. */
function timingSafeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/**
 * `null` when the request may pass: no keys configured, or `Authorization: Bearer <one of the keys>` (or, with
 * `acceptApiKeyHeader`, `x-api-key: <one of the keys>`, as the Anthropic SDKs and Claude Code send it).
 */
export function checkAuthorization(
  request: GatewayRequest,
  keys: readonly string[] | undefined,
  options: { acceptApiKeyHeader?: boolean } = {},
): OpenAIErrorResponse | null {
  if (!keys || keys.length === 0) return null;
  const header = request.header('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const apiKey = options.acceptApiKeyHeader ? request.header('x-api-key')?.trim() : undefined;
  if (!match && !apiKey) {
    const how = options.acceptApiKeyHeader ? '"x-api-key: <key>" or "Authorization: Bearer <key>"' : '"Authorization: Bearer <key>"';
    return createOpenAIError(401, `Missing API key: send it as ${how}.`, { code: 'invalid_api_key' });
  }
  const presented = match ? match[1]!.trim() : apiKey!;
  let valid = false;
  for (const key of keys) valid = timingSafeEqual(presented, key) || valid;
  return valid ? null : createOpenAIError(401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
}
