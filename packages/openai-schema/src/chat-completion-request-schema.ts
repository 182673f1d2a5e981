/**
 * zod schemas of a Chat Completions request. They mirror the interfaces in `chat-completion-request.ts`,
 * `chat-completion-message-param.ts` and `chat-completion-tool.ts` (checked both ways by `schema-types.test.ts`).
 * Every object is a `z.looseObject`: unknown fields are preserved. Each schema is built on first use.
 * Written with `zod/mini` (functional API) so bundles only carry the parts of zod they use.
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { jsonInteger, jsonRecord } from './zod-helpers.js';

const openObject = () => z.looseObject({});
/** Google's built-in tools by name (`{type: 'google_search'}`); Google's `Tool` object declares them by key. */
const GOOGLE_BUILT_IN_TOOLS = ['google_search', 'url_context', 'code_execution'] as const;

export const promptCacheBreakpointSchema = lazySchema(() => z.looseObject({ mode: z.literal('explicit') }));

export const chatCompletionContentPartTextSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('text'),
    text: z.string(),
    prompt_cache_breakpoint: z.optional(promptCacheBreakpointSchema()),
  }),
);

export const chatCompletionContentPartSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    chatCompletionContentPartTextSchema(),
    z.looseObject({
      type: z.literal('image_url'),
      image_url: z.union([
        z.looseObject({ url: z.string(), detail: z.optional(z.enum(['auto', 'low', 'high'])) }),
        z.string(),
      ]),
      prompt_cache_breakpoint: z.optional(promptCacheBreakpointSchema()),
    }),
    z.looseObject({
      type: z.literal('input_audio'),
      input_audio: z.looseObject({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
      prompt_cache_breakpoint: z.optional(promptCacheBreakpointSchema()),
    }),
    z.looseObject({
      type: z.literal('file'),
      file: z.looseObject({
        filename: z.optional(z.string()),
        file_data: z.optional(z.string()),
        file_id: z.optional(z.string()),
      }),
      prompt_cache_breakpoint: z.optional(promptCacheBreakpointSchema()),
    }),
  ]),
);

export const chatCompletionContentPartRefusalSchema = lazySchema(() =>
  z.looseObject({ type: z.literal('refusal'), refusal: z.string() }),
);

/** A non-empty array (`.min(1)` in zod's classic API). */
const nonEmptyArray = <T extends z.core.$ZodType>(element: T) => z.array(element).check(z.minLength(1));

const textContent = () => z.union([z.string(), nonEmptyArray(chatCompletionContentPartTextSchema())]);

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
    z.looseObject({ role: z.literal('developer'), content: textContent(), name: z.optional(z.string()) }),
    z.looseObject({ role: z.literal('system'), content: textContent(), name: z.optional(z.string()) }),
    z.looseObject({
      role: z.literal('user'),
      content: z.union([z.string(), nonEmptyArray(chatCompletionContentPartSchema())]),
      name: z.optional(z.string()),
    }),
    z.looseObject({
      role: z.literal('assistant'),
      content: z.nullish(
        z.union([
          z.string(),
          nonEmptyArray(z.discriminatedUnion('type', [chatCompletionContentPartTextSchema(), chatCompletionContentPartRefusalSchema()])),
        ]),
      ),
      refusal: z.nullish(z.string()),
      name: z.optional(z.string()),
      audio: z.nullish(z.looseObject({ id: z.string() })),
      tool_calls: z.optional(z.array(chatCompletionMessageToolCallSchema())),
      function_call: z.nullish(chatCompletionFunctionCallSchema()),
      reasoning_content: z.nullish(z.string()),
      thinking_blocks: z.optional(z.array(openObject())),
    }),
    // Beyond the spec (text only): tool results may carry images and files, as Anthropic and Gemini accept them;
    // the mappers say which parts a provider takes.
    z.looseObject({
      role: z.literal('tool'),
      content: z.union([z.string(), nonEmptyArray(chatCompletionContentPartSchema())]),
      tool_call_id: z.string(),
    }),
    z.looseObject({ role: z.literal('function'), content: z.nullable(z.string()), name: z.string() }),
  ]),
);

export const chatCompletionToolSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('function'),
      function: z.looseObject({
        name: z.string(),
        description: z.optional(z.string()),
        parameters: z.optional(openObject()),
        strict: z.nullish(z.boolean()),
      }),
    }),
    z.looseObject({
      type: z.literal('custom'),
      custom: z.looseObject({
        name: z.string(),
        description: z.optional(z.string()),
        format: z.optional(
          z.discriminatedUnion('type', [
            z.looseObject({ type: z.literal('text') }),
            z.looseObject({
              type: z.literal('grammar'),
              grammar: z.looseObject({ definition: z.string(), syntax: z.enum(['lark', 'regex']) }),
            }),
          ]),
        ),
      }),
    }),
  ]),
);

/**
 * A provider's own tool object, passed through to that provider (e.g. Anthropic's `{type: 'web_search_20250305',
 * name: 'web_search'}`): recognised by its versioned type name `<name>_<digits>`; mappers of other providers reject it.
 */
