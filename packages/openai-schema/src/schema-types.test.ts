/**
 * The hand-written wire interfaces (the source of the generated JSON Schemas) and the zod schemas must not drift:
 * `z.infer<typeof schema>` and the interface are mutually assignable. The checks are type-level; `tsc --noEmit`
 * (the package's `typecheck` task) fails when they drift. Each test also pushes a real payload through the
 * schema and uses the result as the interface type.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ChatCompletionChunk } from './chat-completion-chunk.js';
import { chatCompletionChunkSchema } from './chat-completion-chunk-schema.js';
import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionMessageToolCall } from './chat-completion-message-param.js';
import type { ChatCompletionRequest } from './chat-completion-request.js';
import {
  chatCompletionContentPartSchema,
  chatCompletionMessageParamSchema,
  chatCompletionMessageToolCallSchema,
  chatCompletionRequestSchema,
  chatCompletionToolChoiceOptionSchema,
  chatCompletionToolSchema,
  responseFormatSchema,
} from './chat-completion-request-schema.js';
import type { ChatCompletionTool, ChatCompletionToolChoiceOption, ResponseFormat } from './chat-completion-tool.js';
import type { ChatCompletion } from './chat-completion.js';
import { chatCompletionSchema } from './chat-completion-schema.js';
import type { CompletionUsage } from './completion-usage.js';
import { completionUsageSchema } from './completion-usage-schema.js';
import type { OpenAIErrorEnvelope } from './openai-error-envelope.js';
import { openAIErrorEnvelopeSchema } from './openai-error-envelope-schema.js';

type Inferred<F extends () => z.core.$ZodType> = z.infer<ReturnType<F>>;

describe('zod schemas and wire interfaces are mutually assignable', () => {
  it('ChatCompletionRequest', () => {
    expectTypeOf<Inferred<typeof chatCompletionRequestSchema>>().toExtend<ChatCompletionRequest>();
    expectTypeOf<ChatCompletionRequest>().toExtend<Inferred<typeof chatCompletionRequestSchema>>();
    const value: ChatCompletionRequest = chatCompletionRequestSchema().parse({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(value.messages[0]?.role).toBe('user');
  });

  it('request parts: messages, content parts, tool calls, tools, tool_choice, response_format', () => {
    expectTypeOf<Inferred<typeof chatCompletionMessageParamSchema>>().toExtend<ChatCompletionMessageParam>();
    expectTypeOf<ChatCompletionMessageParam>().toExtend<Inferred<typeof chatCompletionMessageParamSchema>>();
    expectTypeOf<Inferred<typeof chatCompletionContentPartSchema>>().toExtend<ChatCompletionContentPart>();
    expectTypeOf<ChatCompletionContentPart>().toExtend<Inferred<typeof chatCompletionContentPartSchema>>();
    expectTypeOf<Inferred<typeof chatCompletionMessageToolCallSchema>>().toExtend<ChatCompletionMessageToolCall>();
    expectTypeOf<ChatCompletionMessageToolCall>().toExtend<Inferred<typeof chatCompletionMessageToolCallSchema>>();
    expectTypeOf<Inferred<typeof chatCompletionToolSchema>>().toExtend<ChatCompletionTool>();
    expectTypeOf<ChatCompletionTool>().toExtend<Inferred<typeof chatCompletionToolSchema>>();
    expectTypeOf<Inferred<typeof chatCompletionToolChoiceOptionSchema>>().toExtend<ChatCompletionToolChoiceOption>();
    expectTypeOf<ChatCompletionToolChoiceOption>().toExtend<Inferred<typeof chatCompletionToolChoiceOptionSchema>>();
    expectTypeOf<Inferred<typeof responseFormatSchema>>().toExtend<ResponseFormat>();
    expectTypeOf<ResponseFormat>().toExtend<Inferred<typeof responseFormatSchema>>();
    const part: ChatCompletionContentPart = chatCompletionContentPartSchema().parse({ type: 'image_url', image_url: 'https://example.com/a.png' });
    expect(part.type).toBe('image_url');
  });

  it('ChatCompletion', () => {
    expectTypeOf<Inferred<typeof chatCompletionSchema>>().toExtend<ChatCompletion>();
    expectTypeOf<ChatCompletion>().toExtend<Inferred<typeof chatCompletionSchema>>();
    const value: ChatCompletion = chatCompletionSchema().parse({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
    });
    expect(value.choices[0]?.message.content).toBe('hi');
  });

  it('ChatCompletionChunk', () => {
    expectTypeOf<Inferred<typeof chatCompletionChunkSchema>>().toExtend<ChatCompletionChunk>();
    expectTypeOf<ChatCompletionChunk>().toExtend<Inferred<typeof chatCompletionChunkSchema>>();
    const value: ChatCompletionChunk = chatCompletionChunkSchema().parse({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'h' }, finish_reason: null }],
    });
    expect(value.choices[0]?.delta.content).toBe('h');
  });

  it('CompletionUsage and OpenAIErrorEnvelope', () => {
    expectTypeOf<Inferred<typeof completionUsageSchema>>().toExtend<CompletionUsage>();
    expectTypeOf<CompletionUsage>().toExtend<Inferred<typeof completionUsageSchema>>();
    expectTypeOf<Inferred<typeof openAIErrorEnvelopeSchema>>().toExtend<OpenAIErrorEnvelope>();
    expectTypeOf<OpenAIErrorEnvelope>().toExtend<Inferred<typeof openAIErrorEnvelopeSchema>>();
    const usage: CompletionUsage = completionUsageSchema().parse({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    expect(usage.total_tokens).toBe(3);
  });
});
