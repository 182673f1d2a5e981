/**
 * The secrets that occur in any of `texts` (response bodies, error bodies, log lines): for the test that proves no
 * configured upstream key ever reaches a client or a log. Each secret is also looked for URL- and JSON-escaped.
 */
export function findSecrets(texts: Iterable<string>, secrets: readonly string[]): string[] {
  const found = new Set<string>();
  const forms = secrets.map((secret) => ({ secret, variants: [...new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])] }));
  for (const text of texts) {
    for (const { secret, variants } of forms) {
      if (!found.has(secret) && variants.some((variant) => text.includes(variant))) found.add(secret);
    }
  }
  return [...found];
}
