/**
 * The order of an Anthropic reply's content blocks, carried beside the OpenAI message that splits them into
 * `thinking_blocks`, `content`, `anthropic_blocks` and `tool_calls` (the `anthropic_block_order` extension).
 *
 * One entry per block, in reply order:
 * - `thinking` / `redacted_thinking`: the next `thinking_blocks` entry (of that type);
 * - `text:<n>`: the next n UTF-16 code units of `content` (one text block);
 * - `tool_use`: the next `tool_calls` entry;
 * - any other block type: the next `anthropic_blocks` entry (of that type).
 *
 * It is written only when the reply interleaves thinking (a thinking block after another kind of block): the request
 * side's default order (thinking, text, `anthropic_blocks`, tool calls) replays every other reply unchanged, and
 * models that check thinking-block prefixes reject a turn whose thinking blocks moved
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/prefix-checks).
 */

const TEXT_PREFIX = 'text:';

function isThinkingType(type: string): boolean {
  return type === 'thinking' || type === 'redacted_thinking';
}

/** Records block types as a reply's blocks come (in a stream: as they start); bounded by the reply's block count. */
export class AnthropicBlockOrderRecorder {
  readonly entries: string[] = [];
  private sawOther = false;
  private interleaved = false;

  /** A block of `type`; `textLength` is the UTF-16 length of a text block's text. Returns the entry's position. */
  add(type: string, textLength = 0): number {
    if (isThinkingType(type)) {
      if (this.sawOther) this.interleaved = true;
    } else this.sawOther = true;
    return this.entries.push(type === 'text' ? TEXT_PREFIX + textLength : type) - 1;
  }

  /** Sets the length of the text block recorded at `position` (a stream knows it at the block's end). */
  setTextLength(position: number, textLength: number): void {
    this.entries[position] = TEXT_PREFIX + textLength;
  }

  /** The `anthropic_block_order` to send, or `undefined` when the default replay order reproduces the reply. */
  result(): string[] | undefined {
    return this.interleaved ? this.entries : undefined;
  }
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
  makeText: (text: string) => Block | null,
): OrderedAssistantBlocks<Block> {
  if (!Array.isArray(order) || !order.every((entry) => typeof entry === 'string')) {
    return { ok: false, reason: 'it is not an array of strings' };
  }
  const blocks: Block[] = [];
  let thinking = 0;
  let carried = 0;
  let toolUses = 0;
  let textOffset = 0;
  for (const entry of order as string[]) {
    if (entry.startsWith(TEXT_PREFIX)) {
      const digits = entry.slice(TEXT_PREFIX.length);
      if (!/^(0|[1-9]\d*)$/.test(digits)) return { ok: false, reason: `"${entry}" is not a text length` };
      if (sources.text === null) return { ok: false, reason: 'the content is not plain text' };
      const end = textOffset + Number(digits);
      if (end > sources.text.length) return { ok: false, reason: 'the content is shorter than its text entries' };
      const block = makeText(sources.text.slice(textOffset, end));
      if (block) blocks.push(block);
      textOffset = end;
    } else if (isThinkingType(entry)) {
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
