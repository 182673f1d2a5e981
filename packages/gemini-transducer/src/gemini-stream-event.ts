import type { GeminiUsageMetadata } from '@interlingua/gemini-mapper';

/**
 * One piece of a streamed function call's arguments (Vertex `streamFunctionCallArguments`): the value at
 * `jsonPath`. Strings may arrive in several pieces (`willContinue: true`), which are concatenated.
 */
export interface GeminiPartialArgument {
  jsonPath?: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: string;
  willContinue?: boolean;
}

/** `Part.functionCall`: complete (`name` + `args`), or one piece of a partial call (Vertex). */
export interface GeminiFunctionCall {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
  partialArgs?: GeminiPartialArgument[];
  willContinue?: boolean;
}

/** The members of a Gemini `Part` this transducer reads; other members (inlineData, executableCode…) are reported. */
export interface GeminiStreamPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
}

export interface GeminiStreamCandidate {
  content?: { role?: string; parts?: GeminiStreamPart[] };
  index?: number;
  finishReason?: string;
  finishMessage?: string;
}

/** The error body Gemini sends instead of a response (`{error:{code,message,status}}`). */
export interface GeminiErrorBody {
  code?: number;
  message?: string;
  status?: string;
}

/**
 * One event of `streamGenerateContent?alt=sse`: a `GenerateContentResponse` whose parts are deltas, or an error body.
 * Structurally a supertype of `@google/genai`'s `GenerateContentResponse`.
 */
export interface GeminiStreamEvent {
  candidates?: GeminiStreamCandidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  error?: GeminiErrorBody;
}
