import type { ResponseStore, StoredResponse } from './response-store.js';

export interface MemoryResponseStoreOptions {
  /** Most responses kept; the oldest go first. Default 1000. */
  maxEntries?: number;
  /** Most bytes kept (JSON size of the entries); the oldest go first. Default 64 MiB. */
  maxBytes?: number;
  /** How long a response is kept, in milliseconds. Default 1 hour. */
  ttlMs?: number;
  /** The clock (milliseconds); default `Date.now`. */
  now?: () => number;
}

/**
 * The embedded response store: one process's memory, bounded in entries and bytes, entries expiring after a TTL.
 * Responses do not survive a restart and are not shared between processes (or Worker isolates); a persistent store
 * does that. Copies go in and out (JSON), so callers never share objects with it.
 */
export function createMemoryResponseStore(options: MemoryResponseStoreOptions = {}): ResponseStore {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  // Insertion order is age order (a re-put moves an entry to the end).
  const entries = new Map<string, { json: string; expires: number }>();
  let bytes = 0;
  const remove = (id: string): boolean => {
    const entry = entries.get(id);
    if (!entry) return false;
    bytes -= entry.json.length;
    entries.delete(id);
    return true;
  };
  const evict = (): void => {
    const time = now();
    for (const [id, entry] of entries) {
      if (entries.size > maxEntries || bytes > maxBytes || entry.expires <= time) remove(id);
      else break;
    }
  };
  return {
    async get(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        remove(id);
        return undefined;
      }
      return JSON.parse(entry.json) as StoredResponse;
    },
    async put(stored) {
      const json = JSON.stringify(stored);
      remove(stored.response.id);
      if (json.length > maxBytes) return;
      entries.set(stored.response.id, { json, expires: now() + ttlMs });
      bytes += json.length;
      evict();
    },
    async delete(id) {
      return remove(id);
    },
  };
}
