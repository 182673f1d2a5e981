export { stepResponsesStream, stepResponsesStreamInGeneral, stepTextDelta, type HubStreamEvent } from './step-responses-stream.js';
export { createLongStringJsonSerializer } from './create-long-string-json-serializer.js';
export { createResponsesStreamState, type ResponsesStreamState } from './responses-stream-state.js';
export {
  createResponsesTranscoder,
  createResponsesTransformStream,
  readHubPayload,
  readHubFrame,
  type ResponsesTranscoder,
  type ResponsesTranscoderOptions,
} from './create-responses-transcoder.js';
export { createResponseStreamEventFormatter, formatResponseStreamEvent } from './format-response-stream-event.js';
