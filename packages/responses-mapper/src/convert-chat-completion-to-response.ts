import type { ChatCompletion, TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';
import type {
  ResponseAnnotation,
  ResponseLogProb,
  ResponseIncompleteDetails,
  ResponseObject,
  ResponseOutputContent,
  ResponseOutputItem,
  ResponseStatus,
} from '@interlingua/responses-schema';
import { buildResponseObject } from './build-response-object.js';
import { convertChatUsageToResponseUsage } from './convert-chat-usage-to-response-usage.js';
import { isEmptyCarrier, sealReasoningCarrier } from './reasoning-carrier.js';
import { outputItemId, type ResponsesTranslationContext } from './responses-context.js';
import { splitReasoningCarriers } from './split-reasoning-carriers.js';

export interface ConvertChatCompletionToResponseOptions {
  context: ResponsesTranslationContext;
  environment: TranslationEnvironment;
}

/** A hub annotation (`{type: 'url_citation', url_citation: {...}}`) → a Responses annotation (flat). */
export function convertChatAnnotation(annotation: unknown): ResponseAnnotation | undefined {
  if (typeof annotation !== 'object' || annotation === null) return undefined;
  const { type, url_citation: citation } = annotation as { type?: unknown; url_citation?: Record<string, unknown> };
  if (type !== 'url_citation' || typeof citation !== 'object' || citation === null) return undefined;
  return {
    type: 'url_citation',
    url: String(citation.url ?? ''),
    title: String(citation.title ?? ''),
    start_index: Number(citation.start_index ?? 0),
    end_index: Number(citation.end_index ?? 0),
  };
}

/** One token of the hub's `logprobs.content` → a Responses `LogProb` (`bytes` always present, `[]` when unknown). */
export function convertChatLogprobs(content: unknown): ResponseLogProb[] {
  if (!Array.isArray(content)) return [];
  const bytes = (value: unknown): number[] => (Array.isArray(value) ? value.filter((b): b is number => typeof b === 'number') : []);
  return content
    .filter((token): token is Record<string, unknown> => typeof token === 'object' && token !== null)
    .map((token) => ({
      token: String(token.token ?? ''),
      logprob: Number(token.logprob ?? 0),
      bytes: bytes(token.bytes),
      top_logprobs: (Array.isArray(token.top_logprobs) ? token.top_logprobs : [])
        .filter((top): top is Record<string, unknown> => typeof top === 'object' && top !== null)
        .map((top) => ({ token: String(top.token ?? ''), logprob: Number(top.logprob ?? 0), bytes: bytes(top.bytes) })),
    }));
}

/**
 * The status a finish reason gives a Response: `length` → incomplete (`max_output_tokens`); `content_filter` →
 * incomplete (`content_filter`) unless the model answered with a refusal (then the refusal is the answer:
 * completed); anything else → completed.
 */
export function responseStatusForFinishReason(
  finishReason: string | null | undefined,
  hasRefusal: boolean,
): { status: ResponseStatus; incompleteDetails: ResponseIncompleteDetails | null } {
  if (finishReason === 'length') return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
  if (finishReason === 'content_filter' && !hasRefusal) return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };
  return { status: 'completed', incompleteDetails: null };
}

/**
 * A chat completion (the hub's reply) → a Response object: output items `reasoning` (the thinking text as a
 * summary, the signed reasoning sealed in `encrypted_content`), `message` (`output_text` with annotations, or a
 * `refusal`), one `function_call` per tool call, and a trailing `reasoning` item when signatures came with the
 * answer (see `splitReasoningCarriers`). Only the first choice is used (the Responses API has no `n`).
 */
export function convertChatCompletionToResponse(
  completion: ChatCompletion,
  options: ConvertChatCompletionToResponseOptions,
): { response: ResponseObject; warnings: TranslationWarning[] } {
  const { context } = options;
  const warnings: TranslationWarning[] = [];
  const choice = completion.choices.find((c) => c.index === 0) ?? completion.choices[0];
  if (completion.choices.length > 1) {
    warnings.push({ code: 'choices_dropped', param: 'choices', message: `The upstream returned ${completion.choices.length} choices; a Response holds the first.` });
  }
  const message = choice?.message;
  const output: ResponseOutputItem[] = [];
  const refusal = typeof message?.refusal === 'string' && message.refusal !== '' ? message.refusal : undefined;
  const { status, incompleteDetails } = responseStatusForFinishReason(choice?.finish_reason, refusal !== undefined);
  if (message) {
    const { lead, tail } = splitReasoningCarriers(message);
    const reasoning = typeof message.reasoning_content === 'string' ? message.reasoning_content : '';
    if (reasoning !== '' || !isEmptyCarrier(lead)) {
      output.push({
        type: 'reasoning',
        id: outputItemId(context, 'rs', output.length),
        summary: reasoning !== '' ? [{ type: 'summary_text', text: reasoning }] : [],
        // Only when there is signed reasoning: Open Responses allows only a string here (OpenAI's schema also null).
        ...(isEmptyCarrier(lead) ? {} : { encrypted_content: sealReasoningCarrier(lead) }),
        status: 'completed',
      });
    }
    const content: ResponseOutputContent[] = [];
    const annotations = (message.annotations ?? []).map(convertChatAnnotation).filter((a): a is ResponseAnnotation => a !== undefined);
    if ((typeof message.content === 'string' && message.content !== '') || annotations.length) {
      content.push({ type: 'output_text', text: typeof message.content === 'string' ? message.content : '', annotations, logprobs: convertChatLogprobs(choice?.logprobs?.content) });
    }
    if (refusal !== undefined) content.push({ type: 'refusal', refusal });
    if (content.length) {
      output.push({ type: 'message', id: outputItemId(context, 'msg', output.length), role: 'assistant', status: 'completed', content });
    }
    for (const call of message.tool_calls ?? []) {
      if (call.type !== 'function') continue;
      output.push({
        type: 'function_call',
        id: outputItemId(context, 'fc', output.length),
        call_id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
        status: 'completed',
      });
    }
    if (status === 'incomplete') {
      const last = [...output].reverse().find((item) => item.type !== 'reasoning');
      if (last && (last.type === 'message' || last.type === 'function_call')) last.status = 'incomplete';
    }
    if (Array.isArray(message.images) && message.images.length) {
      warnings.push({
        code: 'images_not_shown',
        param: 'output',
        message: `The reply carries ${message.images.length} image(s); a Responses message has no image part, so they travel only in the trailing reasoning item's encrypted_content.`,
      });
    }
    if (!isEmptyCarrier(tail)) {
      output.push({
        type: 'reasoning',
        id: outputItemId(context, 'rs', output.length),
        summary: [],
        encrypted_content: sealReasoningCarrier(tail),
        status: 'completed',
      });
    }
  }
  const response = buildResponseObject(context, {
    status,
    model: completion.model || context.model,
    output,
    usage: completion.usage ? convertChatUsageToResponseUsage(completion.usage) : null,
    incompleteDetails,
    completedAt: status === 'completed' ? options.environment.now() : null,
  });
  return { response, warnings };
}
