import type {
  ResponseReasoningConfig,
  ResponseTextConfig,
  ResponseTool,
  ResponseToolChoice,
} from '@interlingua/responses-schema';

/**
 * What the reply side needs to know of the request: the ids it fixed and the settings a Response echoes. Plain
 * JSON (it may be stored with the response).
 */
export interface ResponsesTranslationContext {
  /** `resp_…`; the output items' ids are derived from it (`msg_…`, `rs_…`, `fc_…`). */
  responseId: string;
  /** Unix seconds. */
  createdAt: number;
  /** The client's model name (the reply's model falls back to it). */
  model: string;
  stream: boolean;
  echo: ResponseEcho;
}

/** The request settings a Response object repeats (every field Open Responses' `ResponseResource` requires). */
export interface ResponseEcho {
  instructions: string | null;
  tools: ResponseTool[];
  tool_choice: ResponseToolChoice;
  parallel_tool_calls: boolean;
  text: ResponseTextConfig;
  reasoning: ResponseReasoningConfig | null;
  temperature: number;
  top_p: number;
  top_logprobs: number;
  max_output_tokens: number | null;
  previous_response_id: string | null;
  store: boolean;
  metadata: { [key: string]: string };
  user: string | null;
  safety_identifier: string | null;
  prompt_cache_key: string | null;
  service_tier: string;
}

/** The id suffix shared by a response and its items: `resp_<base>`, `msg_<base>_<n>`. */
export function responseIdBase(context: ResponsesTranslationContext): string {
  return context.responseId.startsWith('resp_') ? context.responseId.slice('resp_'.length) : context.responseId;
}

/** The id of the output item at `outputIndex`, by kind. */
export function outputItemId(context: ResponsesTranslationContext, kind: 'msg' | 'rs' | 'fc', outputIndex: number): string {
  return `${kind}_${responseIdBase(context)}_${outputIndex}`;
}
