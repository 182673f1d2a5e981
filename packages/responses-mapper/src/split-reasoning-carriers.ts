import type { ChatCompletionMessage, ChatCompletionThinkingBlock } from '@interlingua/openai-schema';
import { HUB_MESSAGE_FIELDS, isEmptyCarrier, splitMessageExtraContent, type ReasoningCarrier } from './reasoning-carrier.js';

/**
 * Where a reply's signed reasoning goes in the Response: the **lead** reasoning item (before the message) holds
 * what comes with the thinking itself — Anthropic `thinking_blocks`, Gemini signatures of thought parts
 * (`part: 'reasoning'`); a **tail** reasoning item (after the message and function calls, summary empty) holds what
 * comes with the answer — Gemini signatures of text parts (`content`, `trailing`) and of function calls, and any
 * other message `extra_content`, and the message's other extension fields (`anthropic_blocks`, `images`, …). The stream transducer sorts what arrives the same way, so a streamed Response
 * equals the non-streamed one; the request side merges every carrier of a turn back into one hub message.
 */
export function splitReasoningCarriers(message: Pick<ChatCompletionMessage, 'thinking_blocks' | 'tool_calls'> & { extra_content?: unknown }): {
  lead: ReasoningCarrier;
  tail: ReasoningCarrier;
} {
  const lead: ReasoningCarrier = {};
  const tail: ReasoningCarrier = {};
  const blocks = message.thinking_blocks as ChatCompletionThinkingBlock[] | undefined;
  if (blocks?.length) lead.thinking_blocks = blocks;
  const { thoughtSignatures, rest } = splitMessageExtraContent(message.extra_content);
  const leadSignatures = thoughtSignatures.filter((signature) => signature.part === 'reasoning');
  const tailSignatures = thoughtSignatures.filter((signature) => signature.part !== 'reasoning');
  if (leadSignatures.length) lead.thought_signatures = leadSignatures;
  if (tailSignatures.length) tail.thought_signatures = tailSignatures;
  if (rest) tail.extra_content = rest;
  for (const call of message.tool_calls ?? []) {
    const extra = (call as { extra_content?: unknown }).extra_content;
    if (typeof extra === 'object' && extra !== null && !Array.isArray(extra)) {
      tail.tool_calls ??= {};
      tail.tool_calls[call.id] = extra as { [key: string]: unknown };
    }
  }
  for (const [field, value] of Object.entries(message)) {
    if (HUB_MESSAGE_FIELDS.has(field) || value === undefined || value === null) continue;
    tail.extensions ??= {};
    tail.extensions[field] = value;
  }
  return { lead, tail };
}

export { isEmptyCarrier };
