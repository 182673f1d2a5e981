import type { OpenAIErrorResponse } from '@interlingua/openai-schema';
import type { GatewayReply } from './gateway-exchange.js';

/** A JSON reply. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GatewayReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * A JSON reply whose text is at hand already (an upstream's reply passed on): sent as it is, not parsed and
 * serialised again.
 */
export function jsonTextResponse(status: number, text: string, headers: Record<string, string> = {}): GatewayReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: text };
}

/** An OpenAI error envelope as a reply. */
export function errorResponse(error: OpenAIErrorResponse, headers: Record<string, string> = {}): GatewayReply {
  return jsonResponse(error.status, error.body, headers);
}
