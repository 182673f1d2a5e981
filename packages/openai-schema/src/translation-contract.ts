/**
 * The contract every mapper and transducer shares.
 *
 * Determinism: nothing in a mapper or transducer reads a clock or a random source directly. Each takes a
 * `TranslationEnvironment`; production code uses `createDefaultEnvironment()`, tests and fixtures pass
 * `createFixedEnvironment()` so expected outputs compare byte for byte.
 */

/** The kinds of identifier a translation may need to invent. */
export type GeneratedIdKind =
  /** `chatcmpl-…`: the id of an OpenAI completion or chunk stream. */
  | 'chatcmpl'
  /** `call_…`: a tool-call id, when the upstream gives none (Gemini). */
  | 'call'
  /** `fp_…`: the `system_fingerprint`. */
  | 'fp';

export interface TranslationEnvironment {
  /** A fresh identifier of the given kind, including its prefix (`chatcmpl-…`, `call_…`, `fp_…`). */
  generateId(kind: GeneratedIdKind): string;
  /** The current Unix time in whole seconds (OpenAI's `created`). */
  now(): number;
}

/** One lossy or repairing step taken by a mapper: reported, never silent. */
export interface TranslationWarning {
  /** Stable machine-readable code, e.g. `parameter_dropped`, `temperature_clamped`, `schema_keyword_removed`. */
  code: string;
  /** The JSON path of the input it concerns, e.g. `temperature`, `tools[0].function.parameters.$schema`. */
  param: string;
  /** A sentence for humans. */
  message: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));

// Random text is made 4 KiB at a time: one `getRandomValues` call per id cost about 7% of a gateway request, and
// building an id a character at a time about 0.6 µs more. The pool is filled on first use, not at import (Workers
// allow randomness only while handling a request).
const POOL_SIZE = 4096;
let pool: Uint8Array | undefined;
let poolText = '';
let poolOffset = POOL_SIZE;

/** Random alphanumeric text from the Web Crypto API (available in Node ≥ 20, Workers, Deno and browsers). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    if (poolOffset >= POOL_SIZE) refillPool();
    const take = Math.min(length - out.length, POOL_SIZE - poolOffset);
    out += poolText.slice(poolOffset, poolOffset + take);
    poolOffset += take;
  }
  return out;
}

/** New random bytes, each mapped to a character of the alphabet (byte mod 62), as one string. */
function refillPool(): void {
  pool ??= new Uint8Array(POOL_SIZE);
  crypto.getRandomValues(pool);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = ALPHABET_CODES[pool[i]! % ALPHABET.length]!;
  let text = '';
  // In slices: a call's arguments are limited in number (the limit varies by engine; 1024 is far below any).
  for (let i = 0; i < POOL_SIZE; i += 1024) text += String.fromCharCode.apply(null, pool.subarray(i, i + 1024) as unknown as number[]);
  poolText = text;
  poolOffset = 0;
}

const PREFIX: Record<GeneratedIdKind, string> = { chatcmpl: 'chatcmpl-', call: 'call_', fp: 'fp_' };
const LENGTH: Record<GeneratedIdKind, number> = { chatcmpl: 29, call: 24, fp: 8 };

/** The production environment: random ids (as long as OpenAI's) and the wall clock. */
export function createDefaultEnvironment(): TranslationEnvironment {
  return DEFAULT_ENVIRONMENT;
}

/** The default environment holds no state: one frozen object serves every request. */
const DEFAULT_ENVIRONMENT: TranslationEnvironment = Object.freeze({
  generateId: (kind: GeneratedIdKind) => PREFIX[kind] + randomAlphanumeric(LENGTH[kind]),
  now: () => Math.floor(Date.now() / 1000),
});

export interface FixedEnvironmentOptions {
  /** Ids handed out in order, per kind; once a list runs out, `<prefix>fixture<n>` is returned. */
  ids?: Partial<Record<GeneratedIdKind, readonly string[]>>;
  /** The value of `now()`. Default 1700000000. */
  now?: number;
}

/** A deterministic environment for tests and fixtures. */
export function createFixedEnvironment(options: FixedEnvironmentOptions = {}): TranslationEnvironment {
  const counters: Record<GeneratedIdKind, number> = { chatcmpl: 0, call: 0, fp: 0 };
  const now = options.now ?? 1_700_000_000;
  return {
    generateId(kind) {
      const n = counters[kind]++;
      const listed = options.ids?.[kind]?.[n];
      return listed ?? `${PREFIX[kind]}fixture${n}`;
    },
    now: () => now,
  };
}
