import type { ResponseStore, StoredResponse } from './response-store.js';

/** What the KV store needs of a Workers KV namespace binding (`KVNamespace`). */
export interface KvLikeNamespace {
  get(key: string, type: 'text'): Promise<string | null>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

export interface KvResponseStoreOptions {
  /** Key prefix (default `response:`). */
  keyPrefix?: string;
  /** How long a response is kept, in seconds (KV `expirationTtl`, at least 60). Default 30 days. */
  ttlSeconds?: number;
}

/**
 * A response store in Workers KV: one key per response (JSON) with `expirationTtl`. KV is eventually consistent
 * across locations (a write can take up to about a minute to be seen elsewhere), so a follow-up with
 * `previous_response_id` served by another location right after the first turn may not find it and gets the
 * clear 400 `previous_response_not_found`; reads in the location that wrote are immediate. A Durable Object is the
 * strongly consistent alternative. `delete` answers true when the key existed when it was read.
 */
export function createKvResponseStore(namespace: KvLikeNamespace, options: KvResponseStoreOptions = {}): ResponseStore {
  const prefix = options.keyPrefix ?? 'response:';
  const ttl = Math.max(60, options.ttlSeconds ?? 30 * 24 * 60 * 60);
  return {
    async get(id) {
      const json = await namespace.get(prefix + id, 'text');
      return json === null ? undefined : (JSON.parse(json) as StoredResponse);
    },
    async put(entry) {
      await namespace.put(prefix + entry.response.id, JSON.stringify(entry), { expirationTtl: ttl });
    },
    async delete(id) {
      const existed = (await namespace.get(prefix + id, 'text')) !== null;
      if (existed) await namespace.delete(prefix + id);
      return existed;
    },
  };
}
