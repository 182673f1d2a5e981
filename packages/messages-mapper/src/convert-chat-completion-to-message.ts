import type { MessagesContentBlock, MessagesMessage } from '@interlingua/messages-schema';
import { ANTHROPIC_BLOCK_ORDER_FIELD, type ChatCompletion, type OrderedAssistantBlocks, type TranslationEnvironment, type TranslationWarning } from '@interlingua/openai-schema';
import { orderReplyBlocks } from './anthropic-block-order.js';
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
 * The reply's thinking, text and tool_use blocks in the order of its `anthropic_block_order`, when it matches them
 * exactly: every `thinking_blocks` entry usable, no `reasoning_content` without them, no refusal text, every tool call
 * a block, and no block the Message cannot hold (`anthropic_blocks`).
 */
function orderedReplyBlocks(message: Record_, thinking: MessagesContentBlock[], text: string, toolUses: MessagesContentBlock[]): OrderedAssistantBlocks<MessagesContentBlock> {
  const hubThinking = Array.isArray(message['thinking_blocks']) ? message['thinking_blocks'].length : 0;
  if (hubThinking === 0 && thinking.length > 0) return { ok: false, reason: 'its reasoning_content has no thinking_blocks' };
  if (thinking.length !== hubThinking) return { ok: false, reason: 'the thinking_blocks do not match' };
  const refusal = message['refusal'];
  if (typeof refusal === 'string' && refusal !== '') return { ok: false, reason: 'it has a refusal' };
  if (toolUses.length !== (Array.isArray(message['tool_calls']) ? message['tool_calls'].length : 0)) return { ok: false, reason: 'the tool calls do not match' };
  return orderReplyBlocks(message[ANTHROPIC_BLOCK_ORDER_FIELD], { thinking, text, toolUses });
}

/**
 * A chat completion (the hub's reply) → an Anthropic Message.
 *
 * Content, in order: thinking blocks, one text block (content, then a refusal's text), one `tool_use` per tool call
 * (`input` parsed from the arguments; ids outside `^[a-zA-Z0-9_-]+$` sanitised), and last, when the upstream sent
 * continuation data (`extra_content`: Gemini's thought signatures), one `redacted_thinking` block carrying it (see
 * `continuation-carrier.ts`). A reply whose `anthropic_block_order` (an Anthropic reply that interleaves thinking)
 * matches it has its thinking, text and tool_use blocks in that order instead, each text block cut from the content;
 * one that does not match keeps the default order (`block_order_ignored`). `id` = `msg_…`, `model` = the client's
 * model, usage per `convertChatUsageToMessagesUsage`.
 */
export function convertChatCompletionToMessage(
  completion: ChatCompletion,
  options: ConvertChatCompletionOptions,
): { message: MessagesMessage; warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  const choice = (Array.isArray(completion.choices) ? completion.choices[0] : undefined) as Record_ | undefined;
  const message = (isRecord(choice?.['message']) ? choice['message'] : {}) as Record_;
  const thinking = thinkingBlocksOf(message, options.context.omitThinking);

  const messageText = typeof message['content'] === 'string' ? message['content'] : '';
  let text = messageText;
  const refusal = message['refusal'];
  if (typeof refusal === 'string' && refusal !== '') text += refusal;
  if (Array.isArray(message['annotations']) && message['annotations'].length > 0) {
    warnings.push({ code: 'annotations_dropped', param: 'content', message: 'URL citations of the upstream have no Messages form without its search results; the text was kept.' });
  }

  const carried: ContinuationData = {};
  if (message['extra_content'] !== undefined) carried.m = message['extra_content'];
  const toolCalls = Array.isArray(message['tool_calls']) ? message['tool_calls'] : [];
  const toolUses: MessagesContentBlock[] = [];
  toolCalls.forEach((call: unknown, index) => {
    if (!isRecord(call)) return;
    const fn = isRecord(call['function']) ? call['function'] : {};
    const rawId = typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : options.environment.generateId('call');
    const id = sanitizeToolUseId(rawId);
    if (id !== rawId) warnings.push({ code: 'tool_use_id_sanitized', param: `tool_calls.${index}.id`, message: `The tool-call id "${rawId}" was sent as "${id}" (Messages ids allow letters, digits, _ and -).` });
    const input = parseToolArguments(typeof fn['arguments'] === 'string' ? fn['arguments'] : '', `tool_calls.${index}.function.arguments`, warnings);
    toolUses.push({ type: 'tool_use', id, name: typeof fn['name'] === 'string' ? fn['name'] : '', input });
    if (call['extra_content'] !== undefined) (carried.t ??= {})[id] = call['extra_content'];
  });
  let content: MessagesContentBlock[] | undefined;
  if (message[ANTHROPIC_BLOCK_ORDER_FIELD] !== undefined && message[ANTHROPIC_BLOCK_ORDER_FIELD] !== null) {
    const ordered = orderedReplyBlocks(message, thinking, messageText, toolUses);
    if (ordered.ok) content = ordered.blocks;
    else {
      warnings.push({
        code: 'block_order_ignored',
        param: ANTHROPIC_BLOCK_ORDER_FIELD,
        message: `The upstream's reply does not match its anthropic_block_order (${ordered.reason}); its blocks are in the default order (thinking, text, tool_use), which a model that checks thinking-block prefixes may reject when the turn is sent back.`,
      });
    }
  }
  content ??= [...thinking, ...(text !== '' ? [{ type: 'text' as const, text, citations: null }] : []), ...toolUses];
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
