import type { MessagesContentBlock, MessagesMessage } from '@interlingua/messages-schema';
import type { ChatCompletion, TranslationEnvironment, TranslationWarning } from '@interlingua/openai-schema';
import { encodeContinuation, type ContinuationData } from './continuation-carrier.js';
import { convertChatUsageToMessagesUsage } from './convert-chat-usage-to-messages-usage.js';
import { createMessageId, sanitizeToolUseId } from './create-message-id.js';
import { mapFinishReasonToStopReason } from './map-finish-reason-to-stop-reason.js';
import type { MessagesTranslationContext } from './messages-translation-context.js';

export interface ConvertChatCompletionOptions {
  context: MessagesTranslationContext;
  environment: TranslationEnvironment;
}

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tool-call arguments → the `input` object (invalid JSON or a non-object is kept as `{}` with a warning). */
export function parseToolArguments(text: string, param: string, warnings: TranslationWarning[]): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
  } catch {
    // reported below
  }
  warnings.push({ code: 'tool_arguments_invalid', param, message: 'The upstream sent tool-call arguments that are not a JSON object; the tool_use input is {}.' });
  return {};
}

/**
 * The thinking blocks of a reply: the hub's lossless `thinking_blocks` when present (signed thinking, redacted
 * thinking, in order), else `reasoning_content` as one thinking block with an empty signature (the upstream signs
 * nothing; Gemini's signatures travel in the continuation block instead).
 */
export function thinkingBlocksOf(message: Record_, omitThinking: boolean): MessagesContentBlock[] {
  const blocks: MessagesContentBlock[] = [];
  if (Array.isArray(message['thinking_blocks']) && message['thinking_blocks'].length > 0) {
    for (const block of message['thinking_blocks']) {
      if (!isRecord(block)) continue;
      if (block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') blocks.push({ type: 'redacted_thinking', data: block['data'] });
      else if (block['type'] === 'thinking') {
        const thinking = typeof block['thinking'] === 'string' ? block['thinking'] : '';
        blocks.push({ type: 'thinking', thinking: omitThinking ? '' : thinking, signature: typeof block['signature'] === 'string' ? block['signature'] : '' });
      }
    }
    return blocks;
  }
  const reasoning = message['reasoning_content'];
  if (typeof reasoning === 'string' && reasoning !== '') blocks.push({ type: 'thinking', thinking: omitThinking ? '' : reasoning, signature: '' });
  return blocks;
}

/**
 * A chat completion (the hub's reply) → an Anthropic Message.
 *
 * Content, in order: thinking blocks, one text block (content, then a refusal's text), one `tool_use` per tool call
 * (`input` parsed from the arguments; ids outside `^[a-zA-Z0-9_-]+$` sanitised), and last, when the upstream sent
 * continuation data (`extra_content`: Gemini's thought signatures), one `redacted_thinking` block carrying it (see
 * `continuation-carrier.ts`). `id` = `msg_…`, `model` = the client's model, usage per `convertChatUsageToMessagesUsage`.
 */
export function convertChatCompletionToMessage(
  completion: ChatCompletion,
  options: ConvertChatCompletionOptions,
): { message: MessagesMessage; warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  const choice = (Array.isArray(completion.choices) ? completion.choices[0] : undefined) as Record_ | undefined;
  const message = (isRecord(choice?.['message']) ? choice['message'] : {}) as Record_;
  const content: MessagesContentBlock[] = thinkingBlocksOf(message, options.context.omitThinking);

  let text = typeof message['content'] === 'string' ? message['content'] : '';
  const refusal = message['refusal'];
  if (typeof refusal === 'string' && refusal !== '') text += refusal;
  if (text !== '') content.push({ type: 'text', text, citations: null });
  if (Array.isArray(message['annotations']) && message['annotations'].length > 0) {
    warnings.push({ code: 'annotations_dropped', param: 'content', message: 'URL citations of the upstream have no Messages form without its search results; the text was kept.' });
  }

  const carried: ContinuationData = {};
  if (message['extra_content'] !== undefined) carried.m = message['extra_content'];
  const toolCalls = Array.isArray(message['tool_calls']) ? message['tool_calls'] : [];
  toolCalls.forEach((call: unknown, index) => {
    if (!isRecord(call)) return;
    const fn = isRecord(call['function']) ? call['function'] : {};
    const rawId = typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : options.environment.generateId('call');
    const id = sanitizeToolUseId(rawId);
    if (id !== rawId) warnings.push({ code: 'tool_use_id_sanitized', param: `tool_calls.${index}.id`, message: `The tool-call id "${rawId}" was sent as "${id}" (Messages ids allow letters, digits, _ and -).` });
    const input = parseToolArguments(typeof fn['arguments'] === 'string' ? fn['arguments'] : '', `tool_calls.${index}.function.arguments`, warnings);
    content.push({ type: 'tool_use', id, name: typeof fn['name'] === 'string' ? fn['name'] : '', input });
    if (call['extra_content'] !== undefined) (carried.t ??= {})[id] = call['extra_content'];
  });
  if (carried.m !== undefined || carried.t !== undefined) content.push({ type: 'redacted_thinking', data: encodeContinuation(carried) });

  const finish = choice?.['finish_reason'] ?? null;
  const stop = mapFinishReasonToStopReason(finish, choice?.['stop_reason'], options.context.stopSequences);
  if (!stop.known) warnings.push({ code: 'unknown_finish_reason', param: 'finish_reason', message: `The upstream's finish_reason ${JSON.stringify(finish)} was sent as end_turn.` });
  const stopReason = typeof refusal === 'string' && refusal !== '' ? 'refusal' : stop.stopReason;
  return {
    message: {
      id: createMessageId(options.environment),
      type: 'message',
      role: 'assistant',
      content,
      model: options.context.model,
      stop_reason: stopReason,
      stop_sequence: stop.stopSequence,
      usage: convertChatUsageToMessagesUsage(completion.usage),
    },
    warnings,
  };
}
