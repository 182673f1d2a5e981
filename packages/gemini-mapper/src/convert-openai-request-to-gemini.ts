import {
  createOpenAIError,
  parseChatCompletionRequest,
  type ModelCatalog,
  type ChatCompletionRequest,
  type OpenAIErrorEnvelope,
  type TranslationWarning,
} from '@interlingua/openai-schema';
import type { GeminiMediaResolver } from './convert-openai-content-part-to-gemini.js';
import { convertOpenAIGenerationConfigToGemini } from './convert-openai-generation-config-to-gemini.js';
import { convertOpenAIMessagesToGemini, type GeminiMidConversationSystemPolicy } from './convert-openai-messages-to-gemini.js';
import { convertOpenAIToolsToGemini } from './convert-openai-tools-to-gemini.js';
import { applyGeminiJsonResponseStrategy } from './apply-gemini-json-response-strategy.js';
import { mergeGeminiEscapeHatch } from './merge-gemini-escape-hatch.js';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiGenerateContentRequest } from './gemini-request-types.js';
import type { GeminiTranslationContext } from './gemini-translation-context.js';
import { mapOpenAIToolNameToGemini } from './map-openai-tool-name-to-gemini.js';
import { GEMINI_MODEL_CATALOG, resolveGeminiModel, type GeminiModelCapabilities } from './gemini-model-catalog.js';

export interface ConvertOpenAIRequestToGeminiOptions {
  /**
   * Fetches media given by URL for `inlineData`: http:// URLs, https URLs for models whose catalog entry has
   * `urlMedia: false`, and every URL with `preferInlineMedia`. Without it such URLs are a 400.
   */
  resolveMedia?: GeminiMediaResolver;
  /** Send media given by https URL as inline bytes (through `resolveMedia`) even where Gemini would fetch it. Default false. */
  preferInlineMedia?: boolean;
  /** Reject (400) instead of dropping unsupported parameters. Default false. */
  strict?: boolean;
  /** Where mid-conversation system/developer messages go. Default `user-text`. */
  midConversationSystem?: GeminiMidConversationSystemPolicy;
  /**
   * Which schema fields to use for tool parameters and response schemas: `auto` (default) follows the capability
   * table; `legacy` forces `parameters`/`responseSchema`; `json-schema` forces `parametersJsonSchema`/`responseJsonSchema`.
   */
  schemaFields?: 'auto' | 'legacy' | 'json-schema';
  /**
   * The request is the `value` of a successful `parseChatCompletionRequest` (as in a gateway that validated it to
   * route it): it is not validated a second time. Default false.
   */
  validated?: boolean;
  /** The model catalog, already merged with any operator override (`mergeGeminiModelCatalog`). Default: the shipped one. */
  catalog?: ModelCatalog<GeminiModelCapabilities>;
  /** Capabilities that override the catalog's for this request's model (an exact-model override). */
  capabilities?: Partial<GeminiModelCapabilities>;
}

export interface GeminiUpstreamRequest {
  method: 'POST';
  /** `/v1beta/models/<model>:generateContent` or `/v1beta/models/<model>:streamGenerateContent?alt=sse`. */
  path: string;
  /** `content-type` only: the gateway adds `x-goog-api-key`. */
  headers: { 'content-type': 'application/json' };
  body: GeminiGenerateContentRequest;
}

export type ConvertOpenAIRequestToGeminiResult =
  | { ok: true; upstream: GeminiUpstreamRequest; context: GeminiTranslationContext; warnings: TranslationWarning[] }
  | { ok: false; status: 400; error: OpenAIErrorEnvelope; warnings: TranslationWarning[] };

/**
 * An OpenAI Chat Completions request → a Gemini `generateContent` / `streamGenerateContent?alt=sse` request.
 * Never throws and never mutates its input; unsupported input is a 400 OpenAI envelope naming the field.
 */
