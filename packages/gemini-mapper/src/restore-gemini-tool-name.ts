import type { GeminiTranslationContext } from './gemini-translation-context.js';

/** A Gemini function name → the client's name (via `context.toolNames`; unchanged names pass through). */
export function restoreGeminiToolName(name: string, context: Pick<GeminiTranslationContext, 'toolNames'>): string {
  return Object.prototype.hasOwnProperty.call(context.toolNames, name) ? context.toolNames[name]! : name;
}
