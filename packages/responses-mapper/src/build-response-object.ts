import type {
  ResponseErrorObject,
  ResponseIncompleteDetails,
  ResponseObject,
  ResponseOutputItem,
  ResponseStatus,
  ResponseUsage,
} from '@interlingua/responses-schema';
import type { ResponsesTranslationContext } from './responses-context.js';

export interface ResponseObjectParts {
  status: ResponseStatus;
  model?: string;
  output?: ResponseOutputItem[];
  usage?: ResponseUsage | null;
  error?: ResponseErrorObject | null;
  incompleteDetails?: ResponseIncompleteDetails | null;
  /** Unix seconds; set for a completed response. */
  completedAt?: number | null;
}

/** A Response object with every field both specifications require, the request's settings echoed. */
export function buildResponseObject(context: ResponsesTranslationContext, parts: ResponseObjectParts): ResponseObject {
  const { echo } = context;
  return {
    id: context.responseId,
    object: 'response',
    created_at: context.createdAt,
    completed_at: parts.completedAt ?? null,
    status: parts.status,
    error: parts.error ?? null,
    incomplete_details: parts.incompleteDetails ?? null,
    model: parts.model ?? context.model,
    previous_response_id: echo.previous_response_id,
    instructions: echo.instructions,
    output: parts.output ?? [],
    tools: echo.tools,
    tool_choice: echo.tool_choice,
    parallel_tool_calls: echo.parallel_tool_calls,
    text: echo.text,
    reasoning: echo.reasoning,
    temperature: echo.temperature,
    top_p: echo.top_p,
    presence_penalty: 0,
    frequency_penalty: 0,
    top_logprobs: echo.top_logprobs,
    truncation: 'disabled',
    max_output_tokens: echo.max_output_tokens,
    max_tool_calls: null,
    store: echo.store,
    background: false,
    service_tier: echo.service_tier,
    metadata: echo.metadata,
    user: echo.user,
    safety_identifier: echo.safety_identifier,
    prompt_cache_key: echo.prompt_cache_key,
    usage: parts.usage ?? null,
  };
}
