import type { AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { convertOpenAIRequestToAnthropic } from '@interlingua/anthropic-mapper';
import type { GeminiTranslationContext } from '@interlingua/gemini-mapper';
import { convertOpenAIRequestToGemini } from '@interlingua/gemini-mapper';
import type { ChatCompletionRequest } from '@interlingua/openai-schema';

/**
 * The response side needs the translation context of the request that produced the reply. From the shell there is
 * no such request, so one is made from the flags (model, include_usage) through the mapper itself: the context
 * stays the mapper's own type, never rebuilt by hand here.
 */
export async function createContextForCommand(
  provider: 'anthropic' | 'gemini',
  model: string,
  stream: boolean,
  includeUsage: boolean,
): Promise<AnthropicTranslationContext | GeminiTranslationContext> {
  const request: ChatCompletionRequest = {
    model,
    messages: [{ role: 'user', content: '(converted from the shell)' }],
    ...(stream ? { stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) } : {}),
  };
  const result = provider === 'anthropic' ? convertOpenAIRequestToAnthropic(request) : await convertOpenAIRequestToGemini(request);
  if (!result.ok) throw new Error(result.error.error.message);
  return result.context;
}
