/**
 * The client's field of each thinking block in the final Anthropic `messages`, keyed by the path Anthropic's
 * `input_transformations` names a block with (`messages.{i}.content.{j}`, the indexes of the body as sent), so a
 * block Anthropic dropped is reported as the client's `messages[m].thinking_blocks[k]`. `sources` maps each thinking
 * block object the mapping made to that field; blocks the escape hatch replaced are not found and are left out.
 */
export function locateThinkingBlockParams(messages: unknown, sources: ReadonlyMap<object, string>): Record<string, string> | undefined {
  if (!Array.isArray(messages)) return undefined;
  let located: Record<string, string> | undefined;
  messages.forEach((message: unknown, i) => {
    const content = (message as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) return;
    content.forEach((block: unknown, j) => {
      const param = typeof block === 'object' && block !== null ? sources.get(block) : undefined;
      if (param !== undefined) (located ??= {})[`messages.${i}.content.${j}`] = param;
    });
  });
  return located;
}
