import {
  parseMessagesCreateRequest,
  type MessagesContentBlockParam,
  type MessagesCreateRequest,
  type MessagesErrorEnvelope,
  type MessagesMessageParam,
} from '@interlingua/messages-schema';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionRequest,
  ChatCompletionThinkingBlock,
  ChatCompletionToolMessageParam,
  TranslationWarning,
} from '@interlingua/openai-schema';
import { ANTHROPIC_BLOCK_ORDER_FIELD, AnthropicBlockOrderRecorder } from '@interlingua/openai-schema';
import { decodeContinuation } from './continuation-carrier.js';
import { convertTextBlock, convertUserBlock } from './convert-messages-content-to-chat.js';
import { convertMessagesToolChoiceToChat, convertMessagesToolsToChat } from './convert-messages-tools-to-chat.js';
import { messagesFieldPaths, type HubPathEntry } from './hub-request-paths.js';
import { mapMessagesThinkingToReasoningEffort } from './map-messages-thinking-to-reasoning-effort.js';
import { dropField, MessagesMappingFailure, warn, type MappingState } from './mapping-failure.js';
import type { MessagesTranslationContext } from './messages-translation-context.js';

export interface ConvertMessagesRequestOptions {
  /** Unsupported fields are a 400 instead of dropped with a warning. */
  strict?: boolean;
  /**
   * The client's `anthropic-version` (default `2023-06-01`). From `2026-10-21` on, Anthropic rejects `temperature`,
   * `top_p` and `top_k` and a user text block with non-empty `citations` with a 400; so does this mapper.
   */
  apiVersion?: string;
}

/** The API version that removed the sampling parameters (Anthropic's "Migrating to API version 2026-10-21"). */
export const MESSAGES_API_VERSION_2026 = '2026-10-21';

export type ConvertMessagesRequestResult =
  | {
      ok: true;
      request: ChatCompletionRequest;
      context: MessagesTranslationContext;
      warnings: TranslationWarning[];
      /** Where each hub path came from in this request, for errors about the hub request (`convertOpenAIErrorToMessages`). */
      paths: HubPathEntry[];
    }
  | { ok: false; status: 400; error: MessagesErrorEnvelope; param: string; warnings: TranslationWarning[] };

/** Top-level fields this mapper translates (any other one is reported). */
const KNOWN_FIELDS = new Set([
  'model', 'messages', 'max_tokens', 'system', 'metadata', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k',
  'thinking', 'output_config', 'tools', 'tool_choice', 'service_tier', 'cache_control',
]);

function systemParts(system: MessagesCreateRequest['system'], param: string, state: MappingState): string | ChatCompletionContentPartText[] {
  if (typeof system === 'string') return system;
  return (system ?? []).map((block, index) => convertTextBlock(block, `${param}.${index}`, state));
}

/** The client path of each field of a hub content part made from the block at `param`. */
function partPaths(hub: string, part: ChatCompletionContentPart, param: string): HubPathEntry[] {
  if (part.type === 'image_url') {
    return [
      { hub, client: param },
      { hub: `${hub}.image_url`, client: `${param}.source` },
      { hub: `${hub}.image_url.url`, client: `${param}.source` },
    ];
  }
  if (part.type === 'file') return [{ hub, client: param }, { hub: `${hub}.file`, client: `${param}.source` }];
  return [{ hub, client: param }];
}

function isEmpty(content: string | unknown[]): boolean {
  return typeof content === 'string' ? content === '' : content.length === 0;
}

