import type { AnthropicEffort } from './anthropic-model-capabilities.js';
import type { AnthropicThinkingConfig } from './anthropic-request-types.js';
import { mapReasoningEffortToAnthropicBudget } from './map-reasoning-effort-to-anthropic-budget.js';
import { addWarning, dropUnsupported, RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';
import type { ResolvedAnthropicModel } from './resolve-anthropic-model-capabilities.js';

/** What the request sends about thinking, and whether thinking may run upstream. */
export interface AnthropicThinkingPlan {
  thinking: AnthropicThinkingConfig | undefined;
  effort: AnthropicEffort | undefined;
  /** `budget_tokens` of budget thinking (null otherwise). */
  budget: number | null;
  /** Thinking may run upstream (the reply may carry thinking blocks; sampling rules for thinking apply). */
  active: boolean;
}

export interface PlanAnthropicThinkingInput {
  /** The client's `reasoning_effort` (null / undefined: not given). */
  reasoningEffort: string | null | undefined;
  capabilities: ResolvedAnthropicModel;
  /** The tool choice forces a tool (`any` / `tool`). */
  forcedToolChoice: boolean;
  /**
   * The OpenAI index of the assistant message that opened the tool loop still in progress (its tool results end the
   * conversation) when that message carries no signed thinking block; null otherwise.
   */
  openToolTurnWithoutThinking: number | null;
}

const EFFORT_ORDER: AnthropicEffort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

/**
 * `reasoning_effort` → an Anthropic effort level the model accepts: `minimal` → `low` (Anthropic's lowest), the
 * others by name; a level the model lacks becomes the highest level it has below it (or its lowest).
 */
export function mapReasoningEffortToAnthropicEffort(effort: string, levels: readonly AnthropicEffort[]): AnthropicEffort | undefined {
  const wanted: AnthropicEffort = effort === 'minimal' ? 'low' : (EFFORT_ORDER.includes(effort as AnthropicEffort) ? (effort as AnthropicEffort) : 'high');
  if (levels.includes(wanted)) return wanted;
  const rank = EFFORT_ORDER.indexOf(wanted);
  const below = EFFORT_ORDER.slice(0, rank).reverse().find((level) => levels.includes(level));
  return below ?? EFFORT_ORDER.find((level) => levels.includes(level));
}

/** A lossy thinking step: a warning, or a 400 naming `reasoning_effort` in strict mode. */
function lossy(state: RequestMappingState, code: string, message: string): void {
  if (state.strict) throw new RequestMappingFailure(`${message} Strict mode rejects it.`, 'reasoning_effort', 'unsupported_value');
  addWarning(state, code, 'reasoning_effort', message);
}

function adaptive(capabilities: ResolvedAnthropicModel): AnthropicThinkingConfig {
  // Models that omit the thinking text by default would leave reasoning_content empty: ask for the summary.
  return capabilities.thinkingDisplayDefault === 'omitted' ? { type: 'adaptive', display: 'summarized' } : { type: 'adaptive' };
}

/**
 * Decides `thinking` and `output_config.effort` from `reasoning_effort` and the model's catalog entry.
 *
 * | model thinking | `reasoning_effort` absent | `none` | `minimal` … `max` |
 * |---|---|---|---|
 * | none | nothing | nothing | dropped (`parameter_dropped`; 400 strict) |
 * | budget | nothing | nothing | `{type:'enabled', budget_tokens}` (budget table) |
 * | adaptive, off by default | nothing | nothing | `{type:'adaptive'}` + `effort` |
 * | adaptive, on by default | `{type:'adaptive', display:'summarized'}` when the model omits thinking text | `{type:'disabled'}` or `{type:'between_tools'}` | `{type:'adaptive'}` + `effort` |
 * | adaptive, always on | as above | lowest effort (`thinking_not_disabled`; 400 strict) | `{type:'adaptive'}` + `effort` |
 *
 * `display: 'summarized'` is added wherever adaptive thinking is sent to a model whose default display is `omitted`.
 * Budget thinking is not enabled with a forced tool choice (Anthropic rejects the pair) nor when the tool loop in
 * progress lost its signed thinking block (Anthropic requires it: "a final assistant message must start with a
 * thinking block … To avoid this requirement, disable thinking"): `thinking_disabled` warnings. Adaptive thinking
 * accepts both (its turns may have no thinking block; forced tool use skips thinking).
 */
export function planAnthropicThinking(input: PlanAnthropicThinkingInput, state: RequestMappingState): AnthropicThinkingPlan {
  const { capabilities, reasoningEffort } = input;
  const none: AnthropicThinkingPlan = { thinking: undefined, effort: undefined, budget: null, active: false };
  const defaultOn = capabilities.thinking !== 'none' && capabilities.thinkingDefault !== 'off';
  const byDefault: AnthropicThinkingPlan = defaultOn
    ? { thinking: capabilities.thinkingDisplayDefault === 'omitted' ? adaptive(capabilities) : undefined, effort: undefined, budget: null, active: true }
    : none;

  if (reasoningEffort === null || reasoningEffort === undefined) return byDefault;

  if (reasoningEffort === 'none') {
    if (!defaultOn) return none;
    if (capabilities.thinkingDefault === 'always') {
      const lowest = EFFORT_ORDER.find((level) => capabilities.effortLevels.includes(level));
      lossy(state, 'thinking_not_disabled', `${capabilities.family} always thinks; reasoning_effort "none" cannot turn thinking off, so the lowest effort${lowest ? ` (${lowest})` : ''} was sent.`);
      return { ...byDefault, effort: lowest };
    }
    if (capabilities.thinkingOffMode === 'between_tools') {
      addWarning(state, 'thinking_reduced', 'reasoning_effort', `${capabilities.family} turns thinking off with {type: "between_tools"}, which still writes short notes between tool calls.`);
      return { thinking: { type: 'between_tools' }, effort: undefined, budget: null, active: true };
    }
    return { thinking: { type: 'disabled' }, effort: undefined, budget: null, active: false };
  }

  if (capabilities.thinking === 'none') {
    dropUnsupported(state, 'reasoning_effort', `${capabilities.family} has no extended thinking (reasoning_effort)`);
    return none;
  }

  if (capabilities.thinking === 'budget') {
    const budget = mapReasoningEffortToAnthropicBudget(reasoningEffort);
    if (budget === null) return none;
    if (input.forcedToolChoice) {
      addWarning(state, 'thinking_disabled', 'reasoning_effort', 'Anthropic does not allow extended thinking with a forced tool choice; thinking was not enabled so that the tool choice holds.');
      return none;
    }
    if (input.openToolTurnWithoutThinking !== null) {
      addWarning(
        state,
        'thinking_disabled',
        `messages[${input.openToolTurnWithoutThinking}].thinking_blocks`,
        'The tool loop in progress was sent back without its signed thinking block (thinking_blocks), which Anthropic requires when thinking is enabled; thinking was not enabled for this request. Send the thinking_blocks of the reply back to keep it on.',
      );
      return none;
    }
    return { thinking: { type: 'enabled', budget_tokens: budget }, effort: undefined, budget, active: true };
  }

  const effort = mapReasoningEffortToAnthropicEffort(reasoningEffort, capabilities.effortLevels);
  if (effort !== undefined && effort !== reasoningEffort && !(reasoningEffort === 'minimal' && effort === 'low')) {
    addWarning(state, 'reasoning_effort_mapped', 'reasoning_effort', `${capabilities.family} has no effort "${reasoningEffort}"; "${effort}" was sent.`);
  }
  return { thinking: adaptive(capabilities), effort, budget: null, active: true };
}
