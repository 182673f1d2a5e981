/** Function names Gemini accepts: a letter or underscore, then letters, digits, `_`, `.`, `:`, `-`; 64 at most. */
export const GEMINI_FUNCTION_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A client function name → a name Gemini accepts, deterministically (the same name always maps the same way, so
 * tool definitions and tool calls in the history agree without shared state).
 *
 * Valid names pass unchanged. Otherwise every character outside `[A-Za-z0-9_.:-]` becomes `_`, a leading character
 * that is not a letter or `_` gets a `_` prefix, and the name gets `_` + an 8-hex-digit FNV-1a hash of the original,
 * truncated so the whole stays within 64 characters. The hash keeps two different names from colliding.
 * The reverse map travels in the translation context (`toolNames`).
 */
export function mapOpenAIToolNameToGemini(name: string): string {
  if (GEMINI_FUNCTION_NAME_PATTERN.test(name)) return name;
  let cleaned = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  if (!/^[A-Za-z_]/.test(cleaned)) cleaned = `_${cleaned}`;
  const suffix = `_${fnv1a(name)}`;
  return cleaned.slice(0, 64 - suffix.length) + suffix;
}
