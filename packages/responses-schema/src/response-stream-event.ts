/**
 * The stream events of `POST /v1/responses` with `stream: true` (`ResponseStreamEvent`). Each is one SSE event
 * (`event: <type>` and `data: <json>`); `sequence_number` counts from 0 without gaps, and the stream ends with
 * exactly one of `response.completed`, `response.incomplete` or `response.failed` (no `[DONE]`).
 */
import type {
  ResponseLogProb,
  ResponseObject,
  ResponseOutputContent,
  ResponseOutputItem,
} from './response-object.js';
import type { ResponseAnnotation, ResponseReasoningText, ResponseSummaryText } from './responses-request.js';

interface Sequenced {
  sequence_number: number;
}

interface InItem extends Sequenced {
  item_id: string;
  output_index: number;
}

interface InContent extends InItem {
  content_index: number;
}

interface InSummary extends InItem {
  summary_index: number;
}

export interface ResponseLifecycleEvent extends Sequenced {
  type: 'response.created' | 'response.in_progress' | 'response.completed' | 'response.incomplete' | 'response.failed';
  response: ResponseObject;
}

export interface ResponseOutputItemEvent extends Sequenced {
  type: 'response.output_item.added' | 'response.output_item.done';
  output_index: number;
  item: ResponseOutputItem;
}

export interface ResponseContentPartEvent extends InContent {
  type: 'response.content_part.added' | 'response.content_part.done';
  part: ResponseOutputContent | ResponseReasoningText;
}

export interface ResponseOutputTextDeltaEvent extends InContent {
  type: 'response.output_text.delta';
  delta: string;
  logprobs: ResponseLogProb[];
}

export interface ResponseOutputTextDoneEvent extends InContent {
  type: 'response.output_text.done';
  text: string;
  logprobs: ResponseLogProb[];
}

export interface ResponseOutputTextAnnotationAddedEvent extends InContent {
  type: 'response.output_text.annotation.added';
  annotation_index: number;
  annotation: ResponseAnnotation;
}

export interface ResponseRefusalDeltaEvent extends InContent {
  type: 'response.refusal.delta';
  delta: string;
}

export interface ResponseRefusalDoneEvent extends InContent {
  type: 'response.refusal.done';
  refusal: string;
}

export interface ResponseFunctionCallArgumentsDeltaEvent extends InItem {
  type: 'response.function_call_arguments.delta';
  delta: string;
}

export interface ResponseFunctionCallArgumentsDoneEvent extends InItem {
  type: 'response.function_call_arguments.done';
  name: string;
  arguments: string;
}

export interface ResponseReasoningSummaryPartEvent extends InSummary {
  type: 'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done';
  part: ResponseSummaryText;
}

export interface ResponseReasoningSummaryTextDeltaEvent extends InSummary {
  type: 'response.reasoning_summary_text.delta';
  delta: string;
}

export interface ResponseReasoningSummaryTextDoneEvent extends InSummary {
  type: 'response.reasoning_summary_text.done';
  text: string;
}

export interface ResponseReasoningTextDeltaEvent extends InContent {
  type: 'response.reasoning_text.delta';
  delta: string;
}

export interface ResponseReasoningTextDoneEvent extends InContent {
  type: 'response.reasoning_text.done';
  text: string;
}

/** A stream-level error (`type: "error"`), sent only when no Response exists to fail (this gateway always has one). */
export interface ResponseErrorEvent extends Sequenced {
  type: 'error';
  code: string | null;
  message: string;
  param: string | null;
}

export type ResponseStreamEvent =
  | ResponseLifecycleEvent
  | ResponseOutputItemEvent
  | ResponseContentPartEvent
  | ResponseOutputTextDeltaEvent
  | ResponseOutputTextDoneEvent
  | ResponseOutputTextAnnotationAddedEvent
  | ResponseRefusalDeltaEvent
  | ResponseRefusalDoneEvent
  | ResponseFunctionCallArgumentsDeltaEvent
  | ResponseFunctionCallArgumentsDoneEvent
  | ResponseReasoningSummaryPartEvent
  | ResponseReasoningSummaryTextDeltaEvent
  | ResponseReasoningSummaryTextDoneEvent
  | ResponseReasoningTextDeltaEvent
  | ResponseReasoningTextDoneEvent
  | ResponseErrorEvent;

export type ResponseStreamEventType = ResponseStreamEvent['type'];

/** The events that end a stream: exactly one of them, last. */
export const TERMINAL_RESPONSE_EVENT_TYPES = ['response.completed', 'response.incomplete', 'response.failed'] as const;
