import type { ChatCompletionChunk, ChatCompletionThinkingBlock, OpenAIError, TranslationEnvironment } from '@interlingua/openai-schema';
import {
  HUB_MESSAGE_FIELDS,
  buildResponseObject,
  convertChatAnnotation,
  convertChatLogprobs,
  convertChatUsageToResponseUsage,
  isEmptyCarrier,
  mapChatErrorToResponseError,
  outputItemId,
  responseStatusForFinishReason,
  sealReasoningCarrier,
  splitMessageExtraContent,
  type ReasoningCarrier,
} from '@interlingua/responses-mapper';
import type { ResponseErrorObject, ResponseObject, ResponseReasoningItem, ResponseStatus, ResponseStreamEvent } from '@interlingua/responses-schema';
import type { ResponsesStreamState } from './responses-stream-state.js';

/** What the hub stream delivers: a chunk, `[DONE]`, an error payload, or its end without either. */
export type HubStreamEvent =
  | { type: 'chunk'; chunk: ChatCompletionChunk }
  | { type: 'done' }
  | { type: 'error'; error: Pick<OpenAIError, 'message' | 'type' | 'code'> }
  | { type: 'end' };

type EventBody = ResponseStreamEvent extends infer E ? (E extends ResponseStreamEvent ? Omit<E, 'sequence_number'> : never) : never;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One step of the hub-to-Responses stream: a hub event in, the Responses events it completes out (each with its
 * `sequence_number`, gapless from 0). Pure apart from the state it is given; `environment` supplies `now()` for
 * `completed_at` and ids for tool calls that came without one.
 *
 * Grammar: `response.created`, `response.in_progress`; per output item `output_item.added` … `output_item.done`
 * (reasoning: `reasoning_summary_part.added`, `reasoning_summary_text.delta`…`.done`, `reasoning_summary_part.done`;
 * message: `content_part.added`, `output_text.delta`…/`output_text.annotation.added`…, `output_text.done`,
 * `content_part.done`, or the same with `refusal.delta`/`refusal.done`; function call:
 * `function_call_arguments.delta`…`.done`); then exactly one of `response.completed`, `response.incomplete`,
 * `response.failed`.
 */
export function stepResponsesStream(state: ResponsesStreamState, event: HubStreamEvent, environment: TranslationEnvironment): ResponseStreamEvent[] {
  if (event.type === 'chunk' && !state.settled) {
    const appended = stepTextDelta(state, event.chunk);
    if (appended) return [appended];
  }
  return stepResponsesStreamInGeneral(state, event, environment);
}

/**
 * The most common hub chunk — more text for the text part already being written: one choice (index 0) whose delta
 * is `content` (and maybe `role`) only, no log probabilities, finish reason or usage — stepped without the general
 * step's per-call helpers: its one `response.output_text.delta` event. Exactly the general step's event and state
 * change (property-tested on generated streams); `undefined` (nothing changed) for any other chunk or state, and
 * for a settled stream.
 */
export function stepTextDelta(state: ResponsesStreamState, chunk: ChatCompletionChunk): ResponseStreamEvent | undefined {
  const open = state.message;
  const part = open?.part;
  if (part?.type !== 'output_text' || state.reasoning !== undefined || !state.started || state.settled) return undefined;
  if (chunk.usage !== undefined && chunk.usage !== null) return undefined;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice = choices[0]!;
  if (choice.index !== 0 || (choice.finish_reason !== undefined && choice.finish_reason !== null) || (choice.logprobs !== undefined && choice.logprobs !== null)) {
    return undefined;
  }
  const delta = choice.delta;
  if (delta === undefined || delta === null) return undefined;
  const content = delta.content;
  if (typeof content !== 'string' || content === '') return undefined;
  for (const key in delta) if (key !== 'content' && key !== 'role') return undefined;
  if (typeof chunk.model === 'string' && chunk.model !== '') state.model = chunk.model;
  part.text += content;
  return {
    type: 'response.output_text.delta',
    item_id: open!.item.id,
    output_index: open!.outputIndex,
    content_index: open!.item.content.length - 1,
    delta: content,
    logprobs: [],
    sequence_number: state.sequence++,
  };
}

