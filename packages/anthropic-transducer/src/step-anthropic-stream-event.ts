import {
  ANTHROPIC_BLOCK_ORDER_FIELD,
  ANTHROPIC_STOP_REASON_FIELD,
  convertAnthropicErrorToOpenAI,
  convertAnthropicInputTransformations,
  convertAnthropicUsage,
  isKnownAnthropicStopReason,
  mapAnthropicStopReason,
  statusForAnthropicErrorType,
} from '@interlingua/anthropic-mapper';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  ChatCompletionFinishReason,
  OpenAIErrorEnvelope,
  OpenAIStreamFrame as HubStreamFrame,
} from '@interlingua/openai-schema';
import type {
  AnthropicStreamContentBlock,
  AnthropicStreamEvent,
  AnthropicStreamUsage,
  AnthropicUnknownStreamEvent,
} from './anthropic-stream-event.js';
import {
  parseAnthropicContentBlockStartEvent,
  parseAnthropicErrorEvent,
  parseAnthropicMessageDeltaEvent,
  parseAnthropicMessageStartEvent,
} from './anthropic-stream-event-schemas.js';
import type { AnthropicOpenBlock, AnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';

/** One frame of the OpenAI stream: a chunk, an error payload, or the `[DONE]` sentinel (the hub's frame type). */
export type OpenAIStreamFrame = HubStreamFrame;

const NO_FRAMES: OpenAIStreamFrame[] = [];

/**
 * The transducer's step: one Anthropic stream event in, the OpenAI frames it produces out (usually one, often
 * none; never more than three). Deterministic and free of I/O; it updates `state` in place.
 *
 * The event may be any parsed JSON: the frequent `content_block_delta` is checked structurally, the rare events
 * with zod; an event that does not fit its type ends the stream with an error payload; an unknown event type is
 * skipped. See the package README for the event → chunk table and every policy.
 */
export function stepAnthropicStreamEvent(
  event: AnthropicStreamEvent | AnthropicUnknownStreamEvent,
  state: AnthropicToOpenAIStreamState,
): OpenAIStreamFrame[] {
  if (state.phase === 'finished' || state.phase === 'failed') return NO_FRAMES;
  switch (event.type) {
    case 'content_block_delta':
      return stepContentBlockDelta(event as unknown as Record<string, unknown>, state);
    case 'ping':
      return NO_FRAMES;
    case 'content_block_start':
      return stepContentBlockStart(event, state);
    case 'content_block_stop':
      return stepContentBlockStop(event as unknown as Record<string, unknown>, state);
    case 'message_start':
      return stepMessageStart(event, state);
    case 'message_delta':
      return stepMessageDelta(event, state);
    case 'message_stop':
      return stepMessageStop(state);
    case 'error':
      return stepError(event, state);
    default: {
      // Unknown event types are skipped (Anthropic: "handle unknown event types gracefully"), and reported once each.
      const reported = (state.unknownEventsReported ??= new Set());
      if (!reported.has(event.type)) {
        reported.add(event.type);
        state.onWarning?.({ code: 'unknown_stream_event', param: String(event.type), message: `The upstream stream event "${String(event.type)}" is unknown to Interlingua and was skipped.` });
      }
      return NO_FRAMES;
    }
  }
}

/**
 * Ends the stream: when the upstream closed before `message_stop` (and no error was sent), the client gets an
 * error payload instead of a silent truncation. Returns no frame when the stream finished or failed already.
 */
export function endAnthropicStream(state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  if (state.phase === 'finished' || state.phase === 'failed') return NO_FRAMES;
  return fail(
    state,
    'The upstream stream ended before message_stop; the response is incomplete.',
    'upstream_stream_truncated',
  );
}

/** Ends the stream with an error payload of the transducer's own (`type: api_error`, a specific `code`). */
function fail(state: AnthropicToOpenAIStreamState, message: string, code: string): OpenAIStreamFrame[] {
  return failWith(state, { error: { message, type: 'api_error', param: null, code } });
}

/**
 * Anthropic's `input_transformations` (final in `message_start`, replaced by the last `message_delta` after a
 * server-side fallback) as warnings, once, when the stream ends.
 */
function reportInputTransformations(state: AnthropicToOpenAIStreamState): void {
  const transformations = state.inputTransformations;
  if (transformations === undefined) return;
  state.inputTransformations = undefined;
  for (const warning of convertAnthropicInputTransformations(transformations, state.thinkingBlockParams)) state.onWarning?.(warning);
}

function failWith(state: AnthropicToOpenAIStreamState, envelope: OpenAIErrorEnvelope): OpenAIStreamFrame[] {
  reportInputTransformations(state);
  state.phase = 'failed';
  state.openBlocks.clear();
  state.heldText = '';
  return [envelope];
}

function invalidEvent(state: AnthropicToOpenAIStreamState, type: string): OpenAIStreamFrame[] {
  return fail(state, `The upstream sent a malformed ${type} event.`, 'invalid_upstream_event');
}

/**
 * For the byte path: an SSE event whose data is not a JSON object with a `type` ends the stream with an error
 * payload (`code: invalid_upstream_event`). Returns no frame when the stream already finished or failed.
 */
export function rejectAnthropicStreamData(state: AnthropicToOpenAIStreamState, eventName: string | undefined): OpenAIStreamFrame[] {
  if (state.phase === 'finished' || state.phase === 'failed') return NO_FRAMES;
  return invalidEvent(state, eventName ?? 'unnamed');
}

function makeChunk(
  state: AnthropicToOpenAIStreamState,
  delta: ChatCompletionChunkDelta,
  finishReason: ChatCompletionFinishReason | null,
): ChatCompletionChunk {
  const chunk: ChatCompletionChunk = {
    id: state.id,
    object: 'chat.completion.chunk',
    created: state.created,
    model: state.model,
    system_fingerprint: state.systemFingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  if (state.includeUsage) chunk.usage = null;
  return chunk;
}

function roleChunk(state: AnthropicToOpenAIStreamState): ChatCompletionChunk {
  return makeChunk(state, { role: 'assistant', content: '', refusal: null }, null);
}

/** A content event before any `message_start`: open the message with the fallback model (lenient). */
function ensureMessage(state: AnthropicToOpenAIStreamState, frames: OpenAIStreamFrame[]): void {
  if (state.phase === 'initial') {
    state.phase = 'message';
    frames.push(roleChunk(state));
  }
}

function mergeUsage(target: AnthropicStreamUsage, source: AnthropicStreamUsage | null | undefined): void {
  if (source == null) return;
  if (typeof source.input_tokens === 'number') target.input_tokens = source.input_tokens;
  if (typeof source.output_tokens === 'number') target.output_tokens = source.output_tokens;
  if (typeof source.cache_creation_input_tokens === 'number') target.cache_creation_input_tokens = source.cache_creation_input_tokens;
  if (typeof source.cache_read_input_tokens === 'number') target.cache_read_input_tokens = source.cache_read_input_tokens;
  const thinking = source.output_tokens_details?.thinking_tokens;
  if (typeof thinking === 'number') target.output_tokens_details = { thinking_tokens: thinking };
}

function stepMessageStart(event: unknown, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const parsed = parseAnthropicMessageStartEvent(event);
  if (!parsed.success) return invalidEvent(state, 'message_start');
  if (state.phase === 'message') {
    if (state.contentStarted) {
      return fail(
        state,
        'The upstream stream started a second message (message_start) after content had been streamed; the response is corrupt.',
        'upstream_stream_restarted',
      );
    }
    state.onWarning?.({
      code: 'duplicate_message_start',
      param: 'message_start',
      message: 'A repeated message_start before any content was ignored.',
    });
    return NO_FRAMES;
  }
  const message = parsed.data.message;
  if (typeof message.model === 'string' && message.model !== '') state.model = message.model;
  const transformations = (message as Record<string, unknown>)['input_transformations'];
  if (transformations !== undefined) state.inputTransformations = transformations;
  mergeUsage(state.usage, message.usage);
  state.phase = 'message';
  return [roleChunk(state)];
}

function newBlock(kind: AnthropicOpenBlock['kind'], contentStart: number): AnthropicOpenBlock {
  return {
    kind,
    toolCallIndex: -1,
    argumentsStreamed: false,
    startInput: undefined,
    thinking: '',
    signature: '',
    contentStart,
    annotations: null,
    carriedBlock: null,
    carriedInput: '',
    orderPosition: -1,
    citations: null,
  };
}

function stepContentBlockStart(event: unknown, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const parsed = parseAnthropicContentBlockStartEvent(event);
  if (!parsed.success) return invalidEvent(state, 'content_block_start');
  const { index } = parsed.data;
  const block = parsed.data.content_block as AnthropicStreamContentBlock;
  const frames: OpenAIStreamFrame[] = [];
  ensureMessage(state, frames);
  state.contentStarted = true;
  const orderPosition = state.blockOrder.add(block.type);
  switch (block.type) {
    case 'text': {
      if (state.jsonModeToolName !== null) {
        state.openBlocks.set(index, newBlock('held', 0));
        if (typeof block.text === 'string') holdText(state, block.text);
        return frames;
      }
      const open = newBlock('text', state.contentLength);
      open.orderPosition = orderPosition;
      state.openBlocks.set(index, open);
      if (typeof block.text === 'string' && block.text !== '') {
        state.contentLength += block.text.length;
        frames.push(makeChunk(state, { content: block.text }, null));
      }
      if (Array.isArray(block.citations)) {
        for (const citation of block.citations) addCitation(open, citation, index, state);
      }
      return frames;
    }
    case 'tool_use': {
      if (state.jsonModeToolName !== null && block.name === state.jsonModeToolName) {
        const open = newBlock('json', state.contentLength);
        open.startInput = block.input;
        state.jsonModeToolSeen = true;
        if (state.heldText !== '') {
          state.heldText = '';
          warnJsonPreambleDropped(state);
        }
        state.openBlocks.set(index, open);
        return frames;
      }
      const open = newBlock('tool', 0);
      open.toolCallIndex = state.toolCallCount++;
      open.startInput = block.input;
      state.openBlocks.set(index, open);
      frames.push(
        makeChunk(
          state,
          {
            tool_calls: [
              {
                index: open.toolCallIndex,
                id: typeof block.id === 'string' ? block.id : '',
                type: 'function',
                function: { name: typeof block.name === 'string' ? block.name : '', arguments: '' },
              },
            ],
          },
          null,
        ),
      );
      return frames;
    }
    case 'thinking': {
      const open = newBlock('thinking', 0);
      state.openBlocks.set(index, open);
      if (typeof block.signature === 'string') open.signature = block.signature;
      if (typeof block.thinking === 'string' && block.thinking !== '') {
        open.thinking = block.thinking;
        frames.push(makeChunk(state, { reasoning_content: block.thinking }, null));
      }
      return frames;
    }
    case 'redacted_thinking': {
      state.openBlocks.set(index, newBlock('skipped', 0));
      frames.push(
        makeChunk(
          state,
          { thinking_blocks: [{ type: 'redacted_thinking', data: typeof block.data === 'string' ? block.data : '' }] },
          null,
        ),
      );
      return frames;
    }
    default: {
      const open = newBlock('carried', 0);
      open.carriedBlock = block as unknown as Record<string, unknown>;
      state.openBlocks.set(index, open);
      state.onWarning?.({
        code: 'content_blocks_skipped',
        param: `content[${index}]`,
        message: `The ${block.type} block has no OpenAI Chat Completions equivalent: it is not in content, and is sent whole in the anthropic_blocks extension at its end.`,
      });
      return frames;
    }
  }
}

/** JSON mode through a tool: text is held until the JSON tool shows up (then dropped) or the message ends. */
function holdText(state: AnthropicToOpenAIStreamState, text: string): void {
  if (text === '') return;
  if (state.jsonModeToolSeen) warnJsonPreambleDropped(state);
  else state.heldText += text;
}

function warnJsonPreambleDropped(state: AnthropicToOpenAIStreamState): void {
  state.onWarning?.({
    code: 'json_preamble_dropped',
    param: 'content',
    message: 'Text written beside the JSON answer was dropped (the answer is the JSON tool input).',
  });
}

function addCitation(block: AnthropicOpenBlock, citation: unknown, index: number, state: AnthropicToOpenAIStreamState): void {
  (block.citations ??= []).push(citation);
  if (citation !== null && typeof citation === 'object') {
    const value = citation as Record<string, unknown>;
    const url = value.type === 'web_search_result_location' ? value.url : undefined;
    if (typeof url === 'string') {
      (block.annotations ??= []).push({ url, title: typeof value.title === 'string' ? value.title : '' });
      return;
    }
  }
  state.onWarning?.({
    code: 'citations_dropped',
    param: `content[${index}].citations`,
    message: 'A document citation has no OpenAI annotation form and was dropped; the cited text is kept.',
  });
}

function stepContentBlockDelta(event: Record<string, unknown>, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const delta = event.delta as Record<string, unknown> | null | undefined;
  const index = event.index;
  if (typeof index !== 'number' || delta === null || typeof delta !== 'object') {
    return invalidEvent(state, 'content_block_delta');
  }
  const block = state.openBlocks.get(index);
  if (block === undefined) {
    // A delta for a block that was never started (or already stopped): nothing to attach it to.
    return NO_FRAMES;
  }
  switch (delta.type) {
    case 'text_delta': {
      const text = delta.text;
      if (typeof text !== 'string') return invalidEvent(state, 'content_block_delta');
      if (text === '') return NO_FRAMES;
      if (block.kind !== 'text') {
        if (block.kind === 'held') holdText(state, text);
        return NO_FRAMES;
      }
      state.contentLength += text.length;
      return [makeChunk(state, { content: text }, null)];
    }
    case 'input_json_delta': {
      const partial = delta.partial_json;
      if (typeof partial !== 'string') return invalidEvent(state, 'content_block_delta');
      if (partial === '') return NO_FRAMES;
      if (block.kind === 'tool') {
        block.argumentsStreamed = true;
        return [makeChunk(state, { tool_calls: [{ index: block.toolCallIndex, function: { arguments: partial } }] }, null)];
      }
      if (block.kind === 'json') {
        block.argumentsStreamed = true;
        state.contentLength += partial.length;
        return [makeChunk(state, { content: partial }, null)];
      }
      if (block.kind === 'carried') block.carriedInput += partial;
      return NO_FRAMES;
    }
    case 'thinking_delta': {
      const thinking = delta.thinking;
      if (typeof thinking !== 'string') return invalidEvent(state, 'content_block_delta');
      if (thinking === '' || block.kind !== 'thinking') return NO_FRAMES;
      block.thinking += thinking;
      return [makeChunk(state, { reasoning_content: thinking }, null)];
    }
    case 'signature_delta': {
      const signature = delta.signature;
      if (typeof signature !== 'string') return invalidEvent(state, 'content_block_delta');
      if (block.kind === 'thinking') block.signature += signature;
      return NO_FRAMES;
    }
    case 'citations_delta': {
      if (block.kind === 'text') addCitation(block, delta.citation, index, state);
      return NO_FRAMES;
    }
    default:
      return NO_FRAMES;
  }
}

function stepContentBlockStop(event: Record<string, unknown>, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const index = event.index;
  if (typeof index !== 'number') return invalidEvent(state, 'content_block_stop');
  const block = state.openBlocks.get(index);
  if (block === undefined) return NO_FRAMES;
  state.openBlocks.delete(index);
  return closeBlock(block, state);
}

/** What a finished block still owes the client (no-argument tools, lossless thinking, annotations). */
function closeBlock(block: AnthropicOpenBlock, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  switch (block.kind) {
    case 'tool':
      if (block.argumentsStreamed) return NO_FRAMES;
      return [
        makeChunk(state, { tool_calls: [{ index: block.toolCallIndex, function: { arguments: argumentsFromStartInput(block.startInput) } }] }, null),
      ];
    case 'json': {
      if (block.argumentsStreamed) return NO_FRAMES;
      const content = argumentsFromStartInput(block.startInput);
      state.contentLength += content.length;
      return [makeChunk(state, { content }, null)];
    }
    case 'thinking':
      return [
        makeChunk(state, { thinking_blocks: [{ type: 'thinking', thinking: block.thinking, signature: block.signature }] }, null),
      ];
    case 'carried':
      return [makeChunk(state, { anthropic_blocks: [carriedBlock(block)] }, null)];
    case 'text': {
      state.blockOrder.setText(block.orderPosition, state.contentLength - block.contentStart, block.citations);
      if (block.annotations === null) return NO_FRAMES;
      const start = block.contentStart;
      const end = state.contentLength;
      const annotations = block.annotations.map((annotation) => {
        const { url, title } = annotation as { url: string; title: string };
        return { type: 'url_citation', url_citation: { url, title, start_index: start, end_index: end } };
      });
      return [makeChunk(state, { annotations }, null)];
    }
    default:
      return NO_FRAMES;
  }
}

/** A carried block as the non-stream reply has it: the start event's block with its streamed `input` parsed. */
function carriedBlock(block: AnthropicOpenBlock): Record<string, unknown> {
  const start = block.carriedBlock ?? {};
  if (block.carriedInput === '') return start;
  try {
    return { ...start, input: JSON.parse(block.carriedInput) as unknown };
  } catch {
    return { ...start, input: block.carriedInput };
  }
}

/** The arguments of a tool whose input never streamed: the start event's input, else `{}` (Anthropic: always an object). */
function argumentsFromStartInput(input: unknown): string {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? JSON.stringify(input) : '{}';
}

function finishReasonFor(stopReason: string | null | undefined, state: AnthropicToOpenAIStreamState): ChatCompletionFinishReason {
  const mapped = mapAnthropicStopReason(stopReason);
  // A tool_use stop without any client tool call (the JSON-mode tool, or a server tool) finishes with `stop`, as in
  // the non-stream mapper: `tool_calls` with no call stalls clients.
  if (mapped === 'tool_calls' && state.toolCallCount === 0) return 'stop';
  return mapped;
}

function stepMessageDelta(event: unknown, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const parsed = parseAnthropicMessageDeltaEvent(event);
  if (!parsed.success) return invalidEvent(state, 'message_delta');
  mergeUsage(state.usage, parsed.data.usage);
  // Only after a server-side model fallback: the serving model's list, which replaces message_start's.
  const transformations = (parsed.data as Record<string, unknown>)['input_transformations'];
  if (transformations !== undefined) state.inputTransformations = transformations;
  const stopReason = parsed.data.delta.stop_reason;
  if (state.finishReasonSent || stopReason == null) return NO_FRAMES;
  const stopDetails = parsed.data.delta['stop_details'] as { explanation?: unknown } | null | undefined;
  const explanation = stopReason === 'refusal' && stopDetails != null && typeof stopDetails.explanation === 'string' ? stopDetails.explanation : null;
  return finish(state, stopReason, explanation);
}

function finish(state: AnthropicToOpenAIStreamState, stopReason: string | null | undefined, refusal: string | null): OpenAIStreamFrame[] {
  const frames: OpenAIStreamFrame[] = [];
  ensureMessage(state, frames);
  if (state.jsonModeToolName !== null && !state.jsonModeToolSeen) {
    state.onWarning?.({ code: 'json_tool_not_called', param: 'content', message: 'The model answered without the JSON tool; its text is returned as content.' });
    if (state.heldText !== '') {
      state.contentLength += state.heldText.length;
      frames.push(makeChunk(state, { content: state.heldText }, null));
      state.heldText = '';
    }
  }
  // A refusal's explanation (stop_details) is the OpenAI `refusal`, as in the non-stream mapper.
  if (refusal !== null) frames.push(makeChunk(state, { refusal }, null));
  // Blocks left open (a stream cut by max_tokens inside a tool call) owe nothing more: their partial arguments were
  // streamed as they came, and finish_reason `length` tells the client they are incomplete. An open text block's
  // length is what was streamed of it.
  for (const block of state.openBlocks.values()) {
    if (block.kind === 'text') state.blockOrder.setText(block.orderPosition, state.contentLength - block.contentStart, block.citations);
  }
  state.openBlocks.clear();
  state.finishReasonSent = true;
  const delta: ChatCompletionChunkDelta = {};
  // Not in JSON mode through a tool, as in the non-stream mapper.
  const blockOrder = state.jsonModeToolName === null ? state.blockOrder.result() : undefined;
  if (blockOrder) delta[ANTHROPIC_BLOCK_ORDER_FIELD] = blockOrder;
  if (stopReason === 'pause_turn') {
    state.onWarning?.({ code: 'pause_turn', param: 'stop_reason', message: 'Anthropic paused a long server-tool turn (pause_turn); send the conversation back, with this assistant message and its anthropic_blocks last, to continue it.' });
    delta[ANTHROPIC_STOP_REASON_FIELD] = 'pause_turn';
  } else if (stopReason != null && !isKnownAnthropicStopReason(stopReason)) {
    state.onWarning?.({ code: 'unknown_stop_reason', param: 'stop_reason', message: `Unknown Anthropic stop_reason "${stopReason}" was reported as "stop".` });
  }
  frames.push(makeChunk(state, delta, finishReasonFor(stopReason, state)));
  return frames;
}

function stepMessageStop(state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const frames: OpenAIStreamFrame[] = state.finishReasonSent ? [] : finish(state, null, null);
  state.phase = 'finished';
  reportInputTransformations(state);
  if (state.includeUsage) {
    frames.push({
      id: state.id,
      object: 'chat.completion.chunk',
      created: state.created,
      model: state.model,
      system_fingerprint: state.systemFingerprint,
      choices: [],
      usage: { ...convertAnthropicUsage(state.usage) },
    });
  }
  frames.push('[DONE]');
  return frames;
}

/**
 * An `error` event gets the envelope a non-streamed reply with that error gets (`convertAnthropicErrorToOpenAI` of
 * the mapper: Anthropic's `type` and `message`, `param` and `code` null).
 */
function stepError(event: unknown, state: AnthropicToOpenAIStreamState): OpenAIStreamFrame[] {
  const parsed = parseAnthropicErrorEvent(event);
  const type = parsed.success && parsed.data.error.type !== undefined ? parsed.data.error.type : 'api_error';
  const message = parsed.success && parsed.data.error.message !== undefined ? parsed.data.error.message : 'The upstream reported an error.';
  const converted = convertAnthropicErrorToOpenAI(statusForAnthropicErrorType(type), { type: 'error', error: { type, message } });
  return failWith(state, converted.body);
}
