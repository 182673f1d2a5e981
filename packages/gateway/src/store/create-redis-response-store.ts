import type { ResponseStore, StoredResponse } from './response-store.js';

/**
 * What the Redis store needs of a Redis client: node-redis (`redis` 4 and 5) has exactly these methods; for
 * ioredis pass `{ get: (k) => r.get(k), set: (k, v, { EX }) => r.set(k, v, 'EX', EX), del: (k) => r.del(k) }`.
 */
export interface RedisLikeClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: { EX: number }): Promise<unknown>;
  del(key: string): Promise<number>;
}

export interface RedisResponseStoreOptions {
  /** Key prefix (default `interlingua:response:`). */
  keyPrefix?: string;
  /** How long a response is kept, in seconds (Redis `EX`). Default 30 days, as OpenAI keeps responses. */
  ttlSeconds?: number;
}

/**
 * A response store in Redis: one string key per response (`<prefix><id>`, JSON) with a TTL, so every gateway process
 * behind a load balancer sees the same responses and they survive restarts. The gateway core stays free of any
 * Redis dependency: the caller passes its client.
 */
export function createRedisResponseStore(client: RedisLikeClient, options: RedisResponseStoreOptions = {}): ResponseStore {
  const prefix = options.keyPrefix ?? 'interlingua:response:';
  const ttl = options.ttlSeconds ?? 30 * 24 * 60 * 60;
  return {
    async get(id) {
      const json = await client.get(prefix + id);
      return json === null ? undefined : (JSON.parse(json) as StoredResponse);
    },
    async put(entry) {
      await client.set(prefix + entry.response.id, JSON.stringify(entry), { EX: ttl });
    },
    async delete(id) {
      return (await client.del(prefix + id)) > 0;
    },
  };
}