export async function convertOpenAIRequestToGemini(
  request: unknown,
  options: ConvertOpenAIRequestToGeminiOptions = {},
): Promise<ConvertOpenAIRequestToGeminiResult> {
  const warnings: TranslationWarning[] = [];
  try {
    const parsed = options.validated === true ? { ok: true as const, value: request as ChatCompletionRequest } : parseChatCompletionRequest(request);
    if (!parsed.ok) return { ok: false, status: 400, error: parsed.error, warnings };
    const body = parsed.value;
    const upstreamModel = body.model.replace(/^models\//, '');
    if (!/^[A-Za-z0-9._-]+$/.test(upstreamModel)) {
      throw new GeminiMapperInputError('The model name may contain only letters, digits, ".", "_" and "-".', 'model', 'invalid_model');
    }
    const resolved = resolveGeminiModel(upstreamModel, options.catalog ?? GEMINI_MODEL_CATALOG);
    const capabilities: GeminiModelCapabilities = options.capabilities ? { ...resolved.capabilities, ...options.capabilities } : resolved.capabilities;
    const forced = options.schemaFields === 'json-schema' ? true : options.schemaFields === 'legacy' ? false : undefined;
    const tools = convertOpenAIToolsToGemini(body, { useJsonSchemaField: forced ?? capabilities.jsonSchemaParameters, capabilities, strict: options.strict === true, warnings });
    const { contents, systemInstruction } = await convertOpenAIMessagesToGemini(body.messages, {
      resolveMedia: options.resolveMedia,
      media: { urlMedia: capabilities.urlMedia && options.preferInlineMedia !== true, partMediaResolution: capabilities.partMediaResolution },
      midConversationSystem: options.midConversationSystem,
      requiresThoughtSignatures: capabilities.requiresThoughtSignatures,
      toolName: mapOpenAIToolNameToGemini,
      warnings,
    });
    const generationConfig = convertOpenAIGenerationConfigToGemini(body, {
      capabilities,
      useJsonSchemaField: forced ?? capabilities.jsonSchemaResponse,
      strict: options.strict === true,
      warnings,
    });

    const upstreamBody: GeminiGenerateContentRequest = { contents };
    if (systemInstruction) upstreamBody.systemInstruction = systemInstruction;
    const allTools = [...(tools.functionTool ? [tools.functionTool] : []), ...tools.builtInTools];
    if (allTools.length > 0) upstreamBody.tools = allTools;
    if (tools.toolConfig) upstreamBody.toolConfig = tools.toolConfig;
    if (generationConfig) upstreamBody.generationConfig = generationConfig;
    const format = body.response_format;
    const jsonResponse = capabilities.toolsWithJsonResponse
      ? undefined
      : applyGeminiJsonResponseStrategy(upstreamBody, {
          useJsonSchemaField: forced ?? capabilities.jsonSchemaParameters,
          schema: format?.type === 'json_schema' ? (format.json_schema.schema ?? format.json_schema.parameters) : undefined,
          warnings,
        });
    mergeGeminiEscapeHatch(upstreamBody, (body as { google?: unknown }).google, warnings);

    const stream = body.stream === true;
    const context: GeminiTranslationContext = {
      model: body.model,
      upstreamModel,
      stream,
      includeUsage: stream && body.stream_options?.include_usage === true,
      toolNames: tools.toolNames,
      logprobs: body.logprobs === true,
      ...(body.logprobs === true && typeof body.top_logprobs === 'number' ? { topLogprobs: body.top_logprobs } : {}),
      includeThoughts: upstreamBody.generationConfig?.thinkingConfig?.includeThoughts === true,
      candidateCount: upstreamBody.generationConfig?.candidateCount ?? 1,
      responseFormat: body.response_format?.type ?? null,
      ...(jsonResponse ? { jsonResponse } : {}),
      ...(upstreamBody.tools?.some((tool) => tool.googleSearch !== undefined || tool.urlContext !== undefined) ? { grounding: true } : {}),
    };
    return {
      ok: true,
      upstream: {
        method: 'POST',
        path: `/v1beta/models/${upstreamModel}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        headers: { 'content-type': 'application/json' },
        body: upstreamBody,
      },
      context,
      warnings,
    };
  } catch (error) {
    if (error instanceof GeminiMapperInputError) {
      return { ok: false, status: 400, error: createOpenAIError(400, error.message, { param: error.param, code: error.code }).body, warnings };
    }
    return {
      ok: false,
      status: 400,
      error: createOpenAIError(400, `The request could not be translated for Gemini: ${error instanceof Error ? error.message : String(error)}`, { code: 'untranslatable_request' }).body,
      warnings,
    };
  }
}
