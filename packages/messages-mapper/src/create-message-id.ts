import type { TranslationEnvironment } from '@interlingua/openai-schema';

/**
 * A `msg_…` id from the environment's `chatcmpl` id (so a fixed test environment gives a fixed id): the random part
 * is kept, the prefix replaced.
 */
export function createMessageId(environment: TranslationEnvironment): string {
  const id = environment.generateId('chatcmpl');
  return `msg_${id.startsWith('chatcmpl-') ? id.slice('chatcmpl-'.length) : id}`;
}

/** Tool-use ids must match `^[a-zA-Z0-9_-]+$` (the spec's pattern); other characters become `_`. */
export function sanitizeToolUseId(id: string): string {
  const clean = id.replace(/[^a-zA-Z0-9_-]/g, '_');
  return clean === '' ? 'toolu_' : clean;
}
