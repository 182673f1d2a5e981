/**
 * The hub's `anthropic_block_order` extension: the order of an Anthropic assistant turn's content blocks, carried
 * beside the chat message that splits them into `thinking_blocks`, `content`, `anthropic_blocks` and `tool_calls`.
 * Written by the Anthropic reply mapper and stream transducer and by the Messages API front; read by the Anthropic
 * request mapper and the Messages API front.
 *
 * One entry per block, in reply order:
 * - `thinking` / `redacted_thinking`: the next `thinking_blocks` entry (of that type);
 * - `text:<n>`: the next n UTF-16 code units of `content` (one text block); a text block with citations is the object
 *   `{type: 'text', length: n, citations: [...]}` instead, its citations verbatim (OpenAI annotations keep only a
 *   web citation's url and title; the block is replayed with them as it came);
 * - `tool_use`: the next `tool_calls` entry;
 * - any other block type: the next `anthropic_blocks` entry (of that type).
 *
 * It is written when the reply interleaves thinking (a thinking block after another kind of block) — models that
 * check thinking-block prefixes reject a turn whose thinking blocks moved
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks) — or when a text block has
 * citations (which the chat message has no lossless place for). Every other reply goes back unchanged in the request
 * side's default order (thinking, text, `anthropic_blocks`, tool calls), or close enough that nothing checks it.
 */

/** The extension field's name on a hub assistant message (and on the finish chunk's delta of a stream). */
export const ANTHROPIC_BLOCK_ORDER_FIELD = 'anthropic_block_order';

const TEXT_PREFIX = 'text:';

/** One block of the order: a type (`text:<n>` for text) or a text block with its citations. */
export type AnthropicBlockOrderEntry = string | { type: 'text'; length: number; citations: unknown[] };

function textEntry(length: number, citations: readonly unknown[] | null | undefined): AnthropicBlockOrderEntry {
  return citations && citations.length > 0 ? { type: 'text', length, citations: [...citations] } : TEXT_PREFIX + length;
}

function isThinkingType(type: string): boolean {
  return type === 'thinking' || type === 'redacted_thinking';
}

/** Records block types as a reply's blocks come (in a stream: as they start); bounded by the reply's block count. */
export class AnthropicBlockOrderRecorder {
  readonly entries: AnthropicBlockOrderEntry[] = [];
  private sawOther = false;
  private interleaved = false;
  private cited = false;

  /**
   * A block of `type`; for a text block, its text's UTF-16 length and its citations. Returns the entry's position.
   */
  add(type: string, textLength = 0, citations?: readonly unknown[] | null): number {
    if (isThinkingType(type)) {
      if (this.sawOther) this.interleaved = true;
    } else this.sawOther = true;
    if (citations && citations.length > 0) this.cited = true;
    return this.entries.push(type === 'text' ? textEntry(textLength, citations) : type) - 1;
  }

  /** Sets the text block recorded at `position` (a stream knows its length and citations at the block's end). */
  setText(position: number, textLength: number, citations?: readonly unknown[] | null): void {
    if (citations && citations.length > 0) this.cited = true;
    this.entries[position] = textEntry(textLength, citations);
  }

  /** The `anthropic_block_order` to send, or `undefined` when the default replay order will do. */
  result(): AnthropicBlockOrderEntry[] | undefined {
    return this.interleaved || this.cited ? this.entries : undefined;
  }
}

/**
 * A text entry's length and citations; `undefined` for an entry of another block type (a string); a message saying
 * what is wrong for anything else.
 */
function readTextEntry(entry: unknown): { length: number; citations: unknown[] | undefined } | string | undefined {
  if (typeof entry === 'string') {
    if (!entry.startsWith(TEXT_PREFIX)) return undefined;
    const digits = entry.slice(TEXT_PREFIX.length);
    return /^(0|[1-9]\d{0,15})$/.test(digits) ? { length: Number(digits), citations: undefined } : `"${entry.slice(0, 40)}" is not a text length`;
  }
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
    const { type, length, citations } = entry as Record<string, unknown>;
    if (type === 'text' && typeof length === 'number' && Number.isSafeInteger(length) && length >= 0 && Array.isArray(citations)) return { length, citations };
  }
  // The client's value, shortened: it goes into a warning.
  const shown = JSON.stringify(entry) ?? String(entry);
  return `${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown} is not an entry of the block order`;
}

/** The blocks of an assistant message, sorted by where they come from. */
export interface AssistantBlockSources<Block extends { type: string }> {
  /** From `thinking_blocks`, all of them kept (a dropped one makes the order unusable). */
  thinking: readonly Block[];
  /** The message's text (`content` as a string, or its text parts joined); `null` when it is not plain text. */
  text: string | null;
  /** From `anthropic_blocks`. */
  carried: readonly Block[];
  /** From `tool_calls` (and a legacy `function_call`). */
  toolUses: readonly Block[];
}

export type OrderedAssistantBlocks<Block> = { ok: true; blocks: Block[] } | { ok: false; reason: string };

/**
 * The blocks in the order `order` records, each text segment made by `makeText` (which may drop a blank one), or why
 * the message no longer matches the order (then the caller uses the default order).
 */
export function orderAssistantBlocks<Block extends { type: string }>(
  order: unknown,
  sources: AssistantBlockSources<Block>,
  makeText: (text: string, citations: unknown[] | undefined) => Block | null,
): OrderedAssistantBlocks<Block> {
  if (!Array.isArray(order)) return { ok: false, reason: 'it is not an array' };
  const blocks: Block[] = [];
  let thinking = 0;
  let carried = 0;
  let toolUses = 0;
  let textOffset = 0;
  for (const entry of order as unknown[]) {
    const text = readTextEntry(entry);
    if (typeof text === 'string') return { ok: false, reason: text };
    if (text !== undefined) {
      if (sources.text === null) return { ok: false, reason: 'the content is not plain text' };
      const end = textOffset + text.length;
      if (end > sources.text.length) return { ok: false, reason: 'the content is shorter than its text entries' };
      const block = makeText(sources.text.slice(textOffset, end), text.citations);
      if (block) blocks.push(block);
      textOffset = end;
    } else if (isThinkingType(entry as string)) {
      const block = sources.thinking[thinking++];
      if (!block || block.type !== entry) return { ok: false, reason: 'the thinking_blocks do not match' };
      blocks.push(block);
    } else if (entry === 'tool_use') {
      const block = sources.toolUses[toolUses++];
      if (!block) return { ok: false, reason: 'the tool calls do not match' };
      blocks.push(block);
    } else {
      const block = sources.carried[carried++];
      if (!block || block.type !== entry) return { ok: false, reason: 'the anthropic_blocks do not match' };
      blocks.push(block);
    }
  }
  if (thinking !== sources.thinking.length) return { ok: false, reason: 'the thinking_blocks do not match' };
  if (carried !== sources.carried.length) return { ok: false, reason: 'the anthropic_blocks do not match' };
  if (toolUses !== sources.toolUses.length) return { ok: false, reason: 'the tool calls do not match' };
  if (textOffset !== (sources.text ?? '').length) return { ok: false, reason: 'the content is longer than its text entries' };
  return { ok: true, blocks };
}
