import { FinishReason, GenerateContentResponse } from '@google/genai';
import { createFixedEnvironment } from '@interlingua/openai-schema';
import { describe, expect, it } from 'vitest';
import type { GeminiStreamEvent } from './gemini-stream-event.js';
import { createGeminiToOpenAIStreamState } from './gemini-to-openai-stream-state.js';
import { translateGeminiStreamEvent } from './translate-gemini-stream-event.js';

describe('GeminiStreamEvent', () => {
  it('accepts @google/genai 2.x GenerateContentResponse objects (checked by the type-check, run here too)', () => {
    const response = new GenerateContentResponse();
    response.candidates = [
      {
        index: 0,
        content: { role: 'model', parts: [{ functionCall: { name: 'f', partialArgs: [{ jsonPath: '$.a', nullValue: 'NULL_VALUE' }] } }] },
        finishReason: FinishReason.STOP,
      },
    ];
    response.usageMetadata = { promptTokenCount: 1, candidatesTokenCount: 2, totalTokenCount: 3 };
    // The assignment is the type-level test: a GenerateContentResponse is a GeminiStreamEvent.
    const event: GeminiStreamEvent = response;
    const state = createGeminiToOpenAIStreamState({ context: { model: 'm', includeUsage: false }, environment: createFixedEnvironment() });
    const outputs = translateGeminiStreamEvent(event, state);
    expect(outputs).toHaveLength(2);
    expect(JSON.stringify(outputs[0])).toContain('"arguments":"{\\"a\\":null}"');
  });
});
