import type { ChatCompletionChunk } from '@interlingua/openai-schema';
import type { AnthropicToOpenAIStreamState } from './anthropic-to-openai-stream-state.js';
import type { OpenAIStreamFrame } from './step-anthropic-stream-event.js';

/**
 * Formats frames as OpenAI SSE text (`data: <json>\n\n` each, `data: [DONE]\n\n`).
 *
 * Chunks made by the step share `id`, `object`, `created`, `model` and `system_fingerprint`; their JSON prefix is
 * serialised once per stream and reused, so only `choices` (and `usage`) are stringified per chunk. The result is
 * exactly `JSON.stringify(chunk)`; a chunk whose common fields differ takes the plain path.
 */
export interface OpenAIStreamFrameFormatter {
  format(frames: readonly OpenAIStreamFrame[]): string;
}

export function createOpenAIStreamFrameFormatter(state: AnthropicToOpenAIStreamState): OpenAIStreamFrameFormatter {
  return new StreamFrameFormatter(state);
}

/** One object per stream (its methods on the prototype, not a closure each). */
class StreamFrameFormatter implements OpenAIStreamFrameFormatter {
  private prefix = '';
  private prefixModel: string | null = null;

  constructor(private readonly state: AnthropicToOpenAIStreamState) {}

  format(frames: readonly OpenAIStreamFrame[]): string {
    let text = '';
    for (const frame of frames) {
      if (frame === '[DONE]') text += 'data: [DONE]\n\n';
      else if ('error' in frame) text += `data: ${JSON.stringify(frame)}\n\n`;
      else text += this.formatChunk(frame);
    }
    return text;
  }

  private formatChunk(chunk: ChatCompletionChunk): string {
    const state = this.state;
    if (chunk.id !== state.id || chunk.model !== state.model || chunk.created !== state.created) {
      return `data: ${JSON.stringify(chunk)}\n\n`;
    }
    if (this.prefixModel !== state.model) {
      this.prefixModel = state.model;
      const head = JSON.stringify({
        id: state.id,
        object: 'chat.completion.chunk',
        created: state.created,
        model: state.model,
        system_fingerprint: state.systemFingerprint,
      });
      this.prefix = `data: ${head.slice(0, -1)},"choices":`;
    }
    const prefix = this.prefix;
    const choices = formatChoices(chunk.choices);
    if (chunk.usage === undefined) return `${prefix}${choices}}\n\n`;
    if (chunk.usage === null) return `${prefix}${choices},"usage":null}\n\n`;
    return `${prefix}${choices},"usage":${JSON.stringify(chunk.usage)}}\n\n`;
  }
}

/**
 * `JSON.stringify(choices)` for the step's one-choice shape (`index` 0, `delta`, `logprobs` null, `finish_reason`),
 * stringifying only the delta; anything else takes the plain path.
 */
function formatChoices(choices: ChatCompletionChunk['choices']): string {
  if (choices.length !== 1) return JSON.stringify(choices);
  const choice = choices[0]!;
  const finishReason = choice.finish_reason;
  if (choice.index !== 0 || choice.logprobs !== null || (finishReason !== null && typeof finishReason !== 'string')) {
    return JSON.stringify(choices);
  }
  const finish = finishReason === null ? 'null' : JSON.stringify(finishReason);
  return `[{"index":0,"delta":${JSON.stringify(choice.delta)},"logprobs":null,"finish_reason":${finish}}]`;
}
