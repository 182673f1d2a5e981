import type { GeminiUsageMetadata } from '@interlingua/gemini-mapper';
import type { TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';
import type { PartialArgumentsAssembly } from './apply-gemini-partial-argument.js';

/**
 * What the transducer needs to know about the client's request (the mapper returns it with the upstream request).
 * Structural: any object with these members fits, in particular the Gemini mapper's context.
 */
export interface GeminiStreamContext {
  /** The model name the client asked for; every chunk's `model`. */
  model: string;
  /** `stream_options.include_usage`: emit the usage chunk (and `usage: null` on every other chunk). */
  includeUsage: boolean;
  /**
   * Gemini function name → the client's function name, for names the mapper had to change (the Gemini mapper's
   * `context.toolNames`); names not listed pass unchanged.
   */
  toolNames?: Record<string, string>;
  /** The JSON answer comes as a call of this function (the Gemini mapper's `context.jsonResponse`): sent as content. */
  jsonResponse?: { name: string; wrapped: boolean };
  /**
   * Google Search or URL context is on (the mapper's `context.grounding`): each choice keeps its content text, so that
   * `groundingMetadata` byte offsets can become `url_citation` indices. Memory is then bounded by the answer's length
   * (the model's output limit), not constant.
   */
  grounding?: boolean;
}

export interface GeminiToOpenAIStreamOptions {
  context: GeminiStreamContext;
  environment: TranslationEnvironment;
  /** Called for every lossy step (dropped part kinds, unusual finish reasons, missing usage). */
  onWarning?: (warning: TranslationWarning) => void;
}

/** A streamed (Vertex `partialArgs`) function call being assembled. */
export interface PendingFunctionCall {
  name: string;
  id: string | undefined;
  thoughtSignature: string | undefined;
  assembly: PartialArgumentsAssembly;
}

/** Per-choice (per Gemini candidate) state. */
export interface GeminiChoiceState {
  index: number;
  /** The role chunk was sent. */
  started: boolean;
  /** The finish chunk was sent. */
  finished: boolean;
  /** Tool calls emitted for this choice so far: the next call's `index`. */
  toolCallCount: number;
  pendingCall: PendingFunctionCall | undefined;
  /** The content sent so far, kept only for grounded requests (citations count in it). */
  groundingText: string | undefined;
}

/**
 * The state of one stream. Bounded: a few fields per choice, plus the arguments of at most one streamed call per
 * choice while it is being assembled. The step function updates it in place.
 */
export interface GeminiToOpenAIStreamState {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly includeUsage: boolean;
  readonly toolNames: Record<string, string> | undefined;
  readonly jsonResponse: { name: string; wrapped: boolean } | undefined;
  readonly grounding: boolean;
  readonly environment: TranslationEnvironment;
  readonly onWarning: ((warning: TranslationWarning) => void) | undefined;
  choices: GeminiChoiceState[];
  /** The last `usageMetadata` that carried token counts. */
  usage: GeminiUsageMetadata | undefined;
  /** At least one upstream event was seen. */
  sawEvent: boolean;
  /** An error payload was emitted: everything after it is ignored, and no [DONE] follows. */
  failed: boolean;
  /** The end of the stream was handled. */
  ended: boolean;
}

/** A fresh state: draws the stream's `id` (`generateId('chatcmpl')`) and `created` (`now()`) once. */
export function createGeminiToOpenAIStreamState(options: GeminiToOpenAIStreamOptions): GeminiToOpenAIStreamState {
  const { context, environment } = options;
  return {
    id: environment.generateId('chatcmpl'),
    created: environment.now(),
    model: context.model,
    includeUsage: context.includeUsage === true,
    toolNames: context.toolNames,
    jsonResponse: context.jsonResponse,
    grounding: context.grounding === true,
    environment,
    onWarning: options.onWarning,
    choices: [],
    usage: undefined,
    sawEvent: false,
    failed: false,
    ended: false,
  };
}