function convertToolResult(
  block: Extract<MessagesContentBlockParam, { type: 'tool_result' }>,
  param: string,
  state: MappingState,
  hub: string,
): ChatCompletionToolMessageParam {
  let content: string | ChatCompletionContentPart[];
  state.paths?.push({ hub, client: param }, { hub: `${hub}.tool_call_id`, client: `${param}.tool_use_id` }, { hub: `${hub}.content`, client: `${param}.content` });
  if (block.content === undefined) content = '';
  else if (typeof block.content === 'string') content = block.content;
  else {
    const parts: ChatCompletionContentPart[] = [];
    block.content.forEach((inner, index) => {
      for (const part of convertUserBlock(inner, `${param}.content.${index}`, state)) {
        state.paths?.push(...partPaths(`${hub}.content[${parts.length}]`, part, `${param}.content.${index}`));
        parts.push(part);
      }
    });
    content = parts;
  }
  if (Array.isArray(content) && content.every((part) => part.type === 'text')) {
    content = content.map((part) => (part as ChatCompletionContentPartText).text).join('\n');
  }
  const message: ChatCompletionToolMessageParam = { role: 'tool', tool_call_id: block.tool_use_id, content };
  if (block.is_error === true) message.is_error = true;
  if (block.cache_control) message.cache_control = block.cache_control;
  return message;
}

/** A user turn: its tool results become `tool` messages first (Anthropic requires them first), then the rest. */
function convertUserMessage(message: MessagesMessageParam, param: string, state: MappingState, first: number): ChatCompletionMessageParam[] {
  if (typeof message.content === 'string') {
    state.paths?.push({ hub: `messages[${first}]`, client: param });
    return [{ role: 'user', content: message.content }];
  }
  const results: ChatCompletionMessageParam[] = [];
  const parts: ChatCompletionContentPart[] = [];
  /** Hub part index → the block it came from (the user message's index is known once the tool results are counted). */
  const partSources: string[] = [];
  message.content.forEach((block, index) => {
    const blockParam = `${param}.content.${index}`;
    if (block.type === 'tool_result') {
      if (parts.length > 0) warn(state, 'tool_result_moved', blockParam, 'A tool_result after other content was sent ahead of it, as the tool message it becomes.');
      results.push(convertToolResult(block, blockParam, state, `messages[${first + results.length}]`));
    } else {
      for (const part of convertUserBlock(block, blockParam, state)) {
        partSources.push(blockParam);
        parts.push(part);
      }
    }
  });
  if (parts.length > 0) {
    const hub = `messages[${first + results.length}]`;
    state.paths?.push({ hub, client: param }, { hub: `${hub}.content`, client: `${param}.content` });
    parts.forEach((part, p) => state.paths?.push(...partPaths(`${hub}.content[${p}]`, part, partSources[p]!)));
    results.push({ role: 'user', content: parts });
  }
  return results;
}

