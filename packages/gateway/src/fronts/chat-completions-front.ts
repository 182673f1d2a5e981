import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import type { ClientFront } from './client-front.js';

/** `POST /v1/chat/completions`: the hub itself, so every step is the identity (after validation). */
export const chatCompletionsFront: ClientFront = {
  api: 'chat',
  toChatRequest(body) {
    const parsed = parseChatCompletionRequest(body);
    return parsed.ok
      ? { ok: true, request: parsed.value, context: undefined, warnings: [] }
      : { ok: false, status: parsed.status, body: parsed.error, warnings: [] };
  },
  toClientError: (status, envelope) => ({ status, body: envelope }),
  toClientReply: (completion) => ({ ok: true, body: completion, warnings: [] }),
};
