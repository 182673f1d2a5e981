/** Token accounting of a completion (`CompletionUsage`). Providers add their own fields (kept as-is). */

import type { Integer } from './json-integer.js';

export interface PromptTokensDetails {
  cached_tokens?: Integer;
  audio_tokens?: Integer;
  text_tokens?: Integer;
  image_tokens?: Integer;
  cache_write_tokens?: Integer;
  [key: string]: unknown;
}

export interface CompletionTokensDetails {
  reasoning_tokens?: Integer;
  audio_tokens?: Integer;
  text_tokens?: Integer;
  accepted_prediction_tokens?: Integer;
  rejected_prediction_tokens?: Integer;
  [key: string]: unknown;
}

export interface CompletionUsage {
  prompt_tokens: Integer;
  completion_tokens: Integer;
  total_tokens: Integer;
  prompt_tokens_details?: PromptTokensDetails | null;
  completion_tokens_details?: CompletionTokensDetails | null;
  [key: string]: unknown;
}
