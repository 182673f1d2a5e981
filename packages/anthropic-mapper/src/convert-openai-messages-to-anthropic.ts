import { orderAssistantBlocks, type ChatCompletionMessageParam } from '@interlingua/openai-schema';
import type {
  AnthropicAssistantContentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicUserContentBlock,
} from './anthropic-request-types.js';
import {
  convertOpenAIFilePartToAnthropic,
  convertOpenAIImagePartToAnthropic,
  convertOpenAITextPartToAnthropic,
  isBlankText,
  readCacheControl,
} from './convert-openai-content-part-to-anthropic.js';
import { addWarning, RequestMappingFailure, type RequestMappingState } from './request-mapping-failure.js';
import { AnthropicToolUseIdSanitizer } from './sanitize-anthropic-tool-use-id.js';
import { ANTHROPIC_BLOCK_ORDER_FIELD, ANTHROPIC_BLOCKS_FIELD } from './anthropic-extension-fields.js';

/** The text of the user turn inserted when the conversation does not start with a user turn. */
export const FIRST_USER_TURN_PLACEHOLDER = '(continued)';

export interface ConvertedAnthropicMessages {
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
  /** A `file_id` document was produced: the request needs the Files API beta header. */
  usesFilesApi: boolean;
  /**
   * Each signed thinking block sent back, by identity, with the client's field it came from
   * (`messages[i].thinking_blocks[k]`); null when there is none. `locateThinkingBlockParams` turns it into the
   * Anthropic paths (`messages.{i}.content.{j}`) of the final body, for `input_transformations`.
   */
  thinkingBlockSources: Map<object, string> | null;
}

/** Where the signed thinking blocks of one conversion came from (made on the first one). */
interface ThinkingBlockSources {
  map: Map<object, string> | null;
}

type Part = Record<string, unknown>;

function asParts(content: unknown): Part[] | null {
  return Array.isArray(content) ? (content as Part[]) : null;
}

function convertSystemMessage(message: ChatCompletionMessageParam, index: number, state: RequestMappingState): AnthropicTextBlock[] {
  const param = `messages[${index}].content`;
  const content = message.content;
  if (typeof content === 'string') {
    const block = convertOpenAITextPartToAnthropic(content, {}, param, state);
    return block ? [block] : [];
  }
  const blocks: AnthropicTextBlock[] = [];
  (asParts(content) ?? []).forEach((part, j) => {
    if (part['type'] !== 'text' || typeof part['text'] !== 'string') {
      throw new RequestMappingFailure(`${message.role} messages may only hold text parts.`, `${param}[${j}]`, 'invalid_value');
    }
    const block = convertOpenAITextPartToAnthropic(part['text'], part, `${param}[${j}].text`, state);
    if (block) blocks.push(block);
  });
  return blocks;
}

function convertUserContent(content: unknown, index: number, state: RequestMappingState, files: { used: boolean }): AnthropicUserContentBlock[] {
  const param = `messages[${index}].content`;
  if (typeof content === 'string') {
    const block = convertOpenAITextPartToAnthropic(content, {}, param, state);
    return block ? [block] : [];
  }
  const blocks: AnthropicUserContentBlock[] = [];
  (asParts(content) ?? []).forEach((part, j) => {
    const partParam = `${param}[${j}]`;
    switch (part['type']) {
      case 'text': {
        const block = convertOpenAITextPartToAnthropic(String(part['text'] ?? ''), part, `${partParam}.text`, state);
        if (block) blocks.push(block);
        return;
      }
      case 'image_url':
        blocks.push(convertOpenAIImagePartToAnthropic(part, partParam, state));
        return;
      case 'file': {
        const { block, usesFilesApi } = convertOpenAIFilePartToAnthropic(part, partParam, state);
        if (usesFilesApi) files.used = true;
        blocks.push(block);
        return;
      }
      case 'input_audio':
        throw new RequestMappingFailure('Anthropic does not accept audio input (input_audio).', `${partParam}.input_audio`, 'unsupported_content_type');
      default:
        throw new RequestMappingFailure(`Content part type "${String(part['type'])}" is not supported here.`, `${partParam}.type`, 'unsupported_content_type');
    }
  });
  return blocks;
}

