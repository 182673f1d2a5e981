/**
 * zod schemas of a Chat Completions request. They mirror the interfaces in `chat-completion-request.ts`,
 * `chat-completion-message-param.ts` and `chat-completion-tool.ts` (checked both ways by `schema-types.test.ts`).
 * Every object is a `z.looseObject`: unknown fields are preserved. Each schema is built on first use.
 */
import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger, jsonRecord } from './zod-helpers.js';

const openObject = () => z.looseObject({});

export const promptCacheBreakpointSchema = lazySchema(() => z.looseObject({ mode: z.literal('explicit') }));

export const chatCompletionContentPartTextSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('text'),
    text: z.string(),
    prompt_cache_breakpoint: promptCacheBreakpointSchema().optional(),
  }),
);

export const chatCompletionContentPartSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    chatCompletionContentPartTextSchema(),
    z.looseObject({
      type: z.literal('image_url'),
      image_url: z.union([
        z.looseObject({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).optional() }),
        z.string(),
      ]),
      prompt_cache_breakpoint: promptCacheBreakpointSchema().optional(),
    }),
    z.looseObject({
      type: z.literal('input_audio'),
      input_audio: z.looseObject({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
      prompt_cache_breakpoint: promptCacheBreakpointSchema().optional(),
    }),
    z.looseObject({
      type: z.literal('file'),
      file: z.looseObject({
        filename: z.string().optional(),
        file_data: z.string().optional(),
        file_id: z.string().optional(),
      }),
      prompt_cache_breakpoint: promptCacheBreakpointSchema().optional(),
    }),
  ]),
);

export const chatCompletionContentPartRefusalSchema = lazySchema(() =>
  z.looseObject({ type: z.literal('refusal'), refusal: z.string() }),
);

const textContent = () => z.union([z.string(), z.array(chatCompletionContentPartTextSchema()).min(1)]);

export const chatCompletionFunctionCallSchema = lazySchema(() =>
  z.looseObject({ name: z.string(), arguments: z.string() }),
);

export const chatCompletionMessageToolCallSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({ id: z.string(), type: z.literal('function'), function: chatCompletionFunctionCallSchema() }),
    z.looseObject({
      id: z.string(),
      type: z.literal('custom'),
      custom: z.looseObject({ name: z.string(), input: z.string() }),
    }),
  ]),
);

export const chatCompletionMessageParamSchema = lazySchema(() =>
  z.discriminatedUnion('role', [
    z.looseObject({ role: z.literal('developer'), content: textContent(), name: z.string().optional() }),
    z.looseObject({ role: z.literal('system'), content: textContent(), name: z.string().optional() }),
    z.looseObject({
      role: z.literal('user'),
      content: z.union([z.string(), z.array(chatCompletionContentPartSchema()).min(1)]),
      name: z.string().optional(),
    }),
    z.looseObject({
      role: z.literal('assistant'),
      content: z
        .union([
          z.string(),
          z
            .array(z.discriminatedUnion('type', [chatCompletionContentPartTextSchema(), chatCompletionContentPartRefusalSchema()]))
            .min(1),
        ])
        .nullish(),
      refusal: z.string().nullish(),
      name: z.string().optional(),
      audio: z.looseObject({ id: z.string() }).nullish(),
      tool_calls: z.array(chatCompletionMessageToolCallSchema()).optional(),
      function_call: chatCompletionFunctionCallSchema().nullish(),
      reasoning_content: z.string().nullish(),
      thinking_blocks: z.array(openObject()).optional(),
    }),
    // Beyond the spec (text only): tool results may carry images and files, as Anthropic and Gemini accept them;
    // the mappers say which parts a provider takes.
    z.looseObject({
      role: z.literal('tool'),
      content: z.union([z.string(), z.array(chatCompletionContentPartSchema()).min(1)]),
      tool_call_id: z.string(),
    }),
    z.looseObject({ role: z.literal('function'), content: z.string().nullable(), name: z.string() }),
  ]),
);

export const chatCompletionToolSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('function'),
      function: z.looseObject({
        name: z.string(),
        description: z.string().optional(),
        parameters: openObject().optional(),
        strict: z.boolean().nullish(),
      }),
    }),
    z.looseObject({
      type: z.literal('custom'),
      custom: z.looseObject({
        name: z.string(),
        description: z.string().optional(),
        format: z
          .discriminatedUnion('type', [
            z.looseObject({ type: z.literal('text') }),
            z.looseObject({
              type: z.literal('grammar'),
              grammar: z.looseObject({ definition: z.string(), syntax: z.enum(['lark', 'regex']) }),
            }),
          ])
          .optional(),
      }),
    }),
  ]),
);

