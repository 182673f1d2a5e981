import type { ChatCompletionChunk, ChatCompletionChunkDelta, ChatCompletionFinishReason } from '@interlingua/openai-schema';
import type { GeminiChoiceState, GeminiToOpenAIStreamState } from './gemini-to-openai-stream-state.js';

/**
 * One `chat.completion.chunk` carrying one choice, keys in OpenAI's order (id, object, created, model, choices,
 * usage). `usage: null` is present exactly when the client asked for the usage chunk.
 */
export function createOpenAIChunk(
  state: GeminiToOpenAIStreamState,
  choiceIndex: number,
  delta: ChatCompletionChunkDelta,
  finishReason: ChatCompletionFinishReason | null,
): ChatCompletionChunk {
  const chunk: ChatCompletionChunk = {
    id: state.id,
    object: 'chat.completion.chunk',
    created: state.created,
    model: state.model,
    choices: [{ index: choiceIndex, delta, logprobs: null, finish_reason: finishReason }],
  };
  if (state.includeUsage) chunk.usage = null;
  return chunk;
}

/**
 * A content chunk for a choice. The choice's first chunk also carries `role: "assistant"`, with `content: null` when
 * the delta does not start with text (a tool call, reasoning, a signature).
 */
export function createOpenAIDeltaChunk(
  state: GeminiToOpenAIStreamState,
  choice: GeminiChoiceState,
  delta: ChatCompletionChunkDelta,
): ChatCompletionChunk {
  if (!choice.started) {
    choice.started = true;
    delta = { role: 'assistant', content: delta.content ?? null, ...delta };
  }
  return createOpenAIChunk(state, choice.index, delta, null);
}
