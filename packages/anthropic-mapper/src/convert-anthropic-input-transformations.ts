import type { TranslationWarning } from '@interlingua/openai-schema';

/** The beta value under which Anthropic takes `thinking.block_binding` and reports `input_transformations`. */
export const ANTHROPIC_THINKING_BINDING_BETA = 'thinking-binding-controls-2026-08-01';

/** Why Anthropic removed a thinking block (`thinking_dropped.reason`), in the warning's words. */
const DROP_REASONS: Record<string, string> = {
  model_binding_mismatch: 'it was made by a model whose reasoning this model may not read',
  prefix_binding_mismatch: 'the conversation before it differs from the one it was made in (system, tools or an earlier message changed, or a thinking block was left out or moved)',
  organization_binding_mismatch: 'it was made under a different organization',
  end_user_binding_mismatch: 'it was made for a different end user',
};

/**
 * Anthropic's `input_transformations` (what it changed in the request's input before the model saw it; reported under
 * the `thinking-binding-controls` beta) as warnings for the client: a `thinking_dropped` entry is a
 * `thinking_dropped` warning naming the client's field of the block (`thinkingBlockParams`, from the request
 * mapping: `messages[i].thinking_blocks[k]`), or `messages` with Anthropic's path when the block is not one the
 * mapping made; an entry of another type is an `input_transformation` warning carrying it. Not an array: nothing.
 * https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/fix-bound-to-a-different-conversation
 */
export function convertAnthropicInputTransformations(transformations: unknown, thinkingBlockParams: Readonly<Record<string, string>> | undefined): TranslationWarning[] {
  if (!Array.isArray(transformations) || transformations.length === 0) return [];
  const warnings: TranslationWarning[] = [];
  for (const entry of transformations as unknown[]) {
    const { type, path, reason } = (typeof entry === 'object' && entry !== null ? entry : {}) as { type?: unknown; path?: unknown; reason?: unknown };
    const at = typeof path === 'string' ? path : null;
    const param = at !== null ? thinkingBlockParams?.[at] : undefined;
    if (type === 'thinking_dropped') {
      const why = typeof reason === 'string' ? (DROP_REASONS[reason] ?? reason) : 'no reason given';
      const where = param === undefined && at !== null ? ` (Anthropic's ${at})` : '';
      warnings.push({ code: 'thinking_dropped', param: param ?? 'messages', message: `Anthropic dropped this thinking block${where} instead of showing it to the model: ${why}.` });
    } else {
      warnings.push({ code: 'input_transformation', param: param ?? 'messages', message: `Anthropic changed the request's input before the model saw it: ${JSON.stringify(entry)}.` });
    }
  }
  return warnings;
}
