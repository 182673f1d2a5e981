import {
  convertChatUsageToMessagesUsage,
  createMessageId,
  encodeContinuation,
  mapFinishReasonToStopReason,
  sanitizeToolUseId,
} from '@interlingua/messages-mapper';
import type { MessagesContentBlockStart, MessagesErrorType, MessagesStreamEvent } from '@interlingua/messages-schema';
import type { MessagesStreamState, OpenBlock } from './messages-stream-state.js';

/** One input of the step: a hub chunk, the hub's `[DONE]`, an error payload, or the end of the bytes. */
export type ChatStreamInput =
  | { kind: 'chunk'; chunk: unknown }
  | { kind: 'done' }
  | { kind: 'error'; envelope: unknown }
  | { kind: 'end' };

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function warnOnce(state: MessagesStreamState, code: string, param: string, message: string): void {
  if (state.warned.has(code)) return;
  state.warned.add(code);
  state.warnings.push({ code, param, message });
}

/** Deep merge for `extra_content` pieces: objects merged, arrays concatenated, anything else replaced. */
export function mergeExtension(into: unknown, piece: unknown): unknown {
  if (Array.isArray(into) && Array.isArray(piece)) return [...into, ...piece];
  if (isRecord(into) && isRecord(piece)) {
    const out: Json = { ...into };
    for (const [key, value] of Object.entries(piece)) out[key] = key in out ? mergeExtension(out[key], value) : value;
    return out;
  }
  return piece;
}

function start(state: MessagesStreamState, firstUsage: unknown, out: MessagesStreamEvent[]): void {
  if (state.started) return;
  state.started = true;
  const usage = convertChatUsageToMessagesUsage(firstUsage);
  if (firstUsage === undefined || firstUsage === null) usage.input_tokens = Math.max(0, Math.floor(state.options.inputTokens ?? 0));
  usage.output_tokens = 0;
  out.push({
    type: 'message_start',
    message: {
      id: createMessageId(state.environment),
      type: 'message',
      role: 'assistant',
      content: [],
      model: state.context.model,
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });
}

function close(state: MessagesStreamState, out: MessagesStreamEvent[]): void {
  if (state.open === null) return;
  out.push({ type: 'content_block_stop', index: state.open.index });
  state.open = null;
}

function open(state: MessagesStreamState, block: MessagesContentBlockStart, kind: OpenBlock, out: MessagesStreamEvent[]): void {
  close(state, out);
  out.push({ type: 'content_block_start', index: kind.index, content_block: block });
  state.open = kind;
}

function ensureText(state: MessagesStreamState, out: MessagesStreamEvent[]): number {
  if (state.open?.kind !== 'text') open(state, { type: 'text', text: '', citations: null }, { kind: 'text', index: state.nextIndex++ }, out);
  return state.open!.index;
}

function ensureThinking(state: MessagesStreamState, out: MessagesStreamEvent[]): number {
  if (state.open?.kind !== 'thinking') open(state, { type: 'thinking', thinking: '', signature: '' }, { kind: 'thinking', index: state.nextIndex++ }, out);
  return state.open!.index;
}

function thinkingDelta(state: MessagesStreamState, text: string, out: MessagesStreamEvent[]): void {
  const index = ensureThinking(state, out);
  if (text !== '' && !state.context.omitThinking) out.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: text } });
}

function stepThinkingBlocks(state: MessagesStreamState, blocks: unknown[], hadReasoning: boolean, out: MessagesStreamEvent[]): void {
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    if (block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') {
      open(state, { type: 'redacted_thinking', data: block['data'] }, { kind: 'thinking', index: state.nextIndex++ }, out);
      close(state, out);
    } else if (block['type'] === 'thinking') {
      const text = typeof block['thinking'] === 'string' ? block['thinking'] : '';
      const signature = typeof block['signature'] === 'string' ? block['signature'] : '';
      // A complete block (it has its signature) closes the thinking block its text was streamed into; a block that
      // arrives whole, with no thinking open, is streamed now. An unsigned piece is the text of this chunk.
      if (state.open?.kind !== 'thinking') thinkingDelta(state, text, out);
      else if (signature === '' && !hadReasoning) thinkingDelta(state, text, out);
      if (signature !== '') {
        out.push({ type: 'content_block_delta', index: state.open!.index, delta: { type: 'signature_delta', signature } });
        close(state, out);
      }
    }
  }
}

