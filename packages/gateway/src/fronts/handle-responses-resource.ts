import { createOpenAIError } from '@interlingua/openai-schema';
import type { GatewayReply, GatewayRequest } from '../gateway-exchange.js';
import { errorResponse, jsonResponse } from '../json-response.js';
import { identifyResponseOwner, ownsStoredResponse } from '../store/identify-response-owner.js';
import type { ResponseStore } from '../store/response-store.js';

const RESOURCE = /^\/v1\/responses\/([^/]+)(\/input_items)?$/;

/** Whether a path is one of the stored-response routes (`/v1/responses/{id}`, `/v1/responses/{id}/input_items`). */
export function isResponsesResourcePath(path: string): boolean {
  return RESOURCE.test(path);
}

/**
 * `GET /v1/responses/{id}` (the stored Response), `DELETE /v1/responses/{id}` (`{id, object: 'response', deleted:
 * true}`), `GET /v1/responses/{id}/input_items` (a list page of the items it was created from, oldest first).
 * Unknown or expired ids, a response created with another credential, and a gateway without a store: 404 in
 * OpenAI's envelope (the same answer, so a response's existence is not told to another credential's holder).
 */
export async function handleResponsesResource(request: GatewayRequest, path: string, store: ResponseStore | undefined): Promise<GatewayReply> {
  const match = RESOURCE.exec(path);
  if (!match) return errorResponse(createOpenAIError(404, `No route for ${request.method} ${path}.`, { code: 'unknown_route' }));
  const id = decodeURIComponent(match[1]!);
  const listing = match[2] !== undefined;
  const allowed = listing ? 'GET' : 'GET, DELETE';
  if (request.method !== 'GET' && (listing || request.method !== 'DELETE')) {
    return errorResponse(createOpenAIError(405, `Method ${request.method} is not allowed on ${path}.`), { allow: allowed });
  }
  const notFound = () =>
    errorResponse(
      createOpenAIError(404, `No response found with id '${id}'${store ? '' : ' (this gateway keeps no responses: its response store is off)'}.`, {
        param: 'response_id',
        code: 'response_not_found',
      }),
    );
  if (!store) return notFound();
  const stored = await store.get(id);
  if (!stored || !ownsStoredResponse(stored, await identifyResponseOwner(request))) return notFound();
  if (request.method === 'DELETE') {
    return (await store.delete(id)) ? jsonResponse(200, { id, object: 'response', deleted: true }) : notFound();
  }
  if (!listing) return jsonResponse(200, stored.response);
  const data = stored.inputItems;
  return jsonResponse(200, {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: false,
  });
}
