export { createAnthropicToOpenAIStream } from './create-anthropic-to-openai-stream.js';
export { createAnthropicToOpenAITranscoder, type AnthropicToOpenAITranscoder, type AnthropicToOpenAITranscoderOptions } from './create-anthropic-to-openai-transcoder.js';
export { stepAnthropicStreamEvent, endAnthropicStream, rejectAnthropicStreamData, type OpenAIStreamFrame } from './step-anthropic-stream-event.js';
export {
  createAnthropicToOpenAIStreamState,
  type AnthropicToOpenAIStreamState,
  type AnthropicOpenBlock,
  type AnthropicBlockKind,
  type AnthropicStreamPhase,
} from './anthropic-to-openai-stream-state.js';
export { createOpenAIStreamFrameFormatter, type OpenAIStreamFrameFormatter } from './format-openai-stream-frame.js';
export type { AnthropicStreamContext, AnthropicToOpenAIStreamOptions } from './anthropic-to-openai-stream-options.js';
export type * from './anthropic-stream-event.js';
