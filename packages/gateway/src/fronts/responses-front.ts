import { createOpenAIError, type TranslationEnvironment } from '@interlingua/openai-schema';
import {
  convertChatCompletionToResponse,
  convertResponsesRequestToChat,
  identifyResponse,
  responseIdBase,
  type ResponsesTranslationContext,
} from '@interlingua/responses-mapper';
import { parseResponsesRequest, type ResponseInputItem, type ResponseObject, type ResponseOutputItem } from '@interlingua/responses-schema';
import { createResponsesTranscoder } from '@interlingua/responses-transducer';
import type { ResponseStore } from '../store/response-store.js';
import { toItemResources } from '../store/to-item-resources.js';
import type { ClientFront } from './client-front.js';

export interface ResponsesFrontOptions {
  /** Where responses are kept (`store: true`) and `previous_response_id` is looked up; absent: nothing is kept. */
  store?: ResponseStore;
  /** Unsupported parameters are a 400 instead of dropped with a warning. */
  strict: boolean;
  /** A store failure, for the log (the reply is sent anyway). */
  onStoreError?: (error: unknown) => void;
}

/** What the front carries from the request to the reply. */
interface ResponsesFrontContext {
  responses: ResponsesTranslationContext;
  input: string | ResponseInputItem[] | undefined;
  history: Array<ResponseInputItem | ResponseOutputItem>;
}

/**
 * `POST /v1/responses`: the OpenAI Responses API in front of every upstream. The request becomes a hub request
 * (`@interlingua/responses-mapper`), the hub's reply a Response, the hub's stream Responses events
 * (`@interlingua/responses-transducer`); routing, auth, limits, upstream calls and faults are the gateway's. The
 * Responses API answers HTTP errors in OpenAI's error envelope, so errors pass unchanged.
 */
export function createResponsesFront(options: ResponsesFrontOptions): ClientFront {
  const { store } = options;
  const keep = async (context: ResponsesFrontContext, response: ResponseObject): Promise<void> => {
    if (!store || !context.responses.echo.store) return;
    const input = toItemResources(context.input, responseIdBase(context.responses));
    const conversation = [...context.history, ...(typeof context.input === 'string' ? [{ role: 'user' as const, content: context.input }] : (context.input ?? [])), ...response.output];
    await store.put({ response, inputItems: input, conversation }).catch((error: unknown) => options.onStoreError?.(error));
  };
  return {
    api: 'responses',
    async toChatRequest(body) {
      const parsed = parseResponsesRequest(body);
      if (!parsed.ok) return { ok: false, status: parsed.status, body: parsed.error, warnings: [] };
      const request = parsed.value;
      let history: Array<ResponseInputItem | ResponseOutputItem> = [];
      if (typeof request.previous_response_id === 'string') {
        const stored = store ? await store.get(request.previous_response_id) : undefined;
        if (!stored) {
          const why = store ? '' : ' (this gateway keeps no responses: its response store is off)';
          return {
            ok: false,
            status: 400,
            body: createOpenAIError(400, `Previous response with id '${request.previous_response_id}' not found${why}.`, {
              param: 'previous_response_id',
              code: 'previous_response_not_found',
            }).body,
            warnings: [],
          };
        }
        history = stored.conversation;
      }
      const mapped = convertResponsesRequestToChat(request, {
        validated: true,
        strict: options.strict,
        ...(typeof request.previous_response_id === 'string' ? { history } : {}),
      });
      if (!mapped.ok) return { ok: false, status: mapped.status, body: mapped.error, warnings: mapped.warnings };
      const context: ResponsesFrontContext = { responses: mapped.context, input: request.input, history };
      return { ok: true, request: mapped.request, context, warnings: mapped.warnings };
    },
    toClientError: (status, envelope) => ({ status, body: envelope }),
    async toClientReply(completion, context, environment: TranslationEnvironment) {
      const front = context as ResponsesFrontContext;
      const responses = identifyResponse(front.responses, environment);
      const { response, warnings } = convertChatCompletionToResponse(completion, { context: responses, environment });
      // Stored before the reply leaves, so a follow-up (or a GET) right after it finds the response.
      await keep({ ...front, responses }, response);
      return { ok: true, body: response, warnings };
    },
    createStreamTranscoder(context, environment) {
      const front = context as ResponsesFrontContext;
      const responses = identifyResponse(front.responses, environment);
      // A stream's response is stored when its terminal event is produced (the write is not awaited by the stream).
      return createResponsesTranscoder(responses, environment, { onResponse: (response) => void keep({ ...front, responses }, response) });
    },
  };
}
