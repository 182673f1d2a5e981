import type { OpenAIErrorResponse } from '@interlingua/openai-schema';
import type { GatewayReply } from './gateway-exchange.js';

/** A JSON reply. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GatewayReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** An OpenAI error envelope as a reply. */
export function errorResponse(error: OpenAIErrorResponse, headers: Record<string, string> = {}): GatewayReply {
  return jsonResponse(error.status, error.body, headers);
}