/** {@link stepResponsesStream} for every hub event (exported for the test that holds the fast path to it). */
export function stepResponsesStreamInGeneral(state: ResponsesStreamState, event: HubStreamEvent, environment: TranslationEnvironment): ResponseStreamEvent[] {
  if (state.settled) return [];
  const out: ResponseStreamEvent[] = [];
  // An event about an open item (`.added`) carries a copy, as the item is written to in place afterwards; an event
  // that closes an item (`.done`, the terminal Response) carries the item itself: nothing writes to it once closed.
  // Every body is a fresh object literal: its sequence number is added in place (the last key, as a spread would).
  const emit = (body: EventBody): void => {
    (body as { sequence_number?: number }).sequence_number = state.sequence++;
    out.push(body as ResponseStreamEvent);
  };
  const snapshot = (status: ResponseStatus, extra: { error?: ResponseErrorObject; incomplete?: ReturnType<typeof responseStatusForFinishReason>['incompleteDetails']; completedAt?: number } = {}): ResponseObject =>
    buildResponseObject(state.context, {
      status,
      model: state.model,
      // Copied while the stream is open (items are written to in place); the terminal Response is the last word.
      output: status === 'in_progress' ? structuredClone(state.output) : state.output,
      usage: state.usage && status !== 'in_progress' ? convertChatUsageToResponseUsage(state.usage) : null,
      error: extra.error ?? null,
      incompleteDetails: extra.incomplete ?? null,
      completedAt: extra.completedAt ?? null,
    });

  const start = (): void => {
    if (state.started) return;
    state.started = true;
    emit({ type: 'response.created', response: snapshot('in_progress') });
    emit({ type: 'response.in_progress', response: snapshot('in_progress') });
  };

  const openReasoning = (): void => {
    if (state.reasoning) return;
    const outputIndex = state.output.length;
    // No `encrypted_content` key until there is signed reasoning to seal: Open Responses allows only a string there
    // (OpenAI's schema also allows null, and the key is optional in both).
    const item: ResponseReasoningItem = { type: 'reasoning', id: outputItemId(state.context, 'rs', outputIndex), summary: [], status: 'in_progress' };
    state.output.push(item);
    state.reasoning = { outputIndex, item, text: '' };
    emit({ type: 'response.output_item.added', output_index: outputIndex, item: structuredClone(item) });
  };

  const closeReasoning = (): void => {
    const open = state.reasoning;
    if (!open) return;
    state.reasoning = undefined;
    if (open.item.summary.length) {
      const base = { item_id: open.item.id, output_index: open.outputIndex, summary_index: 0 };
      emit({ type: 'response.reasoning_summary_text.done', ...base, text: open.text });
      emit({ type: 'response.reasoning_summary_part.done', ...base, part: { type: 'summary_text', text: open.text } });
      open.item.summary = [{ type: 'summary_text', text: open.text }];
    }
    let sealed: string | undefined;
    if (!isEmptyCarrier(state.lead)) {
      sealed = sealReasoningCarrier(state.lead);
      state.lead = {};
    }
    const done = completedReasoningItem(open.item, sealed);
    state.output[open.outputIndex] = done;
    emit({ type: 'response.output_item.done', output_index: open.outputIndex, item: done });
  };

  const closePart = (): void => {
    const open = state.message;
    if (!open?.part) return;
    const part = open.part;
    const base = { item_id: open.item.id, output_index: open.outputIndex, content_index: open.item.content.length - 1 };
    if (part.type === 'output_text') emit({ type: 'response.output_text.done', ...base, text: part.text, logprobs: part.logprobs });
    else emit({ type: 'response.refusal.done', ...base, refusal: part.refusal });
    emit({ type: 'response.content_part.done', ...base, part });
    open.part = undefined;
  };

  const closeMessage = (status: 'completed' | 'incomplete' = 'completed'): void => {
    const open = state.message;
    if (!open) return;
    closePart();
    state.message = undefined;
    open.item.status = status;
    emit({ type: 'response.output_item.done', output_index: open.outputIndex, item: open.item });
  };

  const ensurePart = (kind: 'output_text' | 'refusal') => {
    closeReasoning();
    state.answerStarted = true;
    if (!state.message) {
      const outputIndex = state.output.length;
      const item = { type: 'message' as const, id: outputItemId(state.context, 'msg', outputIndex), role: 'assistant' as const, status: 'in_progress' as const, content: [] };
      state.output.push(item);
      state.message = { outputIndex, item, part: undefined };
      emit({ type: 'response.output_item.added', output_index: outputIndex, item: structuredClone(item) });
    }
    const open = state.message;
    if (open.part?.type !== kind) {
      closePart();
      const part = kind === 'output_text' ? { type: 'output_text' as const, text: '', annotations: [], logprobs: [] } : { type: 'refusal' as const, refusal: '' };
      open.item.content.push(part);
      open.part = part;
      emit({ type: 'response.content_part.added', item_id: open.item.id, output_index: open.outputIndex, content_index: open.item.content.length - 1, part: structuredClone(part) });
    }
    return { open, part: open.part!, base: { item_id: open.item.id, output_index: open.outputIndex, content_index: open.item.content.length - 1 } };
  };

  const closeToolCalls = (lastStatus: 'completed' | 'incomplete' = 'completed'): void => {
    const calls = [...state.toolCalls.values()].sort((a, b) => a.outputIndex - b.outputIndex);
    state.toolCalls.clear();
    calls.forEach((call, i) => {
      call.item.status = i === calls.length - 1 ? lastStatus : 'completed';
      emit({ type: 'response.function_call_arguments.done', item_id: call.item.id, output_index: call.outputIndex, name: call.item.name, arguments: call.item.arguments });
      emit({ type: 'response.output_item.done', output_index: call.outputIndex, item: call.item });
    });
  };

  /** Closes every open item; the last answer item gets `lastStatus`. */
  const closeAll = (lastStatus: 'completed' | 'incomplete'): void => {
    closeReasoning();
    const messageIndex = state.message?.outputIndex ?? -1;
    const lastToolIndex = Math.max(-1, ...[...state.toolCalls.values()].map((call) => call.outputIndex));
    closeMessage(messageIndex > lastToolIndex ? lastStatus : 'completed');
    closeToolCalls(lastToolIndex > messageIndex ? lastStatus : 'completed');
  };

  const emitTailReasoning = (): void => {
    if (isEmptyCarrier(state.tail) && isEmptyCarrier(state.lead)) return;
    // Signed reasoning that arrived after its lead item closed (or with no lead item): one more reasoning item.
    const carrier: ReasoningCarrier = mergeCarriers(state.lead, state.tail);
    state.lead = {};
    state.tail = {};
    const outputIndex = state.output.length;
    const item: ResponseReasoningItem = { type: 'reasoning', id: outputItemId(state.context, 'rs', outputIndex), summary: [], status: 'in_progress' };
    state.output.push(item);
    emit({ type: 'response.output_item.added', output_index: outputIndex, item: structuredClone(item) });
    const done = completedReasoningItem(item, sealReasoningCarrier(carrier));
    state.output[outputIndex] = done;
    emit({ type: 'response.output_item.done', output_index: outputIndex, item: done });
  };

  const fail = (error: ResponseErrorObject): void => {
    start();
    closeAll('incomplete');
    emitTailReasoning();
    const response = snapshot('failed', { error });
    state.settled = true;
    state.response = response;
    emit({ type: 'response.failed', response });
  };

  const complete = (): void => {
    start();
    const hasRefusal = state.output.some((item) => item.type === 'message' && item.content.some((part) => part.type === 'refusal'));
    const { status, incompleteDetails } = responseStatusForFinishReason(state.finishReason, hasRefusal);
    closeAll(status === 'incomplete' ? 'incomplete' : 'completed');
    emitTailReasoning();
    const response = snapshot(status, { incomplete: incompleteDetails, ...(status === 'completed' ? { completedAt: environment.now() } : {}) });
    state.settled = true;
    state.response = response;
    emit({ type: status === 'incomplete' ? 'response.incomplete' : 'response.completed', response });
  };

  switch (event.type) {
    case 'done':
      // `[DONE]` without any finish reason is a cut-off answer, not a completed one (the LiteLLM bug
      // BerriAI/litellm#40260: a clean EOF without a finish reason reported as a successful completion).
      if (state.finishReason === null) fail({ code: 'server_error', message: 'The upstream stream ended without a finish reason; the response is incomplete.' });
      else complete();
      return out;
    case 'error':
      fail(mapChatErrorToResponseError(event.error));
      return out;
    case 'end':
      fail({ code: 'server_error', message: 'The upstream stream ended before the response was complete.' });
      return out;
    case 'chunk':
      break;
  }

  const chunk = event.chunk;
  if (typeof chunk.model === 'string' && chunk.model !== '') state.model = chunk.model;
  start();
  if (chunk.usage) state.usage = chunk.usage;
  for (const choice of chunk.choices ?? []) {
    if (choice.index !== 0) continue;
    const delta = choice.delta ?? {};
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') {
      if (state.answerStarted && !state.reasoning) {
        // Reasoning after the answer began: a new reasoning item (its summary is its own).
        closeMessage();
      }
      openReasoning();
      const open = state.reasoning!;
      const base = { item_id: open.item.id, output_index: open.outputIndex, summary_index: 0 };
      if (!open.item.summary.length) {
        open.item.summary = [{ type: 'summary_text', text: '' }];
        emit({ type: 'response.reasoning_summary_part.added', ...base, part: { type: 'summary_text', text: '' } });
      }
      open.text += delta.reasoning_content;
      open.item.summary = [{ type: 'summary_text', text: open.text }];
      emit({ type: 'response.reasoning_summary_text.delta', ...base, delta: delta.reasoning_content });
    }
    if (Array.isArray(delta.thinking_blocks) && delta.thinking_blocks.length) {
      const target = state.answerStarted ? state.tail : (openReasoning(), state.lead);
      target.thinking_blocks = [...(target.thinking_blocks ?? []), ...(delta.thinking_blocks as ChatCompletionThinkingBlock[])];
    }
    if (delta.extra_content !== undefined) {
      const { thoughtSignatures, rest } = splitMessageExtraContent(delta.extra_content);
      for (const signature of thoughtSignatures) {
        const target = signature.part === 'reasoning' && !state.answerStarted ? (openReasoning(), state.lead) : state.tail;
        target.thought_signatures = [...(target.thought_signatures ?? []), signature];
      }
      if (rest) state.tail.extra_content = { ...(state.tail.extra_content ?? {}), ...rest };
    }
    const logprobs = convertChatLogprobs(choice.logprobs?.content);
    if (typeof delta.content === 'string' && delta.content !== '') {
      const { part, base } = ensurePart('output_text');
      if (part.type === 'output_text') {
        part.text += delta.content;
        part.logprobs.push(...logprobs);
      }
      emit({ type: 'response.output_text.delta', ...base, delta: delta.content, logprobs });
    } else if (logprobs.length && state.message?.part?.type === 'output_text') {
      // Log probabilities in a chunk without text belong to the text part being written.
      state.message.part.logprobs.push(...logprobs);
    }
    if (Array.isArray(delta.annotations)) {
      for (const raw of delta.annotations) {
        const annotation = convertChatAnnotation(raw);
        if (!annotation) continue;
        const { part, base } = ensurePart('output_text');
        if (part.type !== 'output_text') continue;
        part.annotations.push(annotation);
        emit({ type: 'response.output_text.annotation.added', ...base, annotation_index: part.annotations.length - 1, annotation });
      }
    }
    if (typeof delta.refusal === 'string' && delta.refusal !== '') {
      const { part, base } = ensurePart('refusal');
      if (part.type === 'refusal') part.refusal += delta.refusal;
      emit({ type: 'response.refusal.delta', ...base, delta: delta.refusal });
    }
    for (const call of delta.tool_calls ?? []) {
      let open = state.toolCalls.get(call.index);
      if (!open) {
        closeReasoning();
        closeMessage();
        state.answerStarted = true;
        const outputIndex = state.output.length;
        const item = {
          type: 'function_call' as const,
          id: outputItemId(state.context, 'fc', outputIndex),
          call_id: typeof call.id === 'string' && call.id !== '' ? call.id : environment.generateId('call'),
          name: call.function?.name ?? '',
          arguments: '',
          status: 'in_progress' as 'in_progress' | 'completed' | 'incomplete',
        };
        state.output.push(item);
        open = { outputIndex, item };
        state.toolCalls.set(call.index, open);
        emit({ type: 'response.output_item.added', output_index: outputIndex, item: structuredClone(item) });
      } else if (call.function?.name && open.item.name === '') {
        open.item.name = call.function.name;
      }
      const extra = (call as { extra_content?: unknown }).extra_content;
      if (isRecord(extra)) {
        state.tail.tool_calls ??= {};
        state.tail.tool_calls[open.item.call_id] = { ...(state.tail.tool_calls[open.item.call_id] ?? {}), ...extra };
      }
      const args = call.function?.arguments;
      if (typeof args === 'string' && args !== '') {
        open.item.arguments += args;
        emit({ type: 'response.function_call_arguments.delta', item_id: open.item.id, output_index: open.outputIndex, delta: args });
      }
    }
    // The hub message's other extension fields (e.g. `anthropic_blocks`, `images`): merged as SDKs merge deltas
    // (text appends, lists append, objects merge) and carried in the tail reasoning item, as the non-stream reply does.
    for (const field in delta) {
      if (STREAM_DELTA_FIELDS.has(field)) continue;
      const value = (delta as Record<string, unknown>)[field];
      if (value === undefined || value === null) continue;
      if (field === 'images' && !state.warnings.some((warning) => warning.code === 'images_not_shown')) {
        state.warnings.push({
          code: 'images_not_shown',
          param: 'output',
          message: 'The reply carries images; a Responses message has no image part, so they travel only in the trailing reasoning item\'s encrypted_content.',
        });
      }
      state.tail.extensions ??= {};
      state.tail.extensions[field] = mergeDeltaValue(state.tail.extensions[field], value);
    }
    if (choice.finish_reason) state.finishReason = choice.finish_reason;
  }
  return out;
}

