/** Where a member's value lies in a JSON text: `text.slice(start, end)` is the value's own text (quotes included). */
export interface JsonValueSpan {
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * The span of the value of the top-level member named `name` in the JSON text of an object, when that value is a
 * string and no other top-level member could have the same name; `undefined` otherwise: the text is not an object,
 * has no such member, has it twice (`JSON.parse` keeps the last, another parser may keep the first), or has a
 * top-level key written with an escape (`"mod\u0065l"` is `model` too, so the name could be there twice unseen).
 *
 * `text` must be valid JSON (`JSON.parse` accepted it): the scan trusts its structure (on any other text it ends,
 * with no meaningful answer). Strings are skipped with
 * `indexOf`, so a large text costs a pass over its punctuation, not a character-by-character walk of its strings.
 */
export function findTopLevelStringMember(text: string, name: string): JsonValueSpan | undefined {
  let index = skipWhitespace(text, 0);
  if (text.charCodeAt(index) !== OPEN_BRACE) return undefined;
  index = skipWhitespace(text, index + 1);
  let found: JsonValueSpan | undefined;
  while (text.charCodeAt(index) === QUOTE) {
    const keyEnd = endOfString(text, index);
    // An escape in a key: its name is not its text. (Keys are short: a loop, where an `indexOf` could run far past.)
    for (let at = index + 1; at < keyEnd - 1; at++) if (text.charCodeAt(at) === BACKSLASH) return undefined;
    const isName = keyEnd - index - 2 === name.length && text.startsWith(name, index + 1);
    // Past the colon to the value.
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    const valueEnd = endOfValue(text, valueStart);
    if (isName) {
      if (found !== undefined || text.charCodeAt(valueStart) !== QUOTE) return undefined;
      found = { start: valueStart, end: valueEnd };
    }
    index = skipWhitespace(text, valueEnd);
    if (text.charCodeAt(index) !== COMMA) break;
    index = skipWhitespace(text, index + 1);
  }
  return found;
}

function skipWhitespace(text: string, index: number): number {
  while (isWhitespace(text.charCodeAt(index))) index++;
  return index;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The index just past the string that opens at `start` (a quote). */
function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length; // not JSON: the scan ends rather than loops
    // A quote after an odd number of backslashes is escaped.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index just past the value that starts at `start`. */
function endOfValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return endOfString(text, start);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let index = start;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === QUOTE) {
        index = endOfString(text, index);
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return index + 1;
      }
      index++;
    }
    return text.length;
  }
  // A number, true, false or null: up to the next delimiter or whitespace.
  let index = start + 1;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isWhitespace(code) || Number.isNaN(code)) return index;
    index++;
  }
}