function stepToolCalls(state: MessagesStreamState, calls: unknown[], out: MessagesStreamEvent[]): void {
  for (const call of calls) {
    if (!isRecord(call)) continue;
    const toolIndex = typeof call['index'] === 'number' ? call['index'] : 0;
    const fn = isRecord(call['function']) ? call['function'] : {};
    const isOpen = state.open?.kind === 'tool_use' && state.open.toolIndex === toolIndex;
    if (!isOpen) {
      if (state.toolsSeen.has(toolIndex)) {
        warnOnce(state, 'tool_call_delta_dropped', `tool_calls.${toolIndex}`, 'The upstream went back to a tool call whose block was already closed; those argument pieces were dropped.');
        continue;
      }
      state.toolsSeen.add(toolIndex);
      const rawId = typeof call['id'] === 'string' && call['id'] !== '' ? call['id'] : state.environment.generateId('call');
      const id = sanitizeToolUseId(rawId);
      if (id !== rawId) warnOnce(state, 'tool_use_id_sanitized', `tool_calls.${toolIndex}.id`, `The tool-call id "${rawId}" was sent as "${id}".`);
      const name = typeof fn['name'] === 'string' ? fn['name'] : '';
      open(state, { type: 'tool_use', id, name, input: {} }, { kind: 'tool_use', index: state.nextIndex++, toolIndex }, out);
      if (call['extra_content'] !== undefined) (state.carried.t ??= {})[id] = call['extra_content'];
    }
    const args = fn['arguments'];
    if (typeof args === 'string' && args !== '') out.push({ type: 'content_block_delta', index: state.open!.index, delta: { type: 'input_json_delta', partial_json: args } });
  }
}

function stepChunk(state: MessagesStreamState, chunk: unknown, out: MessagesStreamEvent[]): void {
  if (!isRecord(chunk)) return;
  start(state, chunk['usage'], out);
  if (chunk['usage'] !== undefined && chunk['usage'] !== null) state.usage = chunk['usage'];
  const choices = Array.isArray(chunk['choices']) ? chunk['choices'] : [];
  for (const choice of choices) {
    if (!isRecord(choice) || (typeof choice['index'] === 'number' && choice['index'] !== 0)) continue;
    const delta = isRecord(choice['delta']) ? choice['delta'] : {};
    const reasoning = delta['reasoning_content'];
    const hadReasoning = typeof reasoning === 'string' && reasoning !== '';
    if (hadReasoning) thinkingDelta(state, reasoning, out);
    if (Array.isArray(delta['thinking_blocks'])) stepThinkingBlocks(state, delta['thinking_blocks'], hadReasoning, out);
    for (const field of ['content', 'refusal'] as const) {
      const text = delta[field];
      if (typeof text === 'string' && text !== '') {
        if (field === 'refusal') state.refused = true;
        out.push({ type: 'content_block_delta', index: ensureText(state, out), delta: { type: 'text_delta', text } });
      }
    }
    if (Array.isArray(delta['tool_calls'])) stepToolCalls(state, delta['tool_calls'], out);
    if (delta['extra_content'] !== undefined) state.carried.m = state.carried.m === undefined ? delta['extra_content'] : mergeExtension(state.carried.m, delta['extra_content']);
    if (Array.isArray(delta['annotations']) && delta['annotations'].length > 0) {
      warnOnce(state, 'annotations_dropped', 'annotations', 'URL citations of the upstream have no Messages form without its search results; the text was kept.');
    }
    if (delta['function_call'] !== undefined) warnOnce(state, 'function_call_dropped', 'function_call', 'A legacy function_call delta has no Messages form; it was dropped.');
    if (choice['finish_reason'] !== undefined && choice['finish_reason'] !== null) state.finishReason = choice['finish_reason'];
    if (choice['stop_reason'] !== undefined && choice['stop_reason'] !== null) state.matchedStop = choice['stop_reason'];
  }
}

