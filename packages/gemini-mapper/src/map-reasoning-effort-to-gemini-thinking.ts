import type { TranslationWarning } from '@interlingua/openai-schema';
import type { GeminiThinkingConfig, GeminiThinkingLevel } from './gemini-request-types.js';
import type { GeminiModelCapabilities } from './resolve-gemini-model-capabilities.js';

/** Budget (2.5) per effort; clamped to the model's range. Modelled on Google's OpenAI-compatibility mapping. */
const BUDGET: Record<string, number> = { low: 1024, medium: 8192, high: 24576 };

/**
 * `reasoning_effort` → `thinkingConfig`. `includeThoughts: true` whenever thinking is on, so thought summaries come
 * back as `reasoning_content`.
 *
 * | effort | 2.5 (thinkingBudget) | 3 (thinkingLevel; Pro has LOW/HIGH only) | 2.0 thinking-exp | others |
 * |---|---|---|---|---|
 * | none | 0 (Pro cannot disable: its minimum 128, warning) | lowest level (MINIMAL Flash / LOW Pro), no thoughts, warning | dropped, warning | dropped, warning |
 * | minimal | model minimum (Pro 128, Flash 1, Flash-Lite 512) | MINIMAL (Pro: LOW) | includeThoughts | dropped, warning |
 * | low | 1024 | LOW | includeThoughts | dropped, warning |
 * | medium | 8192 | MEDIUM (Pro: HIGH) | includeThoughts | dropped, warning |
 * | high | 24576 (clamped to the model maximum) | HIGH | includeThoughts | dropped, warning |
 * | xhigh, max | model maximum (Pro 32768, Flash 24576) | HIGH | includeThoughts | dropped, warning |
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
      const range = capabilities.budget!;
      if (effort === 'none') {
        if (range.canDisable) return { thinkingBudget: 0 };
        warnings.push({ code: 'reasoning_effort_clamped', param: 'reasoning_effort', message: `This model cannot turn thinking off; the minimum budget ${range.min} is used.` });
        return { thinkingBudget: range.min, includeThoughts: true };
      }
      const wanted = effort === 'minimal' ? range.min : effort === 'xhigh' || effort === 'max' ? range.max : (BUDGET[effort] ?? BUDGET.medium!);
      return { thinkingBudget: Math.min(Math.max(wanted, range.min), range.max), includeThoughts: true };
    }
    case 'level': {
      const levels = capabilities.levels ?? ['LOW', 'HIGH'];
      const pick = (preferred: GeminiThinkingLevel, fallback: GeminiThinkingLevel): GeminiThinkingLevel => (levels.includes(preferred) ? preferred : fallback);
      if (effort === 'none') {
        const lowest = pick('MINIMAL', 'LOW');
        warnings.push({ code: 'reasoning_effort_clamped', param: 'reasoning_effort', message: `Gemini 3 cannot turn thinking off; thinkingLevel ${lowest} is used.` });
        return { thinkingLevel: lowest };
      }
      const level: GeminiThinkingLevel =
        effort === 'minimal' ? pick('MINIMAL', 'LOW') : effort === 'low' ? 'LOW' : effort === 'medium' ? pick('MEDIUM', 'HIGH') : 'HIGH';
      return { thinkingLevel: level, includeThoughts: true };
    }
  }
}
