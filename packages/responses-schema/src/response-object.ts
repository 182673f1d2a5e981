/**
 * The Response object (`object: "response"`, OpenAI's `Response`, Open Responses' `ResponseResource`) and its
 * output items, as this gateway produces them. Outbound: plain types, no runtime validation. Every field both
 * specifications require is always present (Open Responses requires more of them than OpenAI).
 */
import type {
  ResponseAnnotation,
  ResponseReasoningConfig,
  ResponseSummaryText,
  ResponseReasoningText,
  ResponseTextConfig,
  ResponseTool,
  ResponseToolChoice,
} from './responses-request.js';

export type ResponseItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** The log probability of a token and of its most likely alternatives (`LogProb`). */
export interface ResponseLogProb {
  token: string;
  logprob: number;
  /** UTF-8 bytes of the token (`[]` when the upstream gives none). */
  bytes: number[];
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] }>;
}

export interface ResponseOutputText {
  type: 'output_text';
  text: string;
  annotations: ResponseAnnotation[];
  /** Filled when `include` has `message.output_text.logprobs` (or `top_logprobs` is set) and the upstream gives them. */
  logprobs: ResponseLogProb[];
}

export interface ResponseOutputRefusal {
  type: 'refusal';
  refusal: string;
}

export type ResponseOutputContent = ResponseOutputText | ResponseOutputRefusal;

export interface ResponseOutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: ResponseItemStatus;
  content: ResponseOutputContent[];
}

export interface ResponseReasoningItem {
  type: 'reasoning';
  id: string;
  summary: ResponseSummaryText[];
  content?: ResponseReasoningText[];
  /** Opaque: the provider's signed reasoning, to be sent back as is (see the mapper's README). */
  encrypted_content?: string | null;
  status?: ResponseItemStatus;
}

export interface ResponseFunctionToolCall {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: ResponseItemStatus;
}

/** The output item kinds the hub can produce. */
export type ResponseOutputItem = ResponseOutputMessage | ResponseReasoningItem | ResponseFunctionToolCall;

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** A failed response's error (`ResponseError`): a code and a message. */
export interface ResponseErrorObject {
  code: string;
  message: string;
}

export type ResponseStatus = 'completed' | 'failed' | 'in_progress' | 'cancelled' | 'queued' | 'incomplete';

export interface ResponseIncompleteDetails {
  reason: 'max_output_tokens' | 'content_filter';
}

export interface ResponseObject {
  id: string;
  object: 'response';
  created_at: number;
  completed_at: number | null;
  status: ResponseStatus;
  error: ResponseErrorObject | null;
  incomplete_details: ResponseIncompleteDetails | null;
  model: string;
  previous_response_id: string | null;
  instructions: string | null;
  output: ResponseOutputItem[];
  /** Concatenated `output_text` (an SDK convenience some servers send; this gateway leaves it to the SDKs). */
  output_text?: string;
  tools: ResponseTool[];
  tool_choice: ResponseToolChoice;
  parallel_tool_calls: boolean;
  text: ResponseTextConfig;
  reasoning: ResponseReasoningConfig | null;
  temperature: number;
  top_p: number;
  presence_penalty: number;
  frequency_penalty: number;
  top_logprobs: number;
  truncation: 'auto' | 'disabled';
  max_output_tokens: number | null;
  max_tool_calls: number | null;
  store: boolean;
  background: boolean;
  service_tier: string;
  metadata: { [key: string]: string };
  user: string | null;
  safety_identifier: string | null;
  prompt_cache_key: string | null;
  usage: ResponseUsage | null;
}

/** `GET /v1/responses/{id}/input_items`: a list page of the items the response was created from. */
export interface ResponseInputItemList {
  object: 'list';
  data: Array<{ id: string; type: string; [key: string]: unknown }>;
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** `DELETE /v1/responses/{id}`. */
export interface ResponseDeleted {
  id: string;
  object: 'response';
  deleted: true;
}
