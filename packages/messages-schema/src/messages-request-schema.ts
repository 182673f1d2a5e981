import { lazySchema } from '@interlingua/openai-schema';
import * as z from 'zod/mini';

/**
 * zod schemas (zod/mini) of a Messages request, mirroring `messages-request.ts`. Objects are loose: unknown fields
 * pass through (the mapper reports the ones it cannot translate). Content blocks are a discriminated union of the
 * types this project translates, so any other block type (server-tool results, `container_upload`, …) is a 400
 * naming the block's `type`.
 */

const cacheControl = () => z.nullish(z.looseObject({ type: z.literal('ephemeral'), ttl: z.optional(z.enum(['5m', '1h'])) }));

const nonNegativeInteger = () => z.number().check(z.gte(0), z.refine(Number.isInteger, { message: 'Invalid input: expected an integer' }));

export const messagesTextBlockParamSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('text'),
    text: z.string(),
    cache_control: cacheControl(),
    citations: z.nullish(z.array(z.unknown())),
  }),
);

const urlSource = () => z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSource = () => z.looseObject({ type: z.literal('file'), file_id: z.string() });

export const messagesImageBlockParamSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [
      z.looseObject({
        type: z.literal('base64'),
        media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
        data: z.string(),
      }),
      urlSource(),
      fileSource(),
    ]),
    cache_control: cacheControl(),
  }),
);

export const messagesDocumentBlockParamSchema = lazySchema(() =>
  z.looseObject({
    type: z.literal('document'),
    source: z.discriminatedUnion('type', [
      z.looseObject({ type: z.literal('base64'), media_type: z.literal('application/pdf'), data: z.string() }),
      z.looseObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
      urlSource(),
      fileSource(),
      z.looseObject({
        type: z.literal('content'),
        content: z.union([z.string(), z.array(z.union([messagesTextBlockParamSchema(), messagesImageBlockParamSchema()]))]),
      }),
    ]),
    title: z.nullish(z.string()),
    context: z.nullish(z.string()),
    citations: z.nullish(z.looseObject({ enabled: z.optional(z.boolean()) })),
    cache_control: cacheControl(),
  }),
);

export const messagesContentBlockParamSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    messagesTextBlockParamSchema(),
    messagesImageBlockParamSchema(),
    messagesDocumentBlockParamSchema(),
    z.looseObject({
      type: z.literal('tool_use'),
      id: z.string(),
      name: z.string(),
      input: z.unknown(),
      cache_control: cacheControl(),
    }),
    z.looseObject({
      type: z.literal('tool_result'),
      tool_use_id: z.string(),
      content: z.optional(
        z.union([
          z.string(),
          z.array(z.discriminatedUnion('type', [messagesTextBlockParamSchema(), messagesImageBlockParamSchema(), messagesDocumentBlockParamSchema()])),
        ]),
      ),
      is_error: z.optional(z.boolean()),
      cache_control: cacheControl(),
    }),
    z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
    z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
  ]),
);

export const messagesMessageParamSchema = lazySchema(() =>
  z.looseObject({
    role: z.enum(['user', 'assistant', 'system']),
    content: z.union([z.string(), z.array(messagesContentBlockParamSchema())]),
  }),
);

export const messagesToolSchema = lazySchema(() =>
  z.looseObject({
    type: z.nullish(z.string()),
    name: z.string().check(z.minLength(1)),
    description: z.optional(z.string()),
    input_schema: z.optional(z.looseObject({ type: z.literal('object') })),
    strict: z.optional(z.boolean()),
    cache_control: cacheControl(),
  }),
);

export const messagesToolChoiceSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.optional(z.boolean()) }),
    z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.optional(z.boolean()) }),
    z.looseObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.optional(z.boolean()) }),
    z.looseObject({ type: z.literal('none') }),
  ]),
);

export const messagesThinkingConfigSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('enabled'),
      budget_tokens: nonNegativeInteger(),
      display: z.nullish(z.enum(['summarized', 'omitted'])),
    }),
    z.looseObject({ type: z.literal('adaptive'), display: z.nullish(z.enum(['summarized', 'omitted'])) }),
    z.looseObject({ type: z.literal('disabled') }),
  ]),
);

export const messagesOutputConfigSchema = lazySchema(() =>
  z.looseObject({
    effort: z.nullish(z.enum(['low', 'medium', 'high', 'xhigh', 'max'])),
    format: z.nullish(z.looseObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })),
  }),
);

function requestShape() {
  return {
    model: z.string().check(z.minLength(1)),
    messages: z.array(messagesMessageParamSchema()),
    system: z.optional(z.union([z.string(), z.array(messagesTextBlockParamSchema())])),
    metadata: z.optional(z.looseObject({ user_id: z.nullish(z.string()) })),
    stop_sequences: z.optional(z.array(z.string())),
    temperature: z.optional(z.number().check(z.gte(0), z.lte(1))),
    top_p: z.optional(z.number().check(z.gte(0), z.lte(1))),
    top_k: z.optional(nonNegativeInteger()),
    thinking: z.optional(messagesThinkingConfigSchema()),
    output_config: z.optional(messagesOutputConfigSchema()),
    tools: z.optional(z.array(messagesToolSchema())),
    tool_choice: z.optional(messagesToolChoiceSchema()),
    service_tier: z.optional(z.enum(['auto', 'standard_only'])),
    cache_control: cacheControl(),
  };
}

/** `POST /v1/messages`. */
export const messagesCreateRequestSchema = lazySchema(() =>
  z.looseObject({
    ...requestShape(),
    max_tokens: nonNegativeInteger().check(z.gte(1)),
    stream: z.optional(z.boolean()),
  }),
);

/** `POST /v1/messages/count_tokens` (no `max_tokens`; one sent anyway is accepted). */
export const messagesCountTokensRequestSchema = lazySchema(() =>
  z.looseObject({
    ...requestShape(),
    max_tokens: z.optional(nonNegativeInteger()),
  }),
);
