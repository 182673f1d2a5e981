/** A parsed `data:` URL. */
export interface ParsedDataUrl {
  /** Lower-cased media type, e.g. `image/png` (`text/plain` when the URL names none, per RFC 2397). */
  mediaType: string;
  /** Whether the payload is base64 (`;base64`). */
  base64: boolean;
  /** The payload after the comma, unchanged. */
  data: string;
}

/**
 * Parses `data:[<media type>][;<parameter>=<value>]*[;base64],<data>`, tolerating extra parameters such as
 * `data:image/png;name=a.png;base64,…` (which some translators lose). Returns null when the text is not a data URL.
 */
export function parseDataUrl(url: string): ParsedDataUrl | null {
  if (url.length < 5 || url.slice(0, 5).toLowerCase() !== 'data:') return null;
  const comma = url.indexOf(',');
  if (comma < 0) return null;
  const parameters = url.slice(5, comma).split(';');
  const first = parameters[0]!.trim().toLowerCase();
  let base64 = false;
  for (let i = 1; i < parameters.length; i++) {
    if (parameters[i]!.trim().toLowerCase() === 'base64') base64 = true;
  }
  return { mediaType: first === '' ? 'text/plain' : first, base64, data: url.slice(comma + 1) };
}
