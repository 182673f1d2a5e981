export { createGeminiToOpenAIStream } from './create-gemini-to-openai-stream.js';
export {
  createGeminiToOpenAITransducer,
  type GeminiToOpenAITransducer,
  type GeminiToOpenAITransducerOptions,
} from './create-gemini-to-openai-transducer.js';
export { translateGeminiStreamEvent, type OpenAIStreamOutput } from './translate-gemini-stream-event.js';
export { finishGeminiToOpenAIStream } from './finish-gemini-to-openai-stream.js';
export {
  createGeminiToOpenAIStreamState,
  type GeminiChoiceState,
  type GeminiStreamContext,
  type GeminiToOpenAIStreamOptions,
  type GeminiToOpenAIStreamState,
  type PendingFunctionCall,
} from './gemini-to-openai-stream-state.js';
export { parseGeminiStreamEvent, type ParseGeminiStreamEventResult } from './parse-gemini-stream-event.js';
export { geminiStreamEventSchema } from './gemini-stream-event-schema.js';
export { applyGeminiPartialArgument, parseGeminiJsonPath, type PartialArgumentsAssembly } from './apply-gemini-partial-argument.js';
export { convertGeminiStreamErrorToOpenAI } from './convert-gemini-stream-error-to-openai.js';
export type {
  GeminiErrorBody,
  GeminiFunctionCall,
  GeminiPartialArgument,
  GeminiStreamCandidate,
  GeminiStreamEvent,
  GeminiStreamPart,
} from './gemini-stream-event.js';
