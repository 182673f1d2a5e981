import { createFixedEnvironment } from '@interlingua/openai-schema';
import { bench, describe } from 'vitest';
import { convertGeminiResponseToOpenAI } from './convert-gemini-response-to-openai.js';
import { convertOpenAIRequestToGemini } from './convert-openai-request-to-gemini.js';

const request = {
  model: 'gemini-1.5-pro',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Paris and Rome?' },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' }, unit: { type: ['string', 'null'], enum: ['c', 'f', null] }, days: { type: 'array', items: { type: 'integer' } } },
          required: ['city'],
          additionalProperties: false,
        },
      },
    },
  ],
  response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } } } } },
};
const response = {
  candidates: [{ content: { role: 'model', parts: [{ text: 'Sunny in Paris.' }, { functionCall: { name: 'weather', args: { city: 'Rome' } } }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 10, totalTokenCount: 30 },
  modelVersion: 'gemini-1.5-pro',
};
const context = {
  model: 'gemini-1.5-pro', upstreamModel: 'gemini-1.5-pro', stream: false, includeUsage: false, toolNames: {},
  logprobs: false, includeThoughts: false, candidateCount: 1, responseFormat: null,
} as const;
const environment = createFixedEnvironment();

describe('request mapping (with schema conversion)', () => {
  bench('convertOpenAIRequestToGemini', async () => {
    await convertOpenAIRequestToGemini(request);
  });
  bench('baseline: JSON.parse + JSON.stringify of the request', () => {
    JSON.parse(JSON.stringify(request));
  });
});

describe('response mapping', () => {
  bench('convertGeminiResponseToOpenAI', () => {
    convertGeminiResponseToOpenAI(response, { context: { ...context, toolNames: {} }, environment });
  });
  bench('baseline: JSON.parse + JSON.stringify of the response', () => {
    JSON.parse(JSON.stringify(response));
  });
});