function convertToolContent(content: unknown, index: number, state: RequestMappingState): AnthropicToolResultBlock['content'] {
  const param = `messages[${index}].content`;
  if (typeof content === 'string') return content === '' ? undefined : content;
  const blocks: Array<AnthropicTextBlock | AnthropicImageBlock> = [];
  (asParts(content) ?? []).forEach((part, j) => {
    const partParam = `${param}[${j}]`;
    if (part['type'] === 'text') {
      const block = convertOpenAITextPartToAnthropic(String(part['text'] ?? ''), part, `${partParam}.text`, state);
      if (block) blocks.push(block);
    } else if (part['type'] === 'image_url') {
      blocks.push(convertOpenAIImagePartToAnthropic(part, partParam, state));
    } else {
      throw new RequestMappingFailure(`Tool results may hold text and image parts only, not "${String(part['type'])}".`, `${partParam}.type`, 'unsupported_content_type');
    }
  });
  return blocks.length > 0 ? blocks : undefined;
}

function convertThinkingBlocks(message: Record<string, unknown>, index: number, state: RequestMappingState, sources: ThinkingBlockSources): AnthropicAssistantContentBlock[] {
  const blocks: AnthropicAssistantContentBlock[] = [];
  const thinkingBlocks = message['thinking_blocks'];
  if (Array.isArray(thinkingBlocks)) {
    thinkingBlocks.forEach((candidate: unknown, k) => {
      const block = candidate as Record<string, unknown> | null;
      let converted: AnthropicAssistantContentBlock | null = null;
      if (block && block['type'] === 'thinking' && typeof block['thinking'] === 'string' && typeof block['signature'] === 'string' && block['signature'] !== '') {
        converted = { type: 'thinking', thinking: block['thinking'], signature: block['signature'] };
      } else if (block && block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') {
        converted = { type: 'redacted_thinking', data: block['data'] };
      }
      if (converted) {
        blocks.push(converted);
        (sources.map ??= new Map()).set(converted, `messages[${index}].thinking_blocks[${k}]`);
      } else {
        addWarning(state, 'thinking_block_dropped', `messages[${index}].thinking_blocks[${k}]`, 'A thinking block without a signature (or of an unknown type) cannot be sent back to Anthropic; it was dropped.');
      }
    });
  }
  const reasoning = message['reasoning_content'];
  if (blocks.length === 0 && typeof reasoning === 'string' && reasoning !== '') {
    addWarning(state, 'reasoning_content_dropped', `messages[${index}].reasoning_content`, 'reasoning_content without signed thinking_blocks cannot be replayed to Anthropic; it was dropped.');
  }
  return blocks;
}

function parseToolArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RequestMappingFailure('The tool call arguments are not valid JSON.', param, 'invalid_tool_arguments');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RequestMappingFailure('The tool call arguments must be a JSON object.', param, 'invalid_tool_arguments');
  }
  return parsed as Record<string, unknown>;
}

/** The id given to a legacy `function_call` (assistant message `i` → `legacy_function_call_i`). */
export const LEGACY_CALL_ID_PREFIX = 'legacy_function_call_';

/** An assistant message's text as one string (a string content, or text parts with nothing else), else `null`. */
function plainAssistantText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  const parts = asParts(content);
  if (!parts) return null;
  let text = '';
  for (const part of parts) {
    if (part['type'] !== 'text' || typeof part['text'] !== 'string' || Object.keys(part).length !== 2) return null;
    text += part['text'];
  }
  return text;
}

/** The default conversion of an assistant message's text: one block for a string, one per part. */
function convertAssistantText(message: Record<string, unknown>, index: number, state: RequestMappingState): AnthropicAssistantContentBlock[] {
  const texts: AnthropicAssistantContentBlock[] = [];
  const content = message['content'];
  const param = `messages[${index}].content`;
  if (typeof content === 'string') {
    if (content !== '') {
      const block = convertOpenAITextPartToAnthropic(content, {}, param, state);
      if (block) texts.push(block);
    } else if (!Array.isArray(message['tool_calls']) || message['tool_calls'].length === 0) {
      addWarning(state, 'empty_text_dropped', param, 'An empty assistant text was dropped (Anthropic rejects empty text blocks).');
    }
  } else {
    (asParts(content) ?? []).forEach((part, j) => {
      const text = part['type'] === 'refusal' ? part['refusal'] : part['text'];
      const block = convertOpenAITextPartToAnthropic(String(text ?? ''), part, `${param}[${j}]`, state);
      if (block) texts.push(block);
    });
  }
  return texts;
}

