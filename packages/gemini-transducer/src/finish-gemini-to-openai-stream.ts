import { convertGeminiUsage } from '@interlingua/gemini-mapper';
import type { ChatCompletionChunk } from '@interlingua/openai-schema';
import { createStreamErrorPayload } from './convert-gemini-stream-error-to-openai.js';
import type { GeminiToOpenAIStreamState } from './gemini-to-openai-stream-state.js';
import type { OpenAIStreamOutput } from './translate-gemini-stream-event.js';

/**
 * The end of the upstream stream (the connection closed). Gemini sends no end marker, so this is where a cut-off
 * stream is detected: if no event came, or a choice never received its `finishReason`, the result is an OpenAI error
 * payload (never a silently truncated answer). Otherwise it is the usage chunk (`choices: []`, from the last
 * `usageMetadata` with counts) when the client asked for it, and nothing else. The caller writes `data: [DONE]` after
 * these outputs unless the stream failed (`state.failed`).
 */
export function finishGeminiToOpenAIStream(state: GeminiToOpenAIStreamState): OpenAIStreamOutput[] {
  if (state.ended || state.failed) return [];
  state.ended = true;
  const choices = state.choices;
  let unfinished = choices.length === 0;
  for (let i = 0; i < choices.length; i++) if (!choices[i]!.finished) unfinished = true;
  if (unfinished) {
    state.failed = true;
    const message = state.sawEvent
      ? 'The Gemini stream ended before it finished the answer (no finishReason): the connection was cut or the upstream failed.'
      : 'The Gemini stream ended without sending any event.';
    return [createStreamErrorPayload(message, 'upstream_stream_truncated')];
  }
  if (!state.includeUsage) return [];
  if (state.usage === undefined) {
    state.onWarning?.({ code: 'usage_missing', param: 'usageMetadata', message: 'Gemini sent no token counts; the usage chunk reports zeros.' });
  }
  const chunk: ChatCompletionChunk = {
    id: state.id,
    object: 'chat.completion.chunk',
    created: state.created,
    model: state.model,
    choices: [],
    usage: { ...convertGeminiUsage(state.usage ?? {}) },
  };
  return [chunk];
}