const STREAM_DELTA_FIELDS: ReadonlySet<string> = new Set([...HUB_MESSAGE_FIELDS, 'role']);

function mergeDeltaValue(current: unknown, next: unknown): unknown {
  if (current === undefined) return structuredClone(next);
  if (typeof current === 'string' && typeof next === 'string') return current + next;
  if (Array.isArray(current) && Array.isArray(next)) return [...current, ...structuredClone(next)];
  if (isRecord(current) && isRecord(next)) {
    const merged: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(next)) merged[key] = mergeDeltaValue(merged[key], value);
    return merged;
  }
  return structuredClone(next);
}

/** The reasoning item as done, keys in the non-stream reply's order: `encrypted_content` only when sealed. */
function completedReasoningItem(item: ResponseReasoningItem, sealed: string | undefined): ResponseReasoningItem {
  return { type: 'reasoning', id: item.id, summary: item.summary, ...(sealed !== undefined ? { encrypted_content: sealed } : {}), status: 'completed' };
}

function mergeCarriers(a: ReasoningCarrier, b: ReasoningCarrier): ReasoningCarrier {
  const merged: ReasoningCarrier = {};
  const blocks = [...(a.thinking_blocks ?? []), ...(b.thinking_blocks ?? [])];
  if (blocks.length) merged.thinking_blocks = blocks;
  const signatures = [...(a.thought_signatures ?? []), ...(b.thought_signatures ?? [])];
  if (signatures.length) merged.thought_signatures = signatures;
  if (a.extra_content || b.extra_content) merged.extra_content = { ...(a.extra_content ?? {}), ...(b.extra_content ?? {}) };
  if (a.tool_calls || b.tool_calls) merged.tool_calls = { ...(a.tool_calls ?? {}), ...(b.tool_calls ?? {}) };
  if (a.extensions || b.extensions) merged.extensions = { ...(a.extensions ?? {}), ...(b.extensions ?? {}) };
  return merged;
}