function convertAssistantMessage(message: MessagesMessageParam, param: string, state: MappingState, hub: string): ChatCompletionAssistantMessageParam {
  state.paths?.push({ hub, client: param });
  if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
  let firstText: string | undefined;
  let firstThinking: string | undefined;
  const texts: string[] = [];
  const reasoning: string[] = [];
  const thinkingBlocks: ChatCompletionThinkingBlock[] = [];
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  let messageExtra: unknown;
  const toolExtras: Record<string, unknown> = {};
  // The turn's block order as the hub receives it (see anthropic-block-order.ts); void once a thinking block is dropped.
  const order = new AnthropicBlockOrderRecorder();
  let thinkingDropped = false;
  message.content.forEach((block, index) => {
    const blockParam = `${param}.content.${index}`;
    switch (block.type) {
      case 'text':
        firstText ??= blockParam;
        texts.push(block.text);
        order.add('text', block.text.length, Array.isArray(block.citations) ? block.citations : null);
        if (block.cache_control) warn(state, 'cache_control_dropped', `${blockParam}.cache_control`, 'A cache breakpoint on assistant text has no Chat Completions form; it was dropped.');
        break;
      case 'thinking':
        firstThinking ??= blockParam;
        reasoning.push(block.thinking);
        // An empty signature is what a thinking block without one gets from this gateway (an upstream that signs nothing).
        if (block.signature !== '') {
          // Each block its own path: a provider mapper names one (`thinking_dropped`) when the upstream dropped it.
          state.paths?.push({ hub: `${hub}.thinking_blocks[${thinkingBlocks.length}]`, client: blockParam });
          thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
          order.add('thinking');
        } else thinkingDropped = true;
        break;
      case 'redacted_thinking': {
        const carried = decodeContinuation(block.data);
        if (carried) {
          if (carried.m !== undefined) messageExtra = carried.m;
          Object.assign(toolExtras, carried.t ?? {});
        } else {
          state.paths?.push({ hub: `${hub}.thinking_blocks[${thinkingBlocks.length}]`, client: blockParam });
          thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
          order.add('redacted_thinking');
        }
        break;
      }
      case 'tool_use': {
        if (typeof block.input !== 'object' || block.input === null || Array.isArray(block.input)) {
          throw new MessagesMappingFailure(`${blockParam}.input`, 'Input should be a valid dictionary');
        }
        const call = `${hub}.tool_calls[${toolCalls.length}]`;
        state.paths?.push(
          { hub: call, client: blockParam },
          { hub: `${call}.function`, client: blockParam },
          { hub: `${call}.function.arguments`, client: `${blockParam}.input` },
        );
        toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input) } });
        order.add('tool_use');
        break;
      }
      default:
        throw new MessagesMappingFailure(`${blockParam}.type`, `a ${block.type} block is not allowed in an assistant message`);
    }
  });
  if (firstText !== undefined) state.paths?.push({ hub: `${hub}.content`, client: texts.length > 1 ? `${param}.content` : firstText });
  if (firstThinking !== undefined) {
    state.paths?.push({ hub: `${hub}.reasoning_content`, client: firstThinking }, { hub: `${hub}.thinking_blocks`, client: firstThinking });
  }
  const out: ChatCompletionAssistantMessageParam = { role: 'assistant', content: texts.length > 0 ? texts.join('') : null };
  if (reasoning.length > 0) out.reasoning_content = reasoning.join('');
  if (thinkingBlocks.length > 0) out.thinking_blocks = thinkingBlocks;
  if (messageExtra !== undefined) out.extra_content = messageExtra;
  if (toolCalls.length > 0) {
    out.tool_calls = toolCalls.map((call) => (toolExtras[call.id] !== undefined ? { ...call, extra_content: toolExtras[call.id] } : call));
  }
  // A turn with interleaved thinking or cited text keeps its order (and citations) for an Anthropic upstream; a
  // dropped (unsigned) thinking block breaks the match.
  const blockOrder = thinkingDropped ? undefined : order.result();
  if (blockOrder) {
    out[ANTHROPIC_BLOCK_ORDER_FIELD] = blockOrder;
    state.paths?.push({ hub: `${hub}.${ANTHROPIC_BLOCK_ORDER_FIELD}`, client: `${param}.content` });
  }
  return out;
}

/** What `anthropic-version: 2026-10-21` rejects (it applies to requests and to token counting alike). */
function checkVersion2026(request: MessagesCreateRequest): void {
  for (const field of ['temperature', 'top_p', 'top_k'] as const) {
    if (request[field] !== undefined) throw new MessagesMappingFailure(field, `Extra inputs are not permitted: ${field} was removed in anthropic-version ${MESSAGES_API_VERSION_2026}`);
  }
  request.messages.forEach((message, i) => {
    if (message.role !== 'user' || typeof message.content === 'string') return;
    message.content.forEach((block, j) => {
      if (block.type === 'text' && Array.isArray(block.citations) && block.citations.length > 0) {
        throw new MessagesMappingFailure(`messages.${i}.content.${j}.citations`, `citations on a user text block are rejected by anthropic-version ${MESSAGES_API_VERSION_2026}`);
      }
    });
  });
}

