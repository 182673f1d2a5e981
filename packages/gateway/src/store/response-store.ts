import type { ResponseInputItem, ResponseObject, ResponseOutputItem } from '@interlingua/responses-schema';

/** An input item as `GET /v1/responses/{id}/input_items` lists it: with an id (and a status where the spec wants one). */
export type ResponseItemResource = { id: string; type: string; [key: string]: unknown };

/** What a store keeps of one response (`store: true`, the default). Plain JSON. */
export interface StoredResponse {
  response: ResponseObject;
  /** The items the response was created from (this request's `input`), with ids. */
  inputItems: ResponseItemResource[];
  /**
   * The conversation a follow-up with `previous_response_id` continues, oldest first: the previous response's
   * conversation, this request's input, this response's output (the instructions are not carried over).
   */
  conversation: Array<ResponseInputItem | ResponseOutputItem>;
  /**
   * Who may read, continue or delete it: `sha256:<hex>` of the credential that created it (`identifyResponseOwner`);
   * absent when that request presented none. Entries stored before owners were kept have none.
   */
  owner?: string;
}

/**
 * Where the gateway keeps responses for `previous_response_id`, `GET /v1/responses/{id}` (and its input items) and
 * `DELETE /v1/responses/{id}`. Implementations: `createMemoryResponseStore` (the default: in-process, bounded,
 * with a TTL), and the persistent ones of the adapters.
 */
export interface ResponseStore {
  get(id: string): Promise<StoredResponse | undefined>;
  put(entry: StoredResponse): Promise<void>;
  /** True when something was deleted. */
  delete(id: string): Promise<boolean>;
}