function convertAssistantMessage(
  message: Record<string, unknown>,
  index: number,
  state: RequestMappingState,
  ids: AnthropicToolUseIdSanitizer,
  legacyCalls: Map<string, string>,
  sources: ThinkingBlockSources,
): AnthropicAssistantContentBlock[] {
  const thinking = convertThinkingBlocks(message, index, state, sources);
  const order = message[ANTHROPIC_BLOCK_ORDER_FIELD];
  const carried: AnthropicAssistantContentBlock[] = [];
  const replayed = message[ANTHROPIC_BLOCKS_FIELD];
  if (replayed !== undefined && replayed !== null) {
    if (!Array.isArray(replayed)) throw new RequestMappingFailure('anthropic_blocks must be an array of Anthropic content blocks.', `messages[${index}].${ANTHROPIC_BLOCKS_FIELD}`, 'invalid_value');
    replayed.forEach((block: unknown, k) => {
      if (!block || typeof block !== 'object' || Array.isArray(block) || typeof (block as { type?: unknown }).type !== 'string') {
        throw new RequestMappingFailure('Each anthropic_blocks entry must be an Anthropic content block (an object with a type).', `messages[${index}].${ANTHROPIC_BLOCKS_FIELD}[${k}]`, 'invalid_value');
      }
      carried.push(block as AnthropicAssistantContentBlock);
    });
  }
  const toolUses: AnthropicAssistantContentBlock[] = [];
  const toolCalls = message['tool_calls'];
  const legacyCall = message['function_call'] as { name?: unknown; arguments?: unknown } | null | undefined;
  if (legacyCall && typeof legacyCall === 'object' && !(Array.isArray(toolCalls) && toolCalls.length > 0)) {
    // Legacy function calling has no ids: the call gets one from its position, and the next `function` message
    // with its name answers it.
    const name = String(legacyCall.name ?? '');
    const id = `${LEGACY_CALL_ID_PREFIX}${index}`;
    toolUses.push({ type: 'tool_use', id, name, input: parseToolArguments(String(legacyCall.arguments ?? ''), `messages[${index}].function_call.arguments`) });
    legacyCalls.set(name, id);
  }
  if (Array.isArray(toolCalls)) {
    toolCalls.forEach((candidate: unknown, j) => {
      const call = candidate as Record<string, unknown>;
      const callParam = `messages[${index}].tool_calls[${j}]`;
      if (call['type'] !== 'function') {
        throw new RequestMappingFailure('Only function tool calls can be sent to Anthropic.', `${callParam}.type`, 'unsupported_value');
      }
      const fn = call['function'] as { name: string; arguments: string };
      const input = parseToolArguments(fn.arguments, `${callParam}.function.arguments`);
      const { id, changed } = ids.sanitize(String(call['id']));
      if (changed) {
        addWarning(state, 'tool_call_id_sanitized', `${callParam}.id`, `Tool-call id "${String(call['id'])}" does not match Anthropic's ^[a-zA-Z0-9_-]+$ and was sent as "${id}" (tool_use and tool_result alike).`);
      }
      const cacheControl = readCacheControl(call);
      toolUses.push({ type: 'tool_use', id, name: fn.name, input, ...(cacheControl ? { cache_control: cacheControl } : {}) });
    });
  }
  if (order !== undefined && order !== null) {
    const orderParam = `messages[${index}].${ANTHROPIC_BLOCK_ORDER_FIELD}`;
    const allThinkingKept = thinking.length === (Array.isArray(message['thinking_blocks']) ? message['thinking_blocks'].length : 0);
    let blanks = 0;
    const makeText = (text: string, citations: unknown[] | undefined): AnthropicAssistantContentBlock | null => {
      if (!isBlankText(text)) return citations ? { type: 'text', text, citations } : { type: 'text', text };
      blanks++;
      return null;
    };
    const ordered = allThinkingKept
      ? orderAssistantBlocks<AnthropicAssistantContentBlock>(order, { thinking, text: plainAssistantText(message['content']), carried, toolUses }, makeText)
      : ({ ok: false, reason: 'a thinking block was dropped' } as const);
    if (ordered.ok) {
      if (blanks > 0) addWarning(state, 'empty_text_dropped', `messages[${index}].content`, `${blanks} empty or whitespace-only text block(s) of the reply were dropped (Anthropic rejects empty text blocks).`);
      return ordered.blocks;
    }
    addWarning(
      state,
      'block_order_ignored',
      orderParam,
      `The assistant message no longer matches its anthropic_block_order (${ordered.reason}); its blocks were sent in the default order (thinking, text, anthropic_blocks, tool calls), which a model that checks thinking-block prefixes may reject.`,
    );
  }
  return [...thinking, ...convertAssistantText(message, index, state), ...carried, ...toolUses];
}

