import type { TranslationWarning } from '@interlingua/openai-schema';
import { describe, expect, test } from 'vitest';
import { mapReasoningEffortToGeminiThinking } from './map-reasoning-effort-to-gemini-thinking.js';
import { resolveGeminiModelCapabilities } from './resolve-gemini-model-capabilities.js';

function map(model: string, effort: string) {
  const warnings: TranslationWarning[] = [];
  const config = mapReasoningEffortToGeminiThinking(effort, resolveGeminiModelCapabilities(model), warnings);
  return { config, codes: warnings.map((warning) => warning.code) };
}

/**
 * Expected values written from the thinking guides (levels per model, "cannot turn thinking off" on Gemini 3 Pro and
 * later, budget ranges of 2.5), not from the code.
 */
describe('reasoning_effort → thinkingConfig, per model', () => {
  test.each([
    // 3.1 Pro has MEDIUM (the case: it used to become HIGH) and no MINIMAL.
    ['gemini-3.1-pro-preview', 'medium', { thinkingLevel: 'MEDIUM', includeThoughts: true }, []],
    ['gemini-3.1-pro-preview', 'minimal', { thinkingLevel: 'LOW', includeThoughts: true }, ['reasoning_effort_clamped']],
    ['gemini-3.1-pro-preview', 'none', { thinkingLevel: 'LOW' }, ['reasoning_effort_clamped']],
    ['gemini-3.1-pro-preview', 'xhigh', { thinkingLevel: 'HIGH', includeThoughts: true }, ['reasoning_effort_clamped']],
    // 3 Pro: LOW and HIGH only.
    ['gemini-3-pro-preview', 'medium', { thinkingLevel: 'HIGH', includeThoughts: true }, ['reasoning_effort_clamped']],
    ['gemini-3-pro-preview', 'low', { thinkingLevel: 'LOW', includeThoughts: true }, []],
    // 3 Flash: MINIMAL exists; none → MINIMAL (thinking cannot be turned off), without thoughts.
    ['gemini-3-flash-preview', 'minimal', { thinkingLevel: 'MINIMAL', includeThoughts: true }, []],
    ['gemini-3-flash-preview', 'none', { thinkingLevel: 'MINIMAL' }, ['reasoning_effort_clamped']],
    ['gemini-3-flash-preview', 'max', { thinkingLevel: 'HIGH', includeThoughts: true }, []],
    // 3.8 Flash rejects MINIMAL.
    ['gemini-3.8-flash', 'minimal', { thinkingLevel: 'LOW', includeThoughts: true }, ['reasoning_effort_clamped']],
    // Aliases resolve to their generation instead of "no thinking controls".
    ['gemini-flash-latest', 'medium', { thinkingLevel: 'MEDIUM', includeThoughts: true }, []],
    ['gemini-pro-latest', 'medium', { thinkingLevel: 'MEDIUM', includeThoughts: true }, []],
    ['gemini-flash-lite-latest', 'minimal', { thinkingLevel: 'MINIMAL', includeThoughts: true }, []],
    // Gemini 4 Neon has XHIGH.
    ['gemini-4-neon', 'xhigh', { thinkingLevel: 'XHIGH', includeThoughts: true }, []],
    ['gemini-4-carbon', 'max', { thinkingLevel: 'HIGH', includeThoughts: true }, []],
    // 2.5 budgets: Flash and Flash-Lite turn thinking off with 0; Pro cannot.
    ['gemini-2.5-flash', 'none', { thinkingBudget: 0 }, []],
    ['gemini-2.5-flash-lite', 'minimal', { thinkingBudget: 512, includeThoughts: true }, []],
    ['gemini-2.5-pro', 'none', { thinkingBudget: 128, includeThoughts: true }, ['reasoning_effort_clamped']],
    ['gemini-2.5-pro', 'max', { thinkingBudget: 32768, includeThoughts: true }, []],
    ['gemini-2.5-flash', 'high', { thinkingBudget: 24576, includeThoughts: true }, []],
    // No thinking controls.
    ['gemini-1.5-pro', 'high', undefined, ['parameter_dropped']],
    ['gemini-2.0-flash-thinking-exp', 'medium', { includeThoughts: true }, []],
  ])('%s, %s', (model, effort, config, codes) => {
    expect(map(model, effort)).toEqual({ config, codes });
  });
});
