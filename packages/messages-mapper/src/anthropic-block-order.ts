import type { MessagesContentBlock } from '@interlingua/messages-schema';

/**
 * The hub's `anthropic_block_order` extension on an assistant message: the order of the Anthropic blocks the message
 * splits into `thinking_blocks`, `content` and `tool_calls`, one entry per block:
 * - `thinking` / `redacted_thinking`: the next `thinking_blocks` entry (of that type);
 * - `text:<n>`: the next n UTF-16 code units of `content` (one text block); a text block with citations is
 *   `{type: 'text', length: n, citations: [...]}`, its citations verbatim;
 * - `tool_use`: the next `tool_calls` entry;
 * - any other block type: the next `anthropic_blocks` entry, which the Messages API front neither accepts nor emits.
 *
 * It exists only for turns that interleave thinking (a thinking block after a text or tool_use block): the default
 * order (thinking, text, tool calls) reproduces every other turn, and models that check thinking-block prefixes
 * reject a turn whose thinking blocks moved
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks).
 */
export const ANTHROPIC_BLOCK_ORDER_FIELD = 'anthropic_block_order';

const TEXT_PREFIX = 'text:';

/** One entry of the order: a block type (`text:<n>` for text), or a text block with its citations. */
export type BlockOrderEntry = string | { type: 'text'; length: number; citations: unknown[] };

function isThinkingEntry(entry: BlockOrderEntry): boolean {
  return entry === 'thinking' || entry === 'redacted_thinking';
}

/** The entry of a text block of `length` UTF-16 code units (with its citations, when it has some). */
export function textEntry(length: number, citations?: readonly unknown[] | null): BlockOrderEntry {
  return citations && citations.length > 0 ? { type: 'text', length, citations: [...citations] } : TEXT_PREFIX + length;
}

/** `entries` when a thinking entry follows another kind, else `undefined` (the default order already matches). */
export function interleavedBlockOrder(entries: readonly BlockOrderEntry[]): BlockOrderEntry[] | undefined {
  const firstOther = entries.findIndex((entry) => !isThinkingEntry(entry));
  return firstOther >= 0 && entries.slice(firstOther + 1).some(isThinkingEntry) ? [...entries] : undefined;
}

/** A text entry's length and citations; `undefined` for another block type; a message for anything else. */
function readTextEntry(entry: unknown): { length: number; citations: unknown[] | null } | string | undefined {
  if (typeof entry === 'string') {
    if (!entry.startsWith(TEXT_PREFIX)) return undefined;
    const digits = entry.slice(TEXT_PREFIX.length);
    return /^(0|[1-9]\d{0,15})$/.test(digits) ? { length: Number(digits), citations: null } : `"${entry}" is not a text length`;
  }
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
    const { type, length, citations } = entry as Record<string, unknown>;
    if (type === 'text' && typeof length === 'number' && Number.isSafeInteger(length) && length >= 0 && Array.isArray(citations)) return { length, citations };
  }
  return `${JSON.stringify(entry)} is not an entry of the block order`;
}

/** The blocks of a reply message, by where they come from. */
export interface ReplyBlockSources {
  /** One per `thinking_blocks` entry, all of them. */
  thinking: readonly MessagesContentBlock[];
  /** `content` (`''` when there is none). */
  text: string;
  /** One per tool call, all of them. */
  toolUses: readonly MessagesContentBlock[];
}

export type OrderedReplyBlocks = { ok: true; blocks: MessagesContentBlock[] } | { ok: false; reason: string };

/**
 * The reply's blocks in the order `order` records (an empty text segment is left out, as the default order leaves
 * out empty text), or why the message does not match it exactly.
 */
export function orderReplyBlocks(order: unknown, sources: ReplyBlockSources): OrderedReplyBlocks {
  if (!Array.isArray(order)) return { ok: false, reason: 'it is not an array' };
  const blocks: MessagesContentBlock[] = [];
  let thinking = 0;
  let toolUses = 0;
  let textOffset = 0;
  for (const entry of order as unknown[]) {
    const text = readTextEntry(entry);
    if (typeof text === 'string') return { ok: false, reason: text };
    if (text !== undefined) {
      const end = textOffset + text.length;
      if (end > sources.text.length) return { ok: false, reason: 'the content is shorter than its text entries' };
      if (end > textOffset) blocks.push({ type: 'text', text: sources.text.slice(textOffset, end), citations: text.citations });
      textOffset = end;
    } else if (isThinkingEntry(entry as string)) {
      const block = sources.thinking[thinking++];
      if (!block || block.type !== entry) return { ok: false, reason: 'the thinking_blocks do not match' };
      blocks.push(block);
    } else if (entry === 'tool_use') {
      const block = sources.toolUses[toolUses++];
      if (!block) return { ok: false, reason: 'the tool calls do not match' };
      blocks.push(block);
    } else {
      return { ok: false, reason: `a Message has no form for its "${entry}" block (anthropic_blocks)` };
    }
  }
  if (thinking !== sources.thinking.length) return { ok: false, reason: 'the thinking_blocks do not match' };
  if (toolUses !== sources.toolUses.length) return { ok: false, reason: 'the tool calls do not match' };
  if (textOffset !== sources.text.length) return { ok: false, reason: 'the content is longer than its text entries' };
  return { ok: true, blocks };
}
