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
import { convertGeminiGroundingToAnnotations } from './convert-gemini-grounding-to-annotations.js';
import { convertGeminiLogprobsToOpenAI } from './convert-gemini-logprobs-to-openai.js';
import { convertGeminiUsage } from './convert-gemini-usage.js';
import type { GeminiCandidate } from './gemini-response-schema.js';
import type { GeminiMessageSignature } from './gemini-thought-signature-extension.js';
import type { GeminiTranslationContext } from './gemini-translation-context.js';
import { isKnownGeminiFinishReason, mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { restoreGeminiToolName } from './restore-gemini-tool-name.js';
import { parseGeminiGenerateContentResponse } from './parse-gemini-generate-content-response.js';

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
  const images: GeminiReplyImage[] = [];
  /** Where each text part's text starts in `content` (for citations). */
  const partTexts = new Map<number, { text: string; offset: number }>();
  let contentLength = 0;
  const pushText = (index: number, text: string) => {
    partTexts.set(index, { text, offset: contentLength });
    texts.push(text);
    contentLength += text.length;
    sawText = true;
  };
  parts.forEach((part, index) => {
    if (part.functionCall && context.jsonResponse !== undefined && part.functionCall.name === context.jsonResponse.name) {
      // The JSON answer, requested as a call of the response function (applyGeminiJsonResponseStrategy).
      const args = part.functionCall.args ?? {};
      pushText(index, JSON.stringify(context.jsonResponse.wrapped ? (args.response ?? null) : args));
      if (part.thoughtSignature !== undefined) signatures.push({ part: 'content', signature: part.thoughtSignature });
      return;
    }
    if (part.executableCode) {
      pushText(index, formatExecutableCode(part.executableCode));
      return;
    }
    if (part.codeExecutionResult) {
      pushText(index, formatCodeExecutionResult(part.codeExecutionResult));
      return;
    }
    if (part.inlineData && part.thought !== true) {
      images.push(toReplyImage(part.inlineData));
      // Image models sign their image parts: the signature is kept (as the stream does), not dropped.
      if (part.thoughtSignature !== undefined) signatures.push({ part: 'trailing', signature: part.thoughtSignature });
      return;
    }
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
      pushText(index, part.text);
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
  const google: Record<string, unknown> = {};
  if (signatures.length > 0) google.thought_signatures = signatures;
  if (candidate.groundingMetadata) {
    const content = texts.join('');
    const annotations = convertGeminiGroundingToAnnotations(candidate.groundingMetadata, (partIndex) =>
      partIndex === undefined ? { text: content, offset: 0 } : partTexts.get(partIndex),
    );
    if (annotations.length > 0) message.annotations = annotations;
    google.grounding_metadata = candidate.groundingMetadata;
  }
  if (candidate.urlContextMetadata) google.url_context_metadata = candidate.urlContextMetadata;
  if (Object.keys(google).length > 0) message.extra_content = { google };
  if (images.length > 0) message.images = images;

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
  const parsed = parseGeminiGenerateContentResponse(body);
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

/** An image part of a reply, in the `message.images` extension (OpenRouter's image-output form: `image_url` data URLs). */
export interface GeminiReplyImage {
  type: 'image_url';
  image_url: { url: string };
}

/** `inlineData` of a reply → the `images` extension entry (a base64 data URL). */
export function toReplyImage(inlineData: { mimeType?: string; data?: string }): GeminiReplyImage {
  return { type: 'image_url', image_url: { url: `data:${inlineData.mimeType ?? 'application/octet-stream'};base64,${inlineData.data ?? ''}` } };
}

/** `executableCode` → message text: a fenced block in the code's language (Gemini's code execution runs Python). */
export function formatExecutableCode(code: { language?: string; code?: string }): string {
  const language = code.language === undefined || code.language === 'LANGUAGE_UNSPECIFIED' ? 'python' : code.language.toLowerCase();
  return `\n\`\`\`${language}\n${code.code ?? ''}\n\`\`\`\n`;
}

/** `codeExecutionResult` → message text: a fenced `output` block; an outcome other than OK is named above it. */
export function formatCodeExecutionResult(result: { outcome?: string; output?: string }): string {
  const outcome = result.outcome === undefined || result.outcome === 'OUTCOME_OK' ? '' : `\n(code execution: ${result.outcome})`;
  return `${outcome}\n\`\`\`output\n${result.output ?? ''}\n\`\`\`\n`;
}
