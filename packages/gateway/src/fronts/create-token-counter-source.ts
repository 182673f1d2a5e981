import type { GatewayTokenCounter, TokenCounter } from './estimate-chat-request-tokens.js';

/** The gateway's tokenizer as the requests that estimate ask for it. */
export interface TokenCounterSource {
  /** Named in the `x-interlingua-token-count` header. */
  readonly encoding: string;
  /** The counter once it is there; while it loads, the one load in flight (a failed load is tried again next time). */
  get(): TokenCounter | Promise<TokenCounter>;
}

/**
 * One source per gateway for `GatewayOptions.tokenCounter` (a source given is returned as it is). A counter given at
 * once is what `get` returns; a loader is called when a request first needs an estimate, requests arriving meanwhile
 * wait for the same load, and the loaded counter is kept. A load that fails (or gives something that is not a
 * function) rejects the requests waiting for it, and the next request tries again.
 */
export function createTokenCounterSource(counter: GatewayTokenCounter | TokenCounterSource): TokenCounterSource {
  if ('get' in counter) return counter;
  if ('countTokens' in counter) {
    const countTokens = counter.countTokens;
    return { encoding: counter.encoding, get: () => countTokens };
  }
  const { encoding, load } = counter;
  let loaded: TokenCounter | undefined;
  let loading: Promise<TokenCounter> | undefined;
  return {
    encoding,
    get() {
      if (loaded) return loaded;
      loading ??= load().then(
        (countTokens) => {
          loading = undefined;
          if (typeof countTokens !== 'function') throw new TypeError(`The ${encoding} tokenizer's loader gave ${typeof countTokens}, not a function.`);
          loaded = countTokens;
          return countTokens;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
