import type { ParsedModelId } from '@interlingua/openai-schema';

// Platform prefixes: `anthropic/` (routers), Bedrock `anthropic.` with an optional region (`us.`, `eu.`, `global.`…).
const PREFIX = /^(?:[a-z]+\/)*(?:(?:[a-z]{2,8}\.)?anthropic\.)?/;
// New style: claude-opus-4-7, claude-sonnet-4-5-20250929, claude-mythos-5-1, claude-opus-4.7 (routers' dotted form).
const NEW_STYLE = /^claude-(opus|sonnet|haiku|mythos|fable)-(\d+)(?:[-.](\d{1,2})(?!\d))?(?:$|[-@:[])/;
// Old style: claude-3-5-sonnet-20241022, claude-3-haiku-20240307, claude-3-7-sonnet-latest, claude-4.7-opus.
const OLD_STYLE = /^claude-(\d+)(?:[-.](\d{1,2}))?-(opus|sonnet|haiku|mythos|fable)(?:$|[-@:[])/;
// An unversioned line: claude-mythos-preview.
const UNVERSIONED = /^claude-(opus|sonnet|haiku|mythos|fable)-(?:preview|latest)(?:$|[-@:[])/;

/**
 * The one Claude model-id parser: a model id → its line (`claude-opus`, `claude-sonnet`, `claude-haiku`,
 * `claude-mythos`, `claude-fable`) and version (`[4, 7]`; `[0]` for an unversioned id such as
 * `claude-mythos-preview`), or undefined when the id is not a Claude id.
 *
 * Accepted around the name: router prefixes (`anthropic/`), Bedrock prefixes and suffixes
 * (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`, `anthropic.claude-opus-4-6-v1`), dates (`-20250929`), `-latest`,
 * Vertex `@date` (`claude-haiku-4-5@20251001`), `-v2`, and the old `claude-<version>-<line>` order.
 */
export function parseAnthropicModelId(model: string): ParsedModelId | undefined {
  const id = model.trim().toLowerCase().replace(PREFIX, '');
  const newStyle = NEW_STYLE.exec(id);
  if (newStyle) return { line: `claude-${newStyle[1]}`, version: newStyle[3] !== undefined ? [Number(newStyle[2]), Number(newStyle[3])] : [Number(newStyle[2])] };
  const oldStyle = OLD_STYLE.exec(id);
  if (oldStyle) return { line: `claude-${oldStyle[3]}`, version: oldStyle[2] !== undefined ? [Number(oldStyle[1]), Number(oldStyle[2])] : [Number(oldStyle[1])] };
  const unversioned = UNVERSIONED.exec(id);
  if (unversioned) return { line: `claude-${unversioned[1]}`, version: [0] };
  return undefined;
}