/**
 * A provider's own tool object, passed through to that provider (e.g. Anthropic's `{type: 'web_search_20250305',
 * name: 'web_search'}`): recognised by its versioned type name `<name>_<digits>`; mappers of other providers reject it.
 */
export const providerNativeToolSchema = lazySchema(() => z.looseObject({ type: z.templateLiteral([z.string(), '_', z.number()]) }));

export const chatCompletionToolChoiceOptionSchema = lazySchema(() =>
  z.union([
    z.enum(['none', 'auto', 'required']),
    z.discriminatedUnion('type', [
      z.looseObject({
        type: z.literal('allowed_tools'),
        allowed_tools: z.looseObject({ mode: z.enum(['auto', 'required']), tools: z.array(openObject()) }),
      }),
      z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
      z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
    ]),
  ]),
);

export const responseFormatSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string(),
        description: z.string().optional(),
        schema: openObject().optional(),
        parameters: openObject().optional(),
        strict: z.boolean().nullish(),
      }),
    }),
  ]),
);

const nullableNumberIn = (min: number, max: number) => z.number().min(min).max(max).nullish();

export const chatCompletionRequestSchema = lazySchema(() =>
  z.looseObject({
    model: z.string(),
    messages: z.array(chatCompletionMessageParamSchema()).min(1),

    metadata: jsonRecord(z.string()).nullish(),
    temperature: nullableNumberIn(0, 2),
    top_p: nullableNumberIn(0, 1),
    user: z.string().optional(),
    safety_identifier: z.string().max(64).nullish(),
    prompt_cache_key: z.string().nullish(),
    prompt_cache_retention: z.enum(['in_memory', '24h']).nullish(),
    prompt_cache_options: z
      .looseObject({ ttl: z.literal('30m').optional(), mode: z.enum(['implicit', 'explicit']).optional() })
      .optional(),

    service_tier: z.enum(['auto', 'default', 'flex', 'scale', 'priority', 'fast']).nullish(),
    modalities: z.array(z.enum(['text', 'audio'])).nullish(),
    verbosity: z.enum(['low', 'medium', 'high']).nullish(),
    reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
    max_completion_tokens: jsonInteger().nullish(),
    max_tokens: jsonInteger().nullish(),
    frequency_penalty: nullableNumberIn(-2, 2),
    presence_penalty: nullableNumberIn(-2, 2),
    web_search_options: z
      .looseObject({
        user_location: z
          .looseObject({
            type: z.literal('approximate'),
            approximate: z.looseObject({
              country: z.string().optional(),
              region: z.string().optional(),
              city: z.string().optional(),
              timezone: z.string().optional(),
            }),
          })
          .nullish(),
        search_context_size: z.enum(['low', 'medium', 'high']).optional(),
      })
      .optional(),
    top_logprobs: jsonInteger({ min: 0, max: 20 }).nullish(),
    response_format: responseFormatSchema().optional(),
    audio: z
      .looseObject({
        voice: z.union([z.string(), z.looseObject({ id: z.string() })]),
        format: z.enum(['wav', 'aac', 'mp3', 'flac', 'opus', 'pcm16']),
      })
      .nullish(),
    store: z.boolean().nullish(),
    moderation: z
      .looseObject({
        model: z.string(),
        policy: z
          .looseObject({
            input: z.looseObject({ mode: z.string() }).nullish(),
            output: z.looseObject({ mode: z.string() }).nullish(),
          })
          .nullish(),
      })
      .nullish(),
    stream: z.boolean().nullish(),
    stop: z.union([z.string(), z.array(z.string())]).nullish(),
    logit_bias: jsonRecord(z.number()).nullish(),
    logprobs: z.boolean().nullish(),
    n: jsonInteger({ min: 1, max: 128 }).nullish(),
    prediction: z.looseObject({ type: z.literal('content'), content: textContent() }).nullish(),
    seed: jsonInteger().nullish(),
    stream_options: z
      .looseObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() })
      .nullish(),
    tools: z.array(z.union([chatCompletionToolSchema(), providerNativeToolSchema()])).optional(),
    tool_choice: chatCompletionToolChoiceOptionSchema().optional(),
    parallel_tool_calls: z.boolean().optional(),
    function_call: z.union([z.enum(['none', 'auto']), z.looseObject({ name: z.string() })]).optional(),
    functions: z
      .array(
        z.looseObject({ name: z.string(), description: z.string().optional(), parameters: openObject().optional() }),
      )
      .optional(),
  }),
);
