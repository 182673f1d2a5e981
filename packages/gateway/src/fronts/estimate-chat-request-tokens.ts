import type { ChatCompletionRequest } from '@interlingua/openai-schema';

/** Counts the tokens of a text (an encoder's `countTokens`). */
export type TokenCounter = (text: string) => number;

/**
 * A tokenizer for estimates (`GatewayOptions.tokenCounter`), e.g. gpt-tokenizer's o200k_base, given either at once,
 * `{ encoding: 'o200k_base', countTokens }` with the `countTokens` of gpt-tokenizer's `encoding/o200k_base` module, or
 * as a loader the gateway calls the first time it needs an estimate, `{ encoding: 'o200k_base', load }`, where `load`
 * imports that module dynamically and resolves with its `countTokens`. A rank table costs tens of MiB of memory
 * (o200k_base: about 20 MiB of heap and 65 MiB of RSS in Node 20), so the Node adapter passes the loader; the Worker
 * has none.
 */
export type GatewayTokenCounter =
  | {
      /** Named in the `x-interlingua-token-count` header. */
      encoding: string;
      countTokens: TokenCounter;
    }
  | {
      /** Named in the `x-interlingua-token-count` header. */
      encoding: string;
      /** Loads the counter when it is first needed; a failed load is tried again by the next request that needs it. */
      load: () => Promise<TokenCounter>;
    };

/**
 * OpenAI's documented per-message overhead for its chat models (the "How to count tokens with tiktoken" guide of the
 * OpenAI cookbook): 3 tokens per message, 1 more for a `name`, and 3 to prime the reply.
 */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;
/** An image's cost at OpenAI's low detail (its vision guide): the estimate cannot see the image's size. */
const TOKENS_PER_IMAGE = 85;

function textOf(content: unknown, counter: TokenCounter): { tokens: number; files: number } {
  if (typeof content === 'string') return { tokens: counter(content), files: 0 };
  let tokens = 0;
  let files = 0;
  for (const part of Array.isArray(content) ? content : []) {
    const record = part as { type?: unknown; text?: unknown; refusal?: unknown };
    if (record.type === 'text' && typeof record.text === 'string') tokens += counter(record.text);
    else if (record.type === 'refusal' && typeof record.refusal === 'string') tokens += counter(record.refusal);
    else if (record.type === 'image_url') tokens += TOKENS_PER_IMAGE;
    else files++;
  }
  return { tokens, files };
}

/**
 * An estimate of a Chat Completions request's input tokens with an OpenAI encoder: every message's text (content,
 * reasoning, tool-call names and arguments), the tools' JSON, the per-message overhead, 85 tokens per image; files
 * (PDFs, audio) are not counted (`uncountedParts` says how many). An estimate: the upstream's own tokenizer differs.
 */
export function estimateChatRequestTokens(request: ChatCompletionRequest, counter: TokenCounter): { tokens: number; uncountedParts: number } {
  let tokens = REPLY_PRIMING_TOKENS;
  let uncountedParts = 0;
  for (const message of request.messages) {
    tokens += TOKENS_PER_MESSAGE;
    const record = message as Record<string, unknown>;
    if (typeof record['name'] === 'string') tokens += TOKENS_PER_NAME + counter(record['name']);
    const content = textOf(record['content'], counter);
    tokens += content.tokens;
    uncountedParts += content.files;
    if (typeof record['reasoning_content'] === 'string') tokens += counter(record['reasoning_content']);
    for (const call of Array.isArray(record['tool_calls']) ? record['tool_calls'] : []) {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } }).function;
      if (typeof fn?.name === 'string') tokens += counter(fn.name);
      if (typeof fn?.arguments === 'string') tokens += counter(fn.arguments);
    }
  }
  if (request.tools && request.tools.length > 0) tokens += counter(JSON.stringify(request.tools));
  return { tokens, uncountedParts };
}

