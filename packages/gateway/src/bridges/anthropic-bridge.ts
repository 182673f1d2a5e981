import {
  ANTHROPIC_MODEL_CATALOG,
  anthropicCatalogOverrideSchema,
  anthropicModelCapabilitiesOverrideSchema,
  convertAnthropicErrorToOpenAI,
  convertAnthropicResponseToOpenAI,
  convertOpenAIRequestToAnthropic,
  listAnthropicCatalogModels,
  type AnthropicModelCapabilities,
  type AnthropicModelCatalog,
  type AnthropicModelCatalogOverride,
  type AnthropicTranslationContext,
} from '@interlingua/anthropic-mapper';
import { createAnthropicToOpenAITranscoder, type AnthropicToOpenAITranscoder } from '@interlingua/anthropic-transducer';
import { encodeUtf8, mergeModelCatalog, type TranslationWarning, type Utf8Encoder } from '@interlingua/openai-schema';
import type { ProviderBridge, UpstreamStreamTranscoder } from './provider-bridge.js';

/** Merged catalogs by override object: the config is parsed once, so each override is merged once. */
const mergedCatalogs = new WeakMap<object, AnthropicModelCatalog>();

/**
 * The shipped catalog with the operator's `catalog.anthropic` (validated by `anthropicCatalogOverrideSchema` when the
 * config is read; an override that does not fit it here is ignored rather than half-applied).
 */
function catalogFor(override: unknown): AnthropicModelCatalog {
  if (override === null || typeof override !== 'object') return ANTHROPIC_MODEL_CATALOG;
  let merged = mergedCatalogs.get(override);
  if (!merged) {
    const parsed = anthropicCatalogOverrideSchema().safeParse(override);
    merged = parsed.success ? mergeModelCatalog(ANTHROPIC_MODEL_CATALOG, parsed.data as AnthropicModelCatalogOverride) : ANTHROPIC_MODEL_CATALOG;
    mergedCatalogs.set(override, merged);
  }
  return merged;
}

/** Checked capability overrides by override object (parsed once per configured model, not per request). */
const checkedCapabilities = new WeakMap<object, Partial<AnthropicModelCapabilities> | undefined>();

function capabilitiesFor(capabilities: unknown): Partial<AnthropicModelCapabilities> | undefined {
  if (capabilities === null || typeof capabilities !== 'object') return undefined;
  if (!checkedCapabilities.has(capabilities)) {
    const parsed = anthropicModelCapabilitiesOverrideSchema().safeParse(capabilities);
    checkedCapabilities.set(capabilities, parsed.success ? (parsed.data as Partial<AnthropicModelCapabilities>) : undefined);
  }
  return checkedCapabilities.get(capabilities);
}

export const anthropicBridge: ProviderBridge = {
  defaultBaseUrl: 'https://api.anthropic.com',
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
  mapRequest(request, options) {
    const betas = options.header?.('anthropic-beta') ?? undefined;
    const capabilities = capabilitiesFor(options.capabilities);
    const result = convertOpenAIRequestToAnthropic(request, {
      strict: options.strict,
      validated: true,
      catalog: catalogFor(options.catalog),
      ...(capabilities ? { capabilities } : {}),
      ...(betas ? { betas } : {}),
      ...(options.promptCaching ? { promptCaching: options.promptCaching } : {}),
    });
    if (!result.ok) return { ok: false, error: { status: result.status, body: result.error }, warnings: result.warnings };
    return { ok: true, upstream: { ...result.upstream, context: result.context }, warnings: result.warnings };
  },
  mapResponse(body, context, environment) {
    const result = convertAnthropicResponseToOpenAI(body, { context: context as AnthropicTranslationContext, environment });
    return result.ok
      ? { ok: true, response: result.response, warnings: result.warnings }
      : { ok: false, error: { status: result.status, body: result.error } };
  },
  mapError: (status, body, headers) => convertAnthropicErrorToOpenAI(status, body, headers),
  createTranscoder(context, environment, options) {
    // Every lossy step of the stream (carried server-tool blocks, unknown events, pause_turn) is collected here; the
    // gateway writes them to the log line and as the final SSE comment.
    const warnings: TranslationWarning[] = [];
    const transcoder = createAnthropicToOpenAITranscoder({
      context: context as AnthropicTranslationContext,
      environment,
      maxEventSize: options.maxEventBytes,
      onWarning: (warning) => warnings.push(warning),
      ...(options.onFrames ? { onFrames: options.onFrames } : {}),
      ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
    });
    return new AnthropicStreamTranscoder(transcoder, warnings, options.encodeUtf8 ?? encodeUtf8);
  },
  knownModels: (catalog) => listAnthropicCatalogModels(catalogFor(catalog)),
};

/** The bridge's stream transcoder (a class: an object literal with a getter costs about 700 bytes per stream). */
class AnthropicStreamTranscoder implements UpstreamStreamTranscoder {
  constructor(
    private readonly transcoder: AnthropicToOpenAITranscoder,
    readonly warnings: TranslationWarning[],
    private readonly encode: Utf8Encoder,
  ) {}

  push(chunk: Uint8Array): Uint8Array {
    return this.encode(this.transcoder.push(chunk));
  }

  end(): Uint8Array {
    return this.encode(this.transcoder.end());
  }

  get settled(): boolean {
    return this.transcoder.settled;
  }
}
