import { describe, expect, it } from 'vitest';
import { convertGeminiLogprobsToOpenAI } from './convert-gemini-logprobs-to-openai.js';

/**
 * Gemini `LogprobsResult` (v1beta spec): `chosenCandidates[i]` is decoding step i, `topCandidates[i].candidates` the
 * alternatives at that step sorted by log probability (descending). OpenAI `choices[].logprobs.content[i]` is
 * `{token, logprob, bytes, top_logprobs}` with `bytes` the token's UTF-8 bytes.
 */
describe('convertGeminiLogprobsToOpenAI', () => {
  it('maps each decoding step with its alternatives, cut to top_logprobs', () => {
    const result = convertGeminiLogprobsToOpenAI(
      {
        chosenCandidates: [
          { token: 'Hi', tokenId: 1, logProbability: -0.25 },
          { token: '!', tokenId: 2, logProbability: -1.5 },
        ],
        topCandidates: [
          { candidates: [{ token: 'Hi', logProbability: -0.25 }, { token: 'Hello', logProbability: -1.75 }, { token: 'Hey', logProbability: -3 }] },
          { candidates: [{ token: '.', logProbability: -0.5 }, { token: '!', logProbability: -1.5 }] },
        ],
      },
      2,
    );
    expect(result).toEqual({
      content: [
        {
          token: 'Hi',
          logprob: -0.25,
          bytes: [72, 105],
          top_logprobs: [
            { token: 'Hi', logprob: -0.25, bytes: [72, 105] },
            { token: 'Hello', logprob: -1.75, bytes: [72, 101, 108, 108, 111] },
          ],
        },
        {
          token: '!',
          logprob: -1.5,
          bytes: [33],
          top_logprobs: [
            { token: '.', logprob: -0.5, bytes: [46] },
            { token: '!', logprob: -1.5, bytes: [33] },
          ],
        },
      ],
      refusal: null,
    });
  });

  it('gives UTF-8 bytes for non-ASCII tokens', () => {
    const result = convertGeminiLogprobsToOpenAI({ chosenCandidates: [{ token: 'é😀', logProbability: -0.1 }] }, 0);
    expect(result?.content?.[0]?.bytes).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it('has empty top_logprobs without top_logprobs requested or without topCandidates', () => {
    const chosen = { chosenCandidates: [{ token: 'a', logProbability: -1 }] };
    expect(convertGeminiLogprobsToOpenAI({ ...chosen, topCandidates: [{ candidates: [{ token: 'a', logProbability: -1 }] }] }, undefined)?.content).toEqual([
      { token: 'a', logprob: -1, bytes: [97], top_logprobs: [] },
    ]);
    expect(convertGeminiLogprobsToOpenAI(chosen, 3)?.content?.[0]?.top_logprobs).toEqual([]);
    expect(convertGeminiLogprobsToOpenAI({ ...chosen, topCandidates: [{}] }, 3)?.content?.[0]?.top_logprobs).toEqual([]);
  });

  it('reads omitted proto3 defaults as 0 and the empty token', () => {
    // proto3 JSON omits zero values: a certain token (log probability 0) arrives without `logProbability`.
    expect(convertGeminiLogprobsToOpenAI({ chosenCandidates: [{ token: 'x' }, {}] }, 0)?.content).toEqual([
      { token: 'x', logprob: 0, bytes: [120], top_logprobs: [] },
      { token: '', logprob: 0, bytes: [], top_logprobs: [] },
    ]);
  });

  it('is null when Gemini sent no chosen candidates', () => {
    expect(convertGeminiLogprobsToOpenAI(undefined, 2)).toBeNull();
    expect(convertGeminiLogprobsToOpenAI({ topCandidates: [] }, 2)).toBeNull();
  });

  it('an empty reply has empty content, not null', () => {
    expect(convertGeminiLogprobsToOpenAI({ chosenCandidates: [] }, 2)).toEqual({ content: [], refusal: null });
  });
});
