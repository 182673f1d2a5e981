import type { OpenAIErrorResponse } from '@interlingua/openai-schema';

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** An OpenAI error envelope as a response. */
export function errorResponse(error: OpenAIErrorResponse, headers: Record<string, string> = {}): Response {
  return jsonResponse(error.status, error.body, headers);
}
