const VALID = /^[a-zA-Z0-9_-]+$/;
const INVALID_CHARACTER = /[^a-zA-Z0-9_-]/g;

/**
 * Makes tool-call ids acceptable to Anthropic (`^[a-zA-Z0-9_-]+$`), consistently: the same original id always gives
 * the same sanitised id within one request (so `tool_use.id` and `tool_result.tool_use_id` still match), and two
 * different originals never collide (a numeric suffix separates them). Valid ids pass unchanged.
 */
export class AnthropicToolUseIdSanitizer {
  // Made on the first tool-call id: most requests have none.
  private byOriginal: Map<string, string> | undefined = undefined;
  private taken: Set<string> | undefined = undefined;

  /** The Anthropic id for `original`, and whether it had to change. */
  sanitize(original: string): { id: string; changed: boolean } {
    const byOriginal = (this.byOriginal ??= new Map());
    const taken = (this.taken ??= new Set());
    const known = byOriginal.get(original);
    if (known !== undefined) return { id: known, changed: known !== original };
    let id = VALID.test(original) ? original : original.replace(INVALID_CHARACTER, '_');
    if (id === '') id = 'toolu_empty';
    if (id !== original || taken.has(id)) {
      const base = id;
      let n = 2;
      while (taken.has(id) || (id !== original && byOriginal.has(id))) id = `${base}_${n++}`;
    }
    byOriginal.set(original, id);
    taken.add(id);
    return { id, changed: id !== original };
  }
}