function finish(state: MessagesStreamState, out: MessagesStreamEvent[]): void {
  start(state, undefined, out);
  close(state, out);
  if (state.carried.m !== undefined || state.carried.t !== undefined) {
    open(state, { type: 'redacted_thinking', data: encodeContinuation(state.carried) }, { kind: 'thinking', index: state.nextIndex++ }, out);
    close(state, out);
  }
  const stop = mapFinishReasonToStopReason(state.finishReason, state.matchedStop, state.context.stopSequences);
  if (!stop.known) warnOnce(state, 'unknown_finish_reason', 'finish_reason', `The upstream's finish_reason ${JSON.stringify(state.finishReason)} was sent as end_turn.`);
  const hasUsage = state.usage !== undefined;
  if (!hasUsage) warnOnce(state, 'usage_missing', 'usage', 'The upstream stream reported no usage; message_delta carries output_tokens 0.');
  const usage = convertChatUsageToMessagesUsage(state.usage);
  out.push({
    type: 'message_delta',
    delta: { stop_reason: state.refused ? 'refusal' : stop.stopReason, stop_sequence: stop.stopSequence },
    usage: {
      input_tokens: hasUsage ? usage.input_tokens : null,
      output_tokens: usage.output_tokens,
      cache_creation_input_tokens: hasUsage ? usage.cache_creation_input_tokens : null,
      cache_read_input_tokens: hasUsage ? usage.cache_read_input_tokens : null,
      server_tool_use: null,
    },
  });
  out.push({ type: 'message_stop' });
  state.ended = true;
}

/** An OpenAI error type (the hub's mid-stream error payload) → Anthropic's. */
export function mapOpenAIErrorTypeToMessages(type: unknown, code: unknown): MessagesErrorType {
  switch (type) {
    case 'invalid_request_error':
    case 'authentication_error':
    case 'permission_error':
    case 'not_found_error':
    case 'rate_limit_error':
    case 'timeout_error':
    case 'overloaded_error':
    case 'billing_error':
    case 'request_too_large':
      return type;
    case 'service_unavailable_error':
      return 'overloaded_error';
    default:
      return code === 'UNAVAILABLE' ? 'overloaded_error' : 'api_error';
  }
}

function fail(state: MessagesStreamState, envelope: unknown, out: MessagesStreamEvent[]): void {
  const error = isRecord(envelope) && isRecord(envelope['error']) ? envelope['error'] : {};
  const message = typeof error['message'] === 'string' && error['message'] !== '' ? error['message'] : 'The upstream stream failed.';
  out.push({ type: 'error', error: { type: mapOpenAIErrorTypeToMessages(error['type'], error['code']), message } });
  state.ended = true;
}

/**
 * The pure step: one hub input → the Messages events it completes. Grammar kept by construction:
 *
 * - `message_start` first (on the first chunk; its usage is the chunk's when the upstream already reports one, else
 *   `options.inputTokens`), then blocks, each `content_block_start` → deltas of its own kind only → `content_block_stop`,
 *   indices 0, 1, 2, … with one block open at a time; then `message_delta` (stop reason, cumulative usage) and
 *   exactly one `message_stop`.
 * - `reasoning_content` → a `thinking` block (`thinking_delta`); a signed hub thinking block → `signature_delta`, then
 *   the block closes; `content` and `refusal` → a `text` block (`text_delta`); each tool call → a `tool_use` block
 *   (`input_json_delta`, never an empty one); continuation data (`extra_content`) → a final `redacted_thinking` block.
 * - An error payload → an `error` event with Anthropic's type, then nothing (no `message_stop`, as Anthropic does).
 * - The bytes ending with neither `[DONE]` nor an error → an `api_error` event: a cut stream is never an `end_turn`.
 */
export function stepChatStreamInput(state: MessagesStreamState, input: ChatStreamInput): MessagesStreamEvent[] {
  const out: MessagesStreamEvent[] = [];
  if (state.ended) return out;
  switch (input.kind) {
    case 'chunk':
      if (isRecord(input.chunk) && isRecord(input.chunk['error'])) fail(state, input.chunk, out);
      else stepChunk(state, input.chunk, out);
      break;
    case 'done':
      finish(state, out);
      break;
    case 'error':
      fail(state, input.envelope, out);
      break;
    case 'end':
      fail(state, { error: { type: 'api_error', message: 'The upstream stream ended before it was complete.' } }, out);
      break;
  }
  return out;
}
