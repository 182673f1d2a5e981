import type { OpenAISseFrame } from './parse-openai-sse.js';

export interface ChunkGrammarOptions {
  /** The request asked for `stream_options.include_usage`. */
  includeUsage: boolean;
  /** How the expected stream ends: `[DONE]` after the finish (and usage) chunk, or an error frame. */
  expectedEnding: 'done' | 'error';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Strict mode: checks an OpenAI chunk stream against the grammar OpenAI's own streams follow and clients rely on.
 * Returns the violations (empty when the stream is well formed):
 *
 * 1. every frame is JSON or `[DONE]`; chunks have `object: "chat.completion.chunk"` and a `choices` array;
 * 2. the first chunk carries `delta.role: "assistant"`, and no later chunk of that choice carries a role;
 * 3. `id`, `created` and `model` are the same in every chunk;
 * 4. tool calls: each new `index` is the next integer from 0; its first delta carries `id`, `type: "function"` and
 *    `function.name`; later deltas of the same index carry neither a different id nor a name;
 * 5. exactly one chunk per choice has a non-null `finish_reason` (at most one when the stream ends in an error), and
 *    no delta with content follows it;
 * 6. usage: with `include_usage`, exactly one chunk has a non-null `usage`: the last chunk, with `choices: []`;
 *    without it, no chunk has a non-null `usage`;
 * 7. ending: `[DONE]` is the last frame and appears once; a stream that ends in an error ends with the error frame.
 */
export function checkOpenAIChunkGrammar(frames: readonly OpenAISseFrame[], options: ChunkGrammarOptions): string[] {
  const problems: string[] = [];
  const chunks: Record<string, unknown>[] = [];
  let doneAt = -1;
  let errorAt = -1;
  frames.forEach((frame, position) => {
    if (frame.kind === 'done') {
      if (doneAt >= 0) problems.push('[DONE] appears more than once');
      doneAt = position;
      return;
    }
    if (doneAt >= 0) problems.push(`a frame follows [DONE] (frame ${position + 1})`);
    if (frame.kind === 'invalid') {
      problems.push(`frame ${position + 1} is not JSON: ${frame.text.slice(0, 80)}`);
      return;
    }
    const value = frame.value;
    if (isObject(value) && isObject(value.error) && !('choices' in value)) {
      errorAt = position;
      return;
    }
    if (errorAt >= 0) problems.push(`a chunk follows the error frame (frame ${position + 1})`);
    if (!isObject(value) || value.object !== 'chat.completion.chunk' || !Array.isArray(value.choices)) {
      problems.push(`frame ${position + 1} is not a chat.completion.chunk with a choices array`);
      return;
    }
    chunks.push(value);
  });

  if (options.expectedEnding === 'done') {
    if (doneAt < 0) problems.push('the stream does not end with data: [DONE]');
    if (errorAt >= 0) problems.push('the stream carries an error frame where none is expected');
  } else if (errorAt < 0) {
    problems.push('the stream does not end with an error frame');
  }

  const first = chunks[0];
  if (first) {
    for (const key of ['id', 'created', 'model'] as const) {
      const differing = chunks.findIndex((chunk) => JSON.stringify(chunk[key]) !== JSON.stringify(first[key]));
      if (differing >= 0) problems.push(`chunk ${differing + 1} has a different ${key} than the first chunk`);
    }
  } else if (options.expectedEnding === 'done') {
    problems.push('the stream has no chunk');
  }

  interface ChoiceState {
    roleSeen: boolean;
    finishes: number;
    toolIds: Map<number, unknown>;
  }
  const states = new Map<number, ChoiceState>();
  chunks.forEach((chunk, position) => {
    const number = position + 1;
    for (const choice of chunk.choices as unknown[]) {
      if (!isObject(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      let state = states.get(index);
      const delta = isObject(choice.delta) ? choice.delta : {};
      if (!state) {
        state = { roleSeen: false, finishes: 0, toolIds: new Map() };
        states.set(index, state);
        if (delta.role !== 'assistant') problems.push(`choice ${index}: its first chunk (${number}) has no delta.role "assistant"`);
      } else if (delta.role !== undefined && delta.role !== null) {
        problems.push(`choice ${index}: chunk ${number} repeats delta.role`);
      }
      state.roleSeen = true;
      const hasContent = Object.entries(delta).some(([key, value]) => key !== 'role' && value !== null && value !== undefined && value !== '');
      if (state.finishes > 0 && hasContent) problems.push(`choice ${index}: chunk ${number} has a delta after the finish_reason`);
      if (Array.isArray(delta.tool_calls)) {
        for (const call of delta.tool_calls as unknown[]) {
          if (!isObject(call)) continue;
          const toolIndex = call.index;
          if (typeof toolIndex !== 'number') {
            problems.push(`choice ${index}: chunk ${number} has a tool call without an index`);
            continue;
          }
          const fn = isObject(call.function) ? call.function : {};
          if (!state.toolIds.has(toolIndex)) {
            if (toolIndex !== state.toolIds.size) problems.push(`choice ${index}: tool call index ${toolIndex} in chunk ${number} is not the next index (${state.toolIds.size})`);
            if (typeof call.id !== 'string' || !call.id) problems.push(`choice ${index}: tool call ${toolIndex} starts without an id (chunk ${number})`);
            if (call.type !== 'function') problems.push(`choice ${index}: tool call ${toolIndex} starts without type "function" (chunk ${number})`);
            if (typeof fn.name !== 'string' || !fn.name) problems.push(`choice ${index}: tool call ${toolIndex} starts without function.name (chunk ${number})`);
            state.toolIds.set(toolIndex, call.id);
          } else {
            if (call.id !== undefined && call.id !== null && call.id !== state.toolIds.get(toolIndex)) problems.push(`choice ${index}: tool call ${toolIndex} changes its id in chunk ${number}`);
            if (typeof fn.name === 'string' && fn.name) problems.push(`choice ${index}: tool call ${toolIndex} repeats function.name in chunk ${number}`);
          }
        }
      }
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) state.finishes += 1;
    }
  });
  for (const [index, state] of states) {
    if (state.finishes > 1) problems.push(`choice ${index}: ${state.finishes} chunks carry a finish_reason (one expected)`);
    if (state.finishes === 0 && options.expectedEnding === 'done') problems.push(`choice ${index}: no chunk carries a finish_reason`);
  }

  const withUsage = chunks.map((chunk, position) => ({ chunk, position })).filter(({ chunk }) => chunk.usage !== null && chunk.usage !== undefined);
  if (options.includeUsage) {
    if (options.expectedEnding === 'done') {
      if (withUsage.length !== 1) problems.push(`include_usage: ${withUsage.length} chunks carry usage (one expected)`);
      const last = withUsage.at(-1);
      if (last) {
        if (last.position !== chunks.length - 1) problems.push('include_usage: the usage chunk is not the last chunk');
        if ((last.chunk.choices as unknown[]).length !== 0) problems.push('include_usage: the usage chunk has choices (choices: [] expected)');
      }
    }
  } else if (withUsage.length > 0) {
    problems.push(`usage appears in chunk ${withUsage[0]!.position + 1} though the request did not ask for include_usage`);
  }
  return problems;
}
