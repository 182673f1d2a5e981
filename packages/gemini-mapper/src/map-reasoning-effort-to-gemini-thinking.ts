import type { TranslationWarning } from '@interlingua/openai-schema';
import type { GeminiCatalogThinkingLevel, GeminiModelCapabilities } from './gemini-model-catalog.js';
import type { GeminiThinkingConfig } from './gemini-request-types.js';

/** Budget (2.5) per effort; clamped to the model's range. Modelled on Google's OpenAI-compatibility mapping. */
const BUDGET: Record<string, number> = { low: 1024, medium: 8192, high: 24576 };

/** The level each effort asks for (`max` asks for the family's highest). */
const WANTED_LEVEL: Record<string, GeminiCatalogThinkingLevel> = { minimal: 'MINIMAL', low: 'LOW', medium: 'MEDIUM', high: 'HIGH', xhigh: 'XHIGH' };
const LEVEL_ORDER: readonly GeminiCatalogThinkingLevel[] = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH', 'XHIGH'];

/**
 * `reasoning_effort` → `thinkingConfig`, exactly per the family's catalog entry. `includeThoughts: true` whenever
 * thinking is on, so thought summaries come back as `reasoning_content`.
 *
 * - `level` families (3 and later) take `thinkingLevel` from the entry's `levels`: the asked level when the family has
 *   it (`medium` → MEDIUM on 3.1 Pro, MINIMAL on 3 Flash), else the nearest level above it (below it for `xhigh`
 *   where XHIGH is missing), with a `reasoning_effort_clamped` warning. `max` → the highest level. `none`: Gemini 3
 *   and 4 cannot turn thinking off; the lowest level is sent without thoughts, with a warning.
 * - `budget` families (2.5): `none` → 0 where the family can disable thinking (Flash, Flash-Lite), else the minimum
 *   with a warning (Pro); `minimal` → the minimum; low/medium/high → 1024/8192/24576 clamped; xhigh/max → the maximum.
 * - `include-only` (2.0 thinking experiments): `includeThoughts` only; `none` is dropped with a warning.
 * - `none` families: dropped with a warning.
 */
export function mapReasoningEffortToGeminiThinking(
  effort: string,
  capabilities: GeminiModelCapabilities,
  warnings: TranslationWarning[],
): GeminiThinkingConfig | undefined {
  switch (capabilities.thinking) {
    case 'none':
      warnings.push({ code: 'parameter_dropped', param: 'reasoning_effort', message: 'This Gemini model has no thinking controls; reasoning_effort is dropped.' });
      return undefined;
    case 'include-only':
      if (effort === 'none') {
        warnings.push({ code: 'parameter_dropped', param: 'reasoning_effort', message: 'This model always thinks; reasoning_effort none is dropped.' });
        return undefined;
      }
      return { includeThoughts: true };
    case 'budget': {
      const range = capabilities.budget ?? { min: 0, max: 24576, canDisable: true };
      if (effort === 'none') {
        if (range.canDisable) return { thinkingBudget: 0 };
        warnings.push({ code: 'reasoning_effort_clamped', param: 'reasoning_effort', message: `This model cannot turn thinking off; the minimum budget ${range.min} is used.` });
        return { thinkingBudget: range.min, includeThoughts: true };
      }
      const wanted = effort === 'minimal' ? range.min : effort === 'xhigh' || effort === 'max' ? range.max : (BUDGET[effort] ?? BUDGET.medium!);
      return { thinkingBudget: Math.min(Math.max(wanted, range.min), range.max), includeThoughts: true };
    }
    case 'level': {
      const levels = LEVEL_ORDER.filter((level) => (capabilities.levels ?? ['LOW', 'HIGH']).includes(level));
      if (levels.length === 0) {
        warnings.push({ code: 'parameter_dropped', param: 'reasoning_effort', message: 'The catalog lists no thinking levels for this model; reasoning_effort is dropped.' });
        return undefined;
      }
      if (effort === 'none') {
        const lowest = levels[0]!;
        warnings.push({ code: 'reasoning_effort_clamped', param: 'reasoning_effort', message: `This Gemini model cannot turn thinking off; thinkingLevel ${lowest} is used.` });
        return { thinkingLevel: lowest };
      }
      if (effort === 'max') return { thinkingLevel: levels[levels.length - 1]!, includeThoughts: true };
      const wanted = WANTED_LEVEL[effort] ?? 'MEDIUM';
      if (levels.includes(wanted)) return { thinkingLevel: wanted, includeThoughts: true };
      const rank = LEVEL_ORDER.indexOf(wanted);
      const chosen = levels.find((level) => LEVEL_ORDER.indexOf(level) > rank) ?? levels[levels.length - 1]!;
      warnings.push({
        code: 'reasoning_effort_clamped',
        param: 'reasoning_effort',
        message: `This Gemini model has no thinkingLevel ${wanted} (it takes ${levels.join(', ')}); ${chosen} is used.`,
      });
      return { thinkingLevel: chosen, includeThoughts: true };
    }
  }
}
