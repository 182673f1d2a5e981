/**
 * Extension fields Interlingua adds to OpenAI messages for what Chat Completions has no form for (documented in the
 * package README, like `thinking_blocks`).
 *
 * - `anthropic_blocks` (reply message, stream delta, and accepted on request assistant messages): Anthropic content
 *   blocks with no OpenAI equivalent — `server_tool_use`, `web_search_tool_result`, `web_fetch_tool_result`,
 *   `code_execution_tool_result`, `mcp_tool_use`, `mcp_tool_result`, `container_upload`, unknown types — verbatim, in
 *   reply order. Sent back on the assistant message, they are replayed to Anthropic after its text and before its
 *   tool calls, so a paused server-tool turn can be continued.
 * - `anthropic_block_order` (reply message, the finish chunk's delta in a stream, and accepted on request assistant
 *   messages): present when the reply interleaves thinking with its other blocks (a thinking block after a text,
 *   tool or server-tool block), which the default replay order (thinking, text, `anthropic_blocks`, tool calls)
 *   would reorder, or when a text block has citations (kept verbatim in its entry). One entry per Anthropic block, in reply order — see `anthropic-block-order.ts`. Sent back
 *   with the assistant message, it makes the request side replay the blocks in that order: models that check
 *   thinking-block prefixes reject a turn whose thinking blocks moved.
 * - `anthropic_stop_reason` (reply message; the finish chunk's delta in a stream): `'pause_turn'` when Anthropic
 *   paused a long server-tool turn (`finish_reason` is `stop`): send the conversation back, ending with that
 *   assistant message, to continue.
 */
export const ANTHROPIC_BLOCKS_FIELD = 'anthropic_blocks';
export { ANTHROPIC_BLOCK_ORDER_FIELD } from '@interlingua/openai-schema';
export const ANTHROPIC_STOP_REASON_FIELD = 'anthropic_stop_reason';
