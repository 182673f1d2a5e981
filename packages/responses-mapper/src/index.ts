export { convertResponsesRequestToChat, identifyResponse, type ConvertResponsesRequestOptions, type ConvertResponsesRequestResult } from './convert-responses-request-to-chat.js';
export {
  convertChatCompletionToResponse,
  convertChatAnnotation,
  convertChatLogprobs,
  responseStatusForFinishReason,
  type ConvertChatCompletionToResponseOptions,
} from './convert-chat-completion-to-response.js';
export { convertChatUsageToResponseUsage } from './convert-chat-usage-to-response-usage.js';
export { mapChatErrorToResponseError } from './map-chat-error-to-response-error.js';
export { mapResponsesInputToMessages, type MapInputResult } from './map-responses-input-to-messages.js';
export { mapResponsesTools, type MapToolsResult } from './map-responses-tools.js';
export { buildResponseObject, type ResponseObjectParts } from './build-response-object.js';
export { splitReasoningCarriers } from './split-reasoning-carriers.js';
export {
  HUB_MESSAGE_FIELDS,
  REASONING_CARRIER_PREFIX,
  isEmptyCarrier,
  sealReasoningCarrier,
  unsealReasoningCarrier,
  splitMessageExtraContent,
  type GoogleThoughtSignature,
  type ReasoningCarrier,
} from './reasoning-carrier.js';
export { outputItemId, responseIdBase, type ResponseEcho, type ResponsesTranslationContext } from './responses-context.js';
export { findClientPath, responsesFieldPaths, translateHubErrorForResponses, translateHubWarningForResponses, type HubPathEntry } from './hub-request-paths.js';
export type { InputPathRecorder } from './map-responses-input-to-messages.js';