function mapRequest(request: MessagesCreateRequest, state: MappingState, apiVersion: string): { request: ChatCompletionRequest; context: MessagesTranslationContext } {
  if (apiVersion >= MESSAGES_API_VERSION_2026) checkVersion2026(request);
  const messages: ChatCompletionMessageParam[] = [];
  if (request.system !== undefined) {
    const content = systemParts(request.system, 'system', state);
    if (!isEmpty(content)) {
      state.paths?.push({ hub: 'messages[0]', client: 'system' }, { hub: 'messages[0].content', client: 'system' });
      messages.push({ role: 'system', content });
    }
  }
  request.messages.forEach((message, index) => {
    const param = `messages.${index}`;
    if (message.role === 'system') {
      const content = typeof message.content === 'string' ? message.content : message.content.map((block, j) => {
        if (block.type !== 'text') throw new MessagesMappingFailure(`${param}.content.${j}.type`, 'a system message holds text blocks only');
        return convertTextBlock(block, `${param}.content.${j}`, state);
      });
      state.paths?.push({ hub: `messages[${messages.length}]`, client: param });
      messages.push({ role: 'system', content });
    } else if (message.role === 'user') {
      messages.push(...convertUserMessage(message, param, state, messages.length));
    } else {
      messages.push(convertAssistantMessage(message, param, state, `messages[${messages.length}]`));
    }
  });
  if (messages.length === 0) throw new MessagesMappingFailure('messages', 'at least one message is required');

  const chat: ChatCompletionRequest = { model: request.model, messages, max_completion_tokens: request.max_tokens };
  if (request.stream === true) {
    chat.stream = true;
    chat.stream_options = { include_usage: true };
  }
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (request.top_k !== undefined) chat.top_k = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0) chat.stop = request.stop_sequences;
  const userId = request.metadata?.user_id;
  if (typeof userId === 'string' && userId !== '') {
    // OpenAI's safety_identifier holds at most 64 characters; Anthropic's user_id up to 256 (then the deprecated `user`).
    if (userId.length <= 64) chat.safety_identifier = userId;
    else chat.user = userId;
  }
  const tools = convertMessagesToolsToChat(request.tools, state);
  if (tools !== undefined && tools.length > 0) chat.tools = tools;
  Object.assign(chat, convertMessagesToolChoiceToChat(request.tool_choice));
  const effort = mapMessagesThinkingToReasoningEffort(request, state);
  if (effort !== undefined) chat.reasoning_effort = effort;
  const format = request.output_config?.format;
  if (format) chat.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema, strict: true } };

  if (request.service_tier === 'standard_only') dropField(state, 'service_tier', 'service_tier "standard_only" has no hub equivalent');
  if (request.cache_control) warn(state, 'cache_control_dropped', 'cache_control', 'Automatic (top-level) prompt caching has no hub equivalent; block-level cache_control is kept.');
  for (const key of Object.keys(request)) {
    if (!KNOWN_FIELDS.has(key)) dropField(state, key, `The field "${key}" has no hub equivalent`);
  }
  for (const key of Object.keys(request.output_config ?? {})) {
    if (key !== 'effort' && key !== 'format') dropField(state, `output_config.${key}`, `output_config.${key} has no hub equivalent`);
  }
  const metadataKeys = Object.keys(request.metadata ?? {}).filter((key) => key !== 'user_id');
  for (const key of metadataKeys) dropField(state, `metadata.${key}`, `metadata.${key} has no hub equivalent`);

  state.paths?.push(...messagesFieldPaths(request));
  const thinking = request.thinking;
  return {
    request: chat,
    context: {
      model: request.model,
      stream: request.stream === true,
      stopSequences: request.stop_sequences ?? [],
      omitThinking: thinking !== undefined && thinking.type !== 'disabled' && thinking.display === 'omitted',
    },
  };
}

/**
 * A Messages request (`POST /v1/messages` body) → a Chat Completions request for the hub. Validates first
 * (`parseMessagesCreateRequest`); never throws, never mutates its input. Unsupported input is a 400 in Anthropic's
 * envelope naming the field; every lossy step is a warning.
 */
export function convertMessagesRequestToChat(body: unknown, options: ConvertMessagesRequestOptions = {}): ConvertMessagesRequestResult {
  const parsed = parseMessagesCreateRequest(body);
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.error, param: parsed.param, warnings: [] };
  const state: MappingState = { warnings: [], strict: options.strict === true, paths: [] };
  try {
    const { request, context } = mapRequest(parsed.value, state, options.apiVersion ?? '2023-06-01');
    return { ok: true, request, context, warnings: state.warnings, paths: state.paths ?? [] };
  } catch (error) {
    if (error instanceof MessagesMappingFailure) return { ok: false, status: 400, error: error.error, param: error.param, warnings: state.warnings };
    throw error;
  }
}