/** Appends blocks to a user turn keeping every tool_result ahead of the other blocks (Anthropic's rule). */
function appendToUserTurn(turn: AnthropicUserContentBlock[], blocks: AnthropicUserContentBlock[], index: number, state: RequestMappingState): void {
  for (const block of blocks) {
    if (block.type === 'tool_result') {
      const firstOther = turn.findIndex((existing) => existing.type !== 'tool_result');
      if (firstOther >= 0) {
        turn.splice(turn.findLastIndex((existing) => existing.type === 'tool_result') + 1 || firstOther, 0, block);
        addWarning(state, 'tool_result_moved', `messages[${index}]`, 'A tool result was moved ahead of user content in the same turn (Anthropic requires tool_result blocks first).');
        continue;
      }
    }
    turn.push(block);
  }
}

/**
 * OpenAI messages → Anthropic `system` + `messages`.
 *
 * - `system` and `developer` messages before the conversation become top-level `system` text blocks in order
 *   (part-level `cache_control` kept). One inside the conversation: on a model that takes mid-conversation system
 *   messages, a `role: "system"` turn after the user turn it stands in (consecutive ones merged; moved after the next
 *   user turn when it follows an assistant turn, reported); otherwise, or when no user turn can take it, a top-level
 *   system block (reported).
 * - user content: text, images (data URL → base64, http(s) → url), files (PDF / text → document, file_id → Files
 *   API document); `input_audio` is a 400.
 * - assistant: signed `thinking_blocks` first, then text, then `anthropic_blocks`, then `tool_use` (arguments parsed:
 *   invalid JSON is a 400) — or, when the message carries `anthropic_block_order` and still matches it, the blocks in
 *   that order (the reply's own; a mismatch is warned and the default order used).
 * - `tool` messages → `tool_result` blocks in a user turn, ahead of any user text that follows.
 * - consecutive same-role turns are merged; empty and whitespace-only text blocks are dropped (warned); an
 *   emptied message disappears (warned); a final assistant prefill is right-trimmed (warned).
 * - the first turn must be a user turn: when it is not, a user turn holding `(continued)` is inserted (warned).
 * - tool-call ids are sanitised to `^[a-zA-Z0-9_-]+$` consistently for tool_use and tool_result (warned).
 */
export interface ConvertOpenAIMessagesToAnthropicOptions {
  /** The model takes `role: "system"` messages inside `messages` (catalog `midConversationSystemMessages`). */
  midConversationSystemMessages?: boolean;
}

