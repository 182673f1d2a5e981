const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['messages', 2, 'content', 0, 'image_url', 'url']` → `messages[2].content[0].image_url.url`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${String(key)}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
