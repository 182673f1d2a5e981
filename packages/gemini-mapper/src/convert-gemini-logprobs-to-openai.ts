import type { ChatCompletionChoiceLogprobs, ChatCompletionTopLogprob } from '@interlingua/openai-schema';
import type { GeminiCandidate } from './gemini-response-schema.js';

const encoder = new TextEncoder();

function entry(candidate: { token?: string; logProbability?: number }): ChatCompletionTopLogprob {
  const token = candidate.token ?? '';
  return { token, logprob: candidate.logProbability ?? 0, bytes: [...encoder.encode(token)] };
}

/**
 * Gemini `logprobsResult` → OpenAI `choices[].logprobs`: `chosenCandidates[i]` is token i, `topCandidates[i].candidates`
 * its alternatives (at most `topLogprobs`); bytes are the token's UTF-8 bytes.
 */
export function convertGeminiLogprobsToOpenAI(result: GeminiCandidate['logprobsResult'], topLogprobs: number | undefined): ChatCompletionChoiceLogprobs | null {
  if (!result?.chosenCandidates) return null;
  return {
    content: result.chosenCandidates.map((chosen, index) => ({
      ...entry(chosen),
      top_logprobs: (result.topCandidates?.[index]?.candidates ?? []).slice(0, topLogprobs ?? 0).map(entry),
    })),
    refusal: null,
  };
}