export function convertOpenAIMessagesToAnthropic(
  messages: readonly ChatCompletionMessageParam[],
  state: RequestMappingState,
  options: ConvertOpenAIMessagesToAnthropicOptions = {},
): ConvertedAnthropicMessages {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicMessage[] = [];
  const ids = new AnthropicToolUseIdSanitizer();
  const files = { used: false };
  const sources: ThinkingBlockSources = { map: null };
  const legacyCalls = new Map<string, string>();

  const push = (role: 'user' | 'assistant', blocks: AnthropicUserContentBlock[] | AnthropicAssistantContentBlock[], index: number) => {
    if (blocks.length === 0) {
      addWarning(state, 'empty_message_dropped', `messages[${index}]`, `The ${messages[index]!.role} message has no content Anthropic accepts; it was dropped.`);
      return;
    }
    const last = turns[turns.length - 1];
    if (last && last.role === role) {
      if (role === 'user') appendToUserTurn(last.content as AnthropicUserContentBlock[], blocks as AnthropicUserContentBlock[], index, state);
      else (last.content as AnthropicAssistantContentBlock[]).push(...(blocks as AnthropicAssistantContentBlock[]));
      return;
    }
    turns.push(role === 'user' ? { role, content: [...(blocks as AnthropicUserContentBlock[])] } : { role, content: [...(blocks as AnthropicAssistantContentBlock[])] });
  };

  const liftSystemWarning = (index: number, role: string): void => {
    addWarning(state, 'system_message_moved', `messages[${index}]`, `A ${role} message inside the conversation was moved to Anthropic's top-level system prompt.`);
  };
  // Mid-conversation system messages (models that take them): gathered until the next assistant turn or the end, then
  // sent as one system turn after the user turn before it — Anthropic's placement: after a user turn, followed by an
  // assistant turn or last, never two in a row.
  let pendingSystem: { blocks: AnthropicTextBlock[]; index: number; role: string; afterUser: boolean } | null = null;
  const placePendingSystem = (): void => {
    if (!pendingSystem) return;
    const { blocks, index, role, afterUser } = pendingSystem;
    pendingSystem = null;
    if (turns[turns.length - 1]?.role === 'user') {
      turns.push({ role: 'system', content: blocks });
      if (afterUser) {
        addWarning(state, 'system_message_moved', `messages[${index}]`, `A ${role} message inside the conversation was sent after the user turn that follows it (Anthropic takes a mid-conversation system message after a user turn).`);
      }
    } else {
      // After an assistant turn with no user turn before the next assistant turn (or the end): no place in the
      // conversation; the top-level system prompt, as on models without mid-conversation system messages.
      liftSystemWarning(index, role);
      system.push(...blocks);
    }
  };

  messages.forEach((message, index) => {
    const record = message as Record<string, unknown>;
    if (typeof record['name'] === 'string' && record['name'] !== '' && message.role !== 'function') {
      addWarning(state, 'parameter_dropped', `messages[${index}].name`, 'Anthropic messages have no participant name; `name` was dropped.');
    }
    switch (message.role) {
      case 'system':
      case 'developer': {
        if (turns.length > 0 && options.midConversationSystemMessages) {
          const blocks = convertSystemMessage(message, index, state);
          if (blocks.length === 0) return;
          pendingSystem ??= { blocks: [], index, role: message.role, afterUser: false };
          pendingSystem.blocks.push(...blocks);
          return;
        }
        if (turns.length > 0) liftSystemWarning(index, message.role);
        system.push(...convertSystemMessage(message, index, state));
        return;
      }
      case 'user': {
        const blocks = convertUserContent(message.content, index, state, files);
        if (pendingSystem && blocks.length > 0) pendingSystem.afterUser = true;
        push('user', blocks, index);
        return;
      }
      case 'assistant': {
        const blocks = convertAssistantMessage(record, index, state, ids, legacyCalls, sources);
        // An emptied assistant message disappears: it does not end the user turn a system message waits in.
        if (blocks.length > 0) placePendingSystem();
        push('assistant', blocks, index);
        return;
      }
      case 'tool': {
        const { id, changed } = ids.sanitize(message.tool_call_id);
        if (changed) {
          addWarning(state, 'tool_call_id_sanitized', `messages[${index}].tool_call_id`, `Tool-call id "${message.tool_call_id}" does not match Anthropic's ^[a-zA-Z0-9_-]+$ and was sent as "${id}" (tool_use and tool_result alike).`);
        }
        const content = convertToolContent(message.content, index, state);
        const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: id, ...(content !== undefined ? { content } : {}) };
        if (typeof record['is_error'] === 'boolean') block.is_error = record['is_error'];
        if (pendingSystem) pendingSystem.afterUser = true;
        push('user', [block], index);
        return;
      }
      case 'function': {
        const name = typeof record['name'] === 'string' ? record['name'] : '';
        const id = legacyCalls.get(name);
        if (id === undefined) {
          throw new RequestMappingFailure(`A function message must answer an earlier assistant function_call named "${name}".`, `messages[${index}].name`, 'invalid_value');
        }
        legacyCalls.delete(name);
        const content = convertToolContent(message.content, index, state);
        if (pendingSystem) pendingSystem.afterUser = true;
        push('user', [{ type: 'tool_result', tool_use_id: id, ...(content !== undefined ? { content } : {}) }], index);
        return;
      }
      default:
        throw new RequestMappingFailure(`Messages with role "${String((message as { role: unknown }).role)}" are not supported; use tool messages.`, `messages[${index}].role`, 'unsupported_value');
    }
  });

  placePendingSystem();

  const last = turns[turns.length - 1];
  if (last && last.role === 'assistant') {
    const final = last.content[last.content.length - 1];
    if (final && final.type === 'text' && typeof final.text === 'string' && final.text !== final.text.trimEnd()) {
      last.content[last.content.length - 1] = { ...final, type: 'text', text: final.text.trimEnd() };
      addWarning(state, 'assistant_prefill_trimmed', `messages[${messages.length - 1}].content`, 'Trailing whitespace was removed from the final assistant message (Anthropic rejects it in a prefill).');
    }
  }

  if (turns.length === 0 || turns[0]!.role !== 'user') {
    turns.unshift({ role: 'user', content: [{ type: 'text', text: FIRST_USER_TURN_PLACEHOLDER }] });
    addWarning(state, 'first_user_turn_inserted', 'messages', `Anthropic needs the conversation to start with a user turn; a user turn "${FIRST_USER_TURN_PLACEHOLDER}" was inserted.`);
  }

  return { system, messages: turns, usesFilesApi: files.used, thinkingBlockSources: sources.map };
}
