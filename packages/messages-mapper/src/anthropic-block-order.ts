import type { MessagesContentBlock } from '@interlingua/messages-schema';
import { orderAssistantBlocks, type OrderedAssistantBlocks } from '@interlingua/openai-schema';

/**
 * The Messages side of the hub's `anthropic_block_order` extension (`anthropic-block-order.ts` in
 * `@interlingua/openai-schema`): an Anthropic assistant turn that interleaves thinking keeps its block order through
 * the hub, because models that check thinking-block prefixes reject a turn whose thinking blocks moved
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks). A Message holds no
 * `anthropic_blocks` (server tools are refused on the translated path), so an order that names one does not match.
 */

/** The blocks of a reply message, by where they come from. */
export interface ReplyBlockSources {
  /** One per `thinking_blocks` entry, all of them. */
  thinking: readonly MessagesContentBlock[];
  /** `content` (`''` when there is none). */
  text: string;
  /** One per tool call, all of them. */
  toolUses: readonly MessagesContentBlock[];
}

/** A text segment as a Message text block (an empty one left out, as the default order leaves out empty text). */
function textBlock(text: string, citations: unknown[] | undefined): MessagesContentBlock | null {
  return text === '' ? null : { type: 'text', text, citations: citations ?? null };
}

/** The reply's blocks in the order `order` records, or why the message does not match it exactly. */
export function orderReplyBlocks(order: unknown, sources: ReplyBlockSources): OrderedAssistantBlocks<MessagesContentBlock> {
  return orderAssistantBlocks<MessagesContentBlock>(order, { thinking: sources.thinking, text: sources.text, carried: [], toolUses: sources.toolUses }, textBlock);
}
