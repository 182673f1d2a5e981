import { createOpenAIError, type TranslationEnvironment } from '@interlingua/openai-schema';
import {
  convertChatCompletionToResponse,
  convertResponsesRequestToChat,
  identifyResponse,
  responseIdBase,
  translateHubErrorForResponses,
  translateHubWarningForResponses,
  type HubPathEntry,
  type ResponsesTranslationContext,
} from '@interlingua/responses-mapper';
import { parseResponsesRequest, type ResponseInputItem, type ResponseObject, type ResponseOutputItem } from '@interlingua/responses-schema';
import { createResponsesTranscoder } from '@interlingua/responses-transducer';
import type { GatewayRequest } from '../gateway-exchange.js';
import { identifyResponseOwner, ownsStoredResponse } from '../store/identify-response-owner.js';
import type { ResponseStore, StoredResponse } from '../store/response-store.js';
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

/** The response an item id of this gateway belongs to: `msg_<base>_<n>` (or `_in<n>`, `rs_`, `fc_`, `fco_`) → `resp_<base>`. */
const ITEM_ID = /^(?:msg|rs|fc|fco|item)_([A-Za-z0-9-]+)_(?:in)?\d+$/;

/**
 * Replaces `item_reference` inputs by the stored items they name (an item of a stored response's output or input).
 * An id this gateway did not mint, or whose response is not stored, is a 400 `item_not_found` naming `input[i]`.
 */
async function resolveItemReferences(
  input: string | ResponseInputItem[] | undefined,
  lookUp: (id: string) => Promise<StoredResponse | undefined>,
  store: ResponseStore | undefined,
): Promise<{ ok: true; input: string | ResponseInputItem[] | undefined } | { ok: false; error: ReturnType<typeof createOpenAIError>['body'] }> {
  if (!Array.isArray(input) || !input.some((item) => item.type === 'item_reference')) return { ok: true, input };
  const out: ResponseInputItem[] = [];
  for (const [i, item] of input.entries()) {
    if (item.type !== 'item_reference') {
      out.push(item);
      continue;
    }
    const base = ITEM_ID.exec(item.id)?.[1];
    const stored = base ? await lookUp(`resp_${base}`) : undefined;
    const found = stored && [...stored.response.output, ...stored.inputItems].find((candidate) => candidate.id === item.id);
    if (!found) {
      return {
        ok: false,
        error: createOpenAIError(400, `Item with id '${item.id}' not found${store ? '' : ' (this gateway keeps no responses: its response store is off)'}.`, {
          param: `input[${i}]`,
          code: 'item_not_found',
        }).body,
      };
    }
    out.push(found as ResponseInputItem);
  }
  return { ok: true, input: out };
}

/** What the front carries from the request to the reply. */
interface ResponsesFrontContext {
  responses: ResponsesTranslationContext;
  input: string | ResponseInputItem[] | undefined;
  history: Array<ResponseInputItem | ResponseOutputItem>;
  /** Where each path of the hub request came from in the client's (errors about the hub request name the client's). */
  paths: HubPathEntry[];
  /** Who the response will belong to in the store (`identifyResponseOwner`). */
  owner: string | undefined;
}

/**
 * `POST /v1/responses`: the OpenAI Responses API in front of every upstream. The request becomes a hub request
 * (`@interlingua/responses-mapper`), the hub's reply a Response, the hub's stream Responses events
 * (`@interlingua/responses-transducer`); routing, auth, limits, upstream calls and faults are the gateway's. The
 * Responses API answers HTTP errors in OpenAI's error envelope, so errors keep it; once the request is mapped, an
 * error's `param` names the path in the client's request (`translateHubErrorForResponses`).
 */
export function createResponsesFront(options: ResponsesFrontOptions): ClientFront {
  const { store } = options;
  const keep = async (context: ResponsesFrontContext, response: ResponseObject): Promise<void> => {
    if (!store || !context.responses.echo.store) return;
    const input = toItemResources(context.input, responseIdBase(context.responses));
    const conversation = [...context.history, ...(typeof context.input === 'string' ? [{ role: 'user' as const, content: context.input }] : (context.input ?? [])), ...response.output];
    const entry: StoredResponse = { response, inputItems: input, conversation };
    if (context.owner !== undefined) entry.owner = context.owner;
    await store.put(entry).catch((error: unknown) => options.onStoreError?.(error));
  };
  return {
    api: 'responses',
    // An OpenAI-compatible upstream configured with `responsesApi: true` gets Responses requests unchanged.
    nativeUpstream: 'openai-compatible',
    readsHubFrames: true,
    async toChatRequest(body, exchange: GatewayRequest) {
      const parsed = parseResponsesRequest(body);
      if (!parsed.ok) return { ok: false, status: parsed.status, body: parsed.error, warnings: [] };
      const request = parsed.value;
      // Only a store needs to know who is asking: a response stored with another credential is not found.
      const owner = store ? await identifyResponseOwner(exchange) : undefined;
      const lookUp = async (id: string) => {
        const stored = store ? await store.get(id) : undefined;
        return stored && ownsStoredResponse(stored, owner) ? stored : undefined;
      };
      let history: Array<ResponseInputItem | ResponseOutputItem> = [];
      if (typeof request.previous_response_id === 'string') {
        const stored = await lookUp(request.previous_response_id);
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
      const resolved = await resolveItemReferences(request.input, lookUp, store);
      if (!resolved.ok) return { ok: false, status: 400, body: resolved.error, warnings: [] };
      if (resolved.input !== request.input) request.input = resolved.input;
      const mapped = convertResponsesRequestToChat(request, {
        validated: true,
        strict: options.strict,
        ...(typeof request.previous_response_id === 'string' ? { history } : {}),
      });
      if (!mapped.ok) return { ok: false, status: mapped.status, body: mapped.error, warnings: mapped.warnings };
      const context: ResponsesFrontContext = { responses: mapped.context, input: request.input, history, paths: mapped.paths, owner };
      return { ok: true, request: mapped.request, context, warnings: mapped.warnings };
    },
    toClientWarnings: (warnings, context) => {
      const paths = (context as ResponsesFrontContext).paths;
      return warnings.map((warning) => translateHubWarningForResponses(warning, paths));
    },
    toClientError: (status, envelope, context) => {
      const paths = (context as ResponsesFrontContext | undefined)?.paths;
      return { status, body: paths ? translateHubErrorForResponses(envelope, paths) : envelope };
    },
    async toClientReply(completion, context, environment: TranslationEnvironment) {
      const front = context as ResponsesFrontContext;
      const responses = identifyResponse(front.responses, environment);
      const { response, warnings } = convertChatCompletionToResponse(completion, { context: responses, environment });
      // Stored before the reply leaves, so a follow-up (or a GET) right after it finds the response.
      await keep({ ...front, responses }, response);
      return { ok: true, body: response, warnings };
    },
    createStreamTranscoder(context, environment, streamOptions) {
      const front = context as ResponsesFrontContext;
      const responses = identifyResponse(front.responses, environment);
      // A stream's response is stored when its terminal event is produced (the write is not awaited by the stream).
      return createResponsesTranscoder(responses, environment, {
        onResponse: (response) => void keep({ ...front, responses }, response),
        ...(streamOptions?.encodeUtf8 ? { encodeUtf8: streamOptions.encodeUtf8 } : {}),
        ...(streamOptions?.createUtf8Decoder ? { createUtf8Decoder: streamOptions.createUtf8Decoder } : {}),
      });
    },
  };
}
