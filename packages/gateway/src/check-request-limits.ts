import { createOpenAIError, type OpenAIErrorResponse } from '@interlingua/openai-schema';
import type { ResolvedGatewayLimits } from './resolve-gateway-limits.js';

/** Decoded size of a `data:` URL's payload: estimated from the base64 length, or the raw length otherwise. */
export function estimateDataUrlBytes(url: string): number {
  const comma = url.indexOf(',');
  if (comma < 0) return 0;
  const header = url.slice(0, comma);
  const payloadLength = url.length - comma - 1;
  if (!/;base64$/i.test(header)) return payloadLength;
  let padding = 0;
  if (url.endsWith('==')) padding = 2;
  else if (url.endsWith('=')) padding = 1;
  return Math.max(0, Math.floor((payloadLength * 3) / 4) - padding);
}

/** The total decoded bytes of the inline (`data:` URL) images of a request's messages. */
export function countInlineImageBytes(messages: readonly unknown[]): number {
  let total = 0;
  for (const message of messages) {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      if ((part as { type?: unknown })?.type !== 'image_url') continue;
      const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
      if (typeof url === 'string' && url.startsWith('data:')) total += estimateDataUrlBytes(url);
    }
  }
  return total;
}

/**
 * Checks the limits that need the parsed request: the number of messages and the total inline image bytes. Both
 * answer 413 (the request is too large to be served), naming `messages` as the parameter.
 */
export function checkRequestLimits(messages: readonly unknown[], limits: ResolvedGatewayLimits): OpenAIErrorResponse | undefined {
  if (messages.length > limits.maxMessages) {
    return createOpenAIError(413, `The request has ${messages.length} messages; this gateway accepts at most ${limits.maxMessages}.`, {
      param: 'messages',
      code: 'too_many_messages',
    });
  }
  const imageBytes = countInlineImageBytes(messages);
  if (imageBytes > limits.maxImageBytes) {
    return createOpenAIError(
      413,
      `The inline images of the request hold about ${imageBytes} bytes; this gateway accepts at most ${limits.maxImageBytes}.`,
      { param: 'messages', code: 'images_too_large' },
    );
  }
  return undefined;
}
