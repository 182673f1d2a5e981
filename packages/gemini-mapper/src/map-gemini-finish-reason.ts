/** OpenAI `finish_reason` values a translation can produce. */
export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

const CONTENT_FILTER = new Set([
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_OTHER',
  'IMAGE_RECITATION',
]);

const KNOWN = new Set([
  ...CONTENT_FILTER,
  'FINISH_REASON_UNSPECIFIED',
  'STOP',
  'MAX_TOKENS',
  'MALFORMED_FUNCTION_CALL',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'MISSING_THOUGHT_SIGNATURE',
  'NO_IMAGE',
]);

/**
 * Gemini `finishReason` → OpenAI `finish_reason`.
 *
 * | finishReason | finish_reason | why |
 * |---|---|---|
 * | `STOP` | `tool_calls` when the candidate made function calls, else `stop` | Gemini has no tool-call reason; it says STOP |
 * | `MAX_TOKENS` | `length` | also when the candidate has no parts at all |
 * | `SAFETY`, `RECITATION`, `LANGUAGE`, `OTHER`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`, `IMAGE_PROHIBITED_CONTENT`, `IMAGE_OTHER`, `IMAGE_RECITATION` | `content_filter` | the answer was withheld or cut by a filter |
 * | `MALFORMED_FUNCTION_CALL`, `UNEXPECTED_TOOL_CALL`, `TOO_MANY_TOOL_CALLS`, `MISSING_THOUGHT_SIGNATURE` | `stop` | the model failed to produce a valid call; OpenAI has no reason for it, and `tool_calls` would promise calls that do not exist. The caller reports the raw reason |
 * | `NO_IMAGE`, `FINISH_REASON_UNSPECIFIED`, unknown | `stop` | (unknown reasons deserve a warning: see {@link isKnownGeminiFinishReason}) |
 */
export function mapGeminiFinishReason(finishReason: string | null | undefined, madeToolCalls: boolean): OpenAIFinishReason {
  if (finishReason === 'MAX_TOKENS') return 'length';
  if (finishReason && CONTENT_FILTER.has(finishReason)) return 'content_filter';
  if (finishReason === 'STOP' || finishReason === undefined || finishReason === null) return madeToolCalls ? 'tool_calls' : 'stop';
  return 'stop';
}

/** Whether {@link mapGeminiFinishReason} knows this reason. */
export function isKnownGeminiFinishReason(finishReason: string): boolean {
  return KNOWN.has(finishReason);
}
