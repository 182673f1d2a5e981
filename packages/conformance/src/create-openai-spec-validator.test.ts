import { describe, expect, it } from 'vitest';
import { createOpenAISpecValidator } from './create-openai-spec-validator.js';

describe('createOpenAISpecValidator', () => {
  const validator = createOpenAISpecValidator();
  const completion = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  };
  it('accepts a valid completion and rejects a broken one', () => {
    expect(validator.completion(completion)).toEqual([]);
    expect(validator.completion({ ...completion, choices: [{ ...completion.choices[0], finish_reason: 'done' }] })).not.toEqual([]);
  });
  it('accepts a valid chunk and rejects a chunk without choices', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }] };
    expect(validator.chunk(chunk)).toEqual([]);
    expect(validator.chunk({ ...chunk, choices: undefined })).not.toEqual([]);
  });
  it('checks error envelopes', () => {
    expect(validator.error({ error: { message: 'm', type: 'invalid_request_error', param: null, code: null } })).toEqual([]);
    expect(validator.error({ message: 'm' })).not.toEqual([]);
  });
});
