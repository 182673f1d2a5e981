import type { GeminiStreamEvent } from './gemini-stream-event.js';

/**
 * The fast path of validation: checks by hand exactly what {@link geminiStreamEventSchema} checks, without
 * allocating. `parseGeminiStreamEvent` runs the zod schema only when this says no, to describe the problem. A
 * property test keeps the two in agreement.
 */
export function isGeminiStreamEvent(value: unknown): value is GeminiStreamEvent {
  if (!isObject(value)) return false;
  const { candidates, promptFeedback, usageMetadata, modelVersion, responseId, error } = value;
  if (candidates !== undefined) {
    if (!Array.isArray(candidates)) return false;
    for (let i = 0; i < candidates.length; i++) if (!isCandidate(candidates[i])) return false;
  }
  if (promptFeedback !== undefined && !(isObject(promptFeedback) && optionalString(promptFeedback.blockReason) && optionalString(promptFeedback.blockReasonMessage))) return false;
  if (usageMetadata !== undefined) {
    if (!isObject(usageMetadata)) return false;
    if (
      !nullishNumber(usageMetadata.promptTokenCount) ||
      !nullishNumber(usageMetadata.cachedContentTokenCount) ||
      !nullishNumber(usageMetadata.candidatesTokenCount) ||
      !nullishNumber(usageMetadata.toolUsePromptTokenCount) ||
      !nullishNumber(usageMetadata.thoughtsTokenCount) ||
      !nullishNumber(usageMetadata.totalTokenCount)
    ) {
      return false;
    }
  }
  if (!optionalString(modelVersion) || !optionalString(responseId)) return false;
  if (error !== undefined && !(isObject(error) && optionalNumber(error.code) && optionalString(error.message) && optionalString(error.status))) return false;
  return true;
}

function isCandidate(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { content, index, finishReason, finishMessage } = value;
  if (index !== undefined && !(typeof index === 'number' && Number.isSafeInteger(index) && index >= 0)) return false;
  if (!optionalString(finishReason) || !optionalString(finishMessage)) return false;
  if (content === undefined) return true;
  if (!isObject(content) || !optionalString(content.role)) return false;
  const parts = content.parts;
  if (parts === undefined) return true;
  if (!Array.isArray(parts)) return false;
  for (let i = 0; i < parts.length; i++) if (!isPart(parts[i])) return false;
  return true;
}

function isPart(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (!optionalString(value.text) || !optionalBoolean(value.thought) || !optionalString(value.thoughtSignature)) return false;
  const call = value.functionCall;
  if (call === undefined) return true;
  if (!isObject(call) || !optionalString(call.id) || !optionalString(call.name) || !optionalBoolean(call.willContinue)) return false;
  if (call.args !== undefined && !isObject(call.args)) return false;
  const pieces = call.partialArgs;
  if (pieces === undefined) return true;
  if (!Array.isArray(pieces)) return false;
  for (let i = 0; i < pieces.length; i++) {
    const piece: unknown = pieces[i];
    if (
      !isObject(piece) ||
      !optionalString(piece.jsonPath) ||
      !optionalString(piece.stringValue) ||
      !optionalNumber(piece.numberValue) ||
      !optionalBoolean(piece.boolValue) ||
      !optionalString(piece.nullValue) ||
      !optionalBoolean(piece.willContinue)
    ) {
      return false;
    }
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const optionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const optionalBoolean = (value: unknown): boolean => value === undefined || typeof value === 'boolean';
const optionalNumber = (value: unknown): boolean => value === undefined || (typeof value === 'number' && Number.isFinite(value));
const nullishNumber = (value: unknown): boolean => value === null || optionalNumber(value);