export const providerNativeToolSchema = lazySchema(() =>
  z.union([
    // Anthropic's versioned server tools, e.g. `{type: 'web_search_20250305', name: 'web_search'}`.
    z.looseObject({ type: z.templateLiteral([z.string(), '_', z.number()]) }),
    // Google's built-in tools as its OpenAI-compatible layer and its `Tool` object spell them.
    z.looseObject({ type: z.enum(GOOGLE_BUILT_IN_TOOLS) }),
    z.looseObject({ google_search: openObject() }),
    z.looseObject({ googleSearch: openObject() }),
    z.looseObject({ url_context: openObject() }),
    z.looseObject({ urlContext: openObject() }),
    z.looseObject({ code_execution: openObject() }),
    z.looseObject({ codeExecution: openObject() }),
  ]),
);

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
        description: z.optional(z.string()),
        schema: z.optional(openObject()),
        parameters: z.optional(openObject()),
        strict: z.nullish(z.boolean()),
      }),
    }),
  ]),
);

const nullableNumberIn = (min: number, max: number) => z.nullish(z.number().check(z.gte(min), z.lte(max)));

export const chatCompletionRequestSchema = lazySchema(() =>
  z.looseObject({
    model: z.string(),
    messages: nonEmptyArray(chatCompletionMessageParamSchema()),

    metadata: z.nullish(jsonRecord(z.string())),
    temperature: nullableNumberIn(0, 2),
    top_p: nullableNumberIn(0, 1),
    user: z.optional(z.string()),
    safety_identifier: z.nullish(z.string().check(z.maxLength(64))),
    prompt_cache_key: z.nullish(z.string()),
    prompt_cache_retention: z.nullish(z.enum(['in_memory', '24h'])),
    prompt_cache_options: z.optional(
      z.looseObject({ ttl: z.optional(z.literal('30m')), mode: z.optional(z.enum(['implicit', 'explicit'])) }),
    ),

    service_tier: z.nullish(z.enum(['auto', 'default', 'flex', 'scale', 'priority', 'fast'])),
    modalities: z.nullish(z.array(z.enum(['text', 'audio']))),
    verbosity: z.nullish(z.enum(['low', 'medium', 'high'])),
    reasoning_effort: z.nullish(z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'])),
    max_completion_tokens: z.nullish(jsonInteger()),
    max_tokens: z.nullish(jsonInteger()),
    frequency_penalty: nullableNumberIn(-2, 2),
    presence_penalty: nullableNumberIn(-2, 2),
    web_search_options: z.optional(
      z.looseObject({
        user_location: z.nullish(
          z.looseObject({
            type: z.literal('approximate'),
            approximate: z.looseObject({
              country: z.optional(z.string()),
              region: z.optional(z.string()),
              city: z.optional(z.string()),
              timezone: z.optional(z.string()),
            }),
          }),
        ),
        search_context_size: z.optional(z.enum(['low', 'medium', 'high'])),
      }),
    ),
    top_logprobs: z.nullish(jsonInteger({ min: 0, max: 20 })),
    response_format: z.optional(responseFormatSchema()),
    audio: z.nullish(
      z.looseObject({
        voice: z.union([z.string(), z.looseObject({ id: z.string() })]),
        format: z.enum(['wav', 'aac', 'mp3', 'flac', 'opus', 'pcm16']),
      }),
    ),
    store: z.nullish(z.boolean()),
    moderation: z.nullish(
      z.looseObject({
        model: z.string(),
        policy: z.nullish(
          z.looseObject({
            input: z.nullish(z.looseObject({ mode: z.string() })),
            output: z.nullish(z.looseObject({ mode: z.string() })),
          }),
        ),
      }),
    ),
    stream: z.nullish(z.boolean()),
    stop: z.nullish(z.union([z.string(), z.array(z.string())])),
    logit_bias: z.nullish(jsonRecord(z.number())),
    logprobs: z.nullish(z.boolean()),
    n: z.nullish(jsonInteger({ min: 1, max: 128 })),
    prediction: z.nullish(z.looseObject({ type: z.literal('content'), content: textContent() })),
    seed: z.nullish(jsonInteger()),
    stream_options: z.nullish(
      z.looseObject({ include_usage: z.optional(z.boolean()), include_obfuscation: z.optional(z.boolean()) }),
    ),
    tools: z.optional(z.array(z.union([chatCompletionToolSchema(), providerNativeToolSchema()]))),
    tool_choice: z.optional(chatCompletionToolChoiceOptionSchema()),
    parallel_tool_calls: z.optional(z.boolean()),
    function_call: z.optional(z.union([z.enum(['none', 'auto']), z.looseObject({ name: z.string() })])),
    functions: z.optional(
      z.array(
        z.looseObject({ name: z.string(), description: z.optional(z.string()), parameters: z.optional(openObject()) }),
      ),
    ),
  }),
);
