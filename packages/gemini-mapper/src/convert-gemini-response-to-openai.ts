import {
  createOpenAIError,
  type ChatCompletion,
  type ChatCompletionChoice,
  type ChatCompletionMessage,
  type ChatCompletionMessageFunctionToolCall,
  type OpenAIErrorEnvelope,
  type TranslationEnvironment,
  type TranslationWarning,
} from '@interlingua/openai-schema';
import { convertGeminiLogprobsToOpenAI } from './convert-gemini-logprobs-to-openai.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import { geminiGenerateContentResponseSchema, type GeminiCandidate } from './gemini-response-schema.js';
import type { GeminiMessageSignature } from './gemini-thought-signature-extension.js';
import type { GeminiTranslationContext } from './gemini-translation-context.js';
import { isKnownGeminiFinishReason, mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { restoreGeminiToolName } from './restore-gemini-tool-name.js';

export interface ConvertGeminiResponseToOpenAIOptions {
  context: GeminiTranslationContext;
  environment: TranslationEnvironment;
}

export type ConvertGeminiResponseToOpenAIResult =
  | { ok: true; response: ChatCompletion; warnings: TranslationWarning[] }
  | { ok: false; status: 502; error: OpenAIErrorEnvelope; warnings: TranslationWarning[] };

/**
 * One Gemini candidate → an OpenAI message, its finish reason and warnings. Shared with the stream transducer's
 * final assembly rules: text parts (not thoughts) joined; thought parts → `reasoning_content`; each `functionCall` →
 * a tool call (`functionCall.id` or a generated `call_…` id, JSON arguments, client name restored, signature in
 * `extra_content.google.thought_signature`, Gemini's id also in `extra_content.google.function_call_id`); other signatures → `extra_content.google.thought_signatures`.
 */
export function convertGeminiCandidateToOpenAIChoice(
  candidate: GeminiCandidate,
  position: number,
  options: ConvertGeminiResponseToOpenAIOptions,
  warnings: TranslationWarning[],
): ChatCompletionChoice {
  const { context, environment } = options;
  const parts = candidate.content?.parts ?? [];
  const texts: string[] = [];
  const thoughts: string[] = [];
  let sawText = false;
  let sawThought = false;
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  const signatures: GeminiMessageSignature[] = [];
  const param = `candidates[${position}]`;
  parts.forEach((part, index) => {
    if (part.functionCall) {
      const geminiId = part.functionCall.id !== undefined && part.functionCall.id !== '' ? part.functionCall.id : undefined;
      const call: ChatCompletionMessageFunctionToolCall = {
        id: geminiId ?? environment.generateId('call'),
        type: 'function',
        function: {
          name: restoreGeminiToolName(part.functionCall.name ?? '', context),
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        },
      };
      if (part.thoughtSignature !== undefined || geminiId !== undefined) {
        call.extra_content = {
          google: {
            ...(part.thoughtSignature !== undefined ? { thought_signature: part.thoughtSignature } : {}),
            ...(geminiId !== undefined ? { function_call_id: geminiId } : {}),
          },
        };
      }
      toolCalls.push(call);
      return;
    }
    if (typeof part.text === 'string') {
      const isLast = index === parts.length - 1;
      if (part.thought === true) {
        sawThought = true;
        thoughts.push(part.text);
        if (part.thoughtSignature !== undefined) signatures.push({ part: 'reasoning', signature: part.thoughtSignature });
        return;
      }
      if (part.text === '' && isLast && part.thoughtSignature !== undefined && (sawText || toolCalls.length > 0 || sawThought)) {
        signatures.push({ part: 'trailing', signature: part.thoughtSignature });
        return;
      }
      sawText = true;
      texts.push(part.text);
      if (part.thoughtSignature !== undefined) signatures.push({ part: 'content', signature: part.thoughtSignature });
      return;
    }
    const kinds = Object.keys(part).filter((key) => key !== 'thoughtSignature');
    warnings.push({ code: 'response_part_dropped', param: `${param}.content.parts[${index}]`, message: `A Gemini part of kind ${kinds.join(', ') || 'unknown'} has no OpenAI equivalent here; it is dropped.` });
  });
  for (const kind of ['content', 'reasoning', 'trailing'] as const) {
    const matching = signatures.filter((entry) => entry.part === kind);
    if (matching.length > 1) {
      warnings.push({ code: 'thought_signature_merged', param: `${param}.content.parts`, message: `Several ${kind} parts carried signatures; the parts are joined, and only the last signature is kept.` });
      const last = matching[matching.length - 1]!;
      for (let index = signatures.length - 1; index >= 0; index--) if (signatures[index]!.part === kind && signatures[index] !== last) signatures.splice(index, 1);
    }
  }

  const message: ChatCompletionMessage = {
    role: 'assistant',
    content: sawText && !(toolCalls.length > 0 && texts.join('') === '') ? texts.join('') : null,
    refusal: null,
  };
  if (sawThought) message.reasoning_content = thoughts.join('');
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (signatures.length > 0) message.extra_content = { google: { thought_signatures: signatures } };

  const reason = candidate.finishReason;
  if (reason !== undefined && reason !== 'STOP' && reason !== 'MAX_TOKENS') {
    const known = isKnownGeminiFinishReason(reason);
    warnings.push({
      code: known ? 'upstream_finish_reason' : 'unknown_finish_reason',
      param: `${param}.finishReason`,
      message: `Gemini finished with ${reason}${candidate.finishMessage ? ` (${candidate.finishMessage})` : ''}.`,
    });
  }
  return {
    index: candidate.index ?? position,
    message,
    logprobs: context.logprobs ? convertGeminiLogprobsToOpenAI(candidate.logprobsResult, context.topLogprobs) : null,
    finish_reason: mapGeminiFinishReason(reason, toolCalls.length > 0),
  };
}

/**
 * A Gemini `GenerateContentResponse` → an OpenAI `chat.completion`.
 *
 * - `id` from `environment.generateId('chatcmpl')`, `created` from `environment.now()`, `model` = the client's
 *   requested model (`context.model`; Gemini's `modelVersion` may name a dated version and is not echoed).
 * - candidates → choices (index = `candidate.index` ?? position); see {@link convertGeminiCandidateToOpenAIChoice}.
 * - `promptFeedback.blockReason` with no candidates → one choice, `content: null`, `finish_reason: content_filter`,
 *   and a `prompt_blocked` warning carrying the reason.
 * - usage via `convertGeminiUsage` when `usageMetadata` is present. No `system_fingerprint`.
 * - A body that is not a Gemini response, or has neither candidates nor a block reason → 502.
 */
export function convertGeminiResponseToOpenAI(body: unknown, options: ConvertGeminiResponseToOpenAIOptions): ConvertGeminiResponseToOpenAIResult {
  const warnings: TranslationWarning[] = [];
  const parsed = geminiGenerateContentResponseSchema().safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    return {
      ok: false,
      status: 502,
      error: createOpenAIError(502, `Invalid upstream response from Gemini${where ? ` at ${where}` : ''}: ${issue?.message ?? 'unreadable body'}.`, { type: 'api_error', code: 'invalid_upstream_response' }).body,
      warnings,
    };
  }
  const response = parsed.data;
  const candidates = response.candidates ?? [];
  let choices: ChatCompletionChoice[];
  if (candidates.length === 0) {
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason === undefined) {
      return {
        ok: false,
        status: 502,
        error: createOpenAIError(502, 'Gemini returned no candidates and no block reason.', { type: 'api_error', code: 'empty_upstream_response' }).body,
        warnings,
      };
    }
    warnings.push({ code: 'prompt_blocked', param: 'promptFeedback.blockReason', message: `Gemini blocked the prompt: ${blockReason}${response.promptFeedback?.blockReasonMessage ? ` (${response.promptFeedback.blockReasonMessage})` : ''}.` });
    choices = [{ index: 0, message: { role: 'assistant', content: null, refusal: null }, logprobs: null, finish_reason: 'content_filter' }];
  } else {
    choices = candidates.map((candidate, position) => convertGeminiCandidateToOpenAIChoice(candidate, position, options, warnings));
  }
  const completion: ChatCompletion = {
    id: options.environment.generateId('chatcmpl'),
    object: 'chat.completion',
    created: options.environment.now(),
    model: options.context.model,
    choices,
  };
  if (response.usageMetadata) completion.usage = { ...convertGeminiUsage(response.usageMetadata) };
  return { ok: true, response: completion, warnings };
}
