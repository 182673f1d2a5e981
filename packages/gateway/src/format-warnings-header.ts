import type { TranslationWarning } from '@interlingua/openai-schema';

/**
 * The `x-interlingua-warnings` header: `code(param)` items separated by `, `, ASCII only (header values must be),
 * so a client sees every lossy step the translation took. The full messages go to the log.
 */
export function formatWarningsHeader(warnings: readonly TranslationWarning[]): string {
  return warnings
    .map((warning) => `${warning.code}(${warning.param})`)
    .join(', ')
    .replace(/[^\x20-\x7e]/g, '?');
}
