import type { OpenAISseFrame } from './parse-openai-sse.js';

/** What a client sees once a stream has ended: the chunks merged like the OpenAI SDKs merge them. */
export interface AccumulatedStream {
  /** A `chat.completion`-shaped object: id, model, created of the first chunk; one merged message per choice. */
  completion: {
    id?: unknown;
    object: 'chat.completion';
    created?: unknown;
    model?: unknown;
    system_fingerprint?: unknown;
    choices: { index: number; message: Record<string, unknown>; finish_reason: unknown }[];
    usage?: unknown;
  };
  /** Error payloads (`{error: {...}}` frames) in order. */
  errors: unknown[];
  /** Frames that were not JSON (and not `[DONE]`). */
  invalid: string[];
  /** Whether `[DONE]` arrived. */
  done: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings concatenate, arrays append, objects merge member by member, anything else: the last value wins. */
function mergeValue(current: unknown, next: unknown): unknown {
  if (next === null || next === undefined) return current;
  if (typeof current === 'string' && typeof next === 'string') return current + next;
  if (Array.isArray(current) && Array.isArray(next)) return [...current, ...next];
  if (isObject(current) && isObject(next)) {
    const out: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(next)) out[key] = mergeValue(out[key], value);
    return out;
  }
  return next;
}

function mergeToolCalls(message: Record<string, unknown>, deltas: unknown[]): void {
  const calls = (message.tool_calls as Record<string, unknown>[] | undefined) ?? [];
  for (const delta of deltas) {
    if (!isObject(delta)) continue;
    const index = typeof delta.index === 'number' ? delta.index : 0;
    let call = calls.find((existing) => existing.index === index);
    if (!call) {
      call = { index, function: { arguments: '' } };
      calls.push(call);
    }
    for (const [key, value] of Object.entries(delta)) {
      if (key === 'index') continue;
      if (key === 'function' && isObject(value)) {
        const fn = call.function as Record<string, unknown>;
        if (typeof value.name === 'string' && value.name) fn.name = value.name;
        if (typeof value.arguments === 'string') fn.arguments = String(fn.arguments ?? '') + value.arguments;
        for (const [fnKey, fnValue] of Object.entries(value)) if (fnKey !== 'name' && fnKey !== 'arguments') fn[fnKey] = mergeValue(fn[fnKey], fnValue);
      } else if (key === 'id' || key === 'type') {
        if (value) call[key] = value;
      } else {
        call[key] = mergeValue(call[key], value);
      }
    }
  }
  calls.sort((a, b) => (a.index as number) - (b.index as number));
  message.tool_calls = calls;
}

/**
 * Merges an OpenAI stream's chunks into the message a client ends up with (the OpenAI SDKs' accumulation): text
 * fields concatenate, tool calls merge by `index` (arguments concatenate; id, type and name come from the deltas that
 * carry them), the last non-null `finish_reason` and `usage` win, error frames are collected. Empty strings
 * (`content: ""` in a role chunk) leave a field absent, as they show the client nothing. Pure.
 */
export function accumulateOpenAIStream(frames: readonly OpenAISseFrame[]): AccumulatedStream {
  const result: AccumulatedStream = { completion: { object: 'chat.completion', choices: [] }, errors: [], invalid: [], done: false };
  const completion = result.completion;
  for (const frame of frames) {
    if (frame.kind === 'done') {
      result.done = true;
      continue;
    }
    if (frame.kind === 'invalid') {
      result.invalid.push(frame.text);
      continue;
    }
    const chunk = frame.value;
    if (!isObject(chunk)) {
      result.invalid.push(JSON.stringify(chunk));
      continue;
    }
    if (isObject(chunk.error) && !('choices' in chunk)) {
      result.errors.push(chunk);
      continue;
    }
    if (completion.id === undefined && chunk.id !== undefined) completion.id = chunk.id;
    if (completion.created === undefined && chunk.created !== undefined) completion.created = chunk.created;
    if (completion.model === undefined && chunk.model !== undefined) completion.model = chunk.model;
    if (completion.system_fingerprint === undefined && chunk.system_fingerprint) completion.system_fingerprint = chunk.system_fingerprint;
    if (chunk.usage !== null && chunk.usage !== undefined) completion.usage = chunk.usage;
    for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!isObject(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      let target = completion.choices.find((existing) => existing.index === index);
      if (!target) {
        target = { index, message: {}, finish_reason: null };
        completion.choices.push(target);
      }
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) target.finish_reason = choice.finish_reason;
      const delta = isObject(choice.delta) ? choice.delta : {};
      for (const [key, value] of Object.entries(delta)) {
        if (key === 'tool_calls') {
          if (Array.isArray(value)) mergeToolCalls(target.message, value);
        } else if (key === 'role') {
          if (value) target.message.role = value;
        } else {
          target.message[key] = mergeValue(target.message[key], value);
        }
      }
    }
  }
  completion.choices.sort((a, b) => a.index - b.index);
  for (const choice of completion.choices) {
    for (const [key, value] of Object.entries(choice.message)) if (value === '') delete choice.message[key];
    // The merged message has no per-delta index.
    if (Array.isArray(choice.message.tool_calls)) {
      choice.message.tool_calls = (choice.message.tool_calls as Record<string, unknown>[]).map(({ index: _index, ...call }) => call);
    }
  }
  return result;
}
