import {
  convertGeminiErrorToOpenAI,
  convertGeminiResponseToOpenAI,
  convertOpenAIRequestToGemini,
  GEMINI_MODEL_CATALOG,
  geminiCapabilitiesOverrideSchema,
  geminiCatalogOverrideSchema,
  mergeGeminiModelCatalog,
  type GeminiModelCapabilities,
  type GeminiTranslationContext,
} from '@interlingua/gemini-mapper';
import { createGeminiToOpenAITransducer, type GeminiToOpenAITransducer } from '@interlingua/gemini-transducer';
import { createOpenAIError, type ModelCatalog, type TranslationWarning } from '@interlingua/openai-schema';
import type { ProviderBridge, UpstreamStreamTranscoder } from './provider-bridge.js';

type Catalog = ModelCatalog<GeminiModelCapabilities>;

/** Merged catalogs per operator override object (the config is built once; merging per request would be waste). */
const merged = new WeakMap<object, { ok: true; catalog: Catalog } | { ok: false; message: string }>();

/** The operator's `catalog.gemini` (validated with the mapper's schema) merged over the shipped catalog. */
function catalogFor(override: unknown): { ok: true; catalog: Catalog } | { ok: false; message: string } {
  if (override === undefined || override === null) return { ok: true, catalog: GEMINI_MODEL_CATALOG };
  if (typeof override !== 'object') return { ok: false, message: 'catalog.gemini must be an object.' };
  let entry = merged.get(override);
  if (!entry) {
    const parsed = geminiCatalogOverrideSchema().safeParse(override);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      entry = { ok: false, message: `catalog.gemini is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.` };
    } else {
      try {
        entry = { ok: true, catalog: mergeGeminiModelCatalog(parsed.data as Parameters<typeof mergeGeminiModelCatalog>[0]) };
      } catch (error) {
        entry = { ok: false, message: `catalog.gemini: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    merged.set(override, entry);
  }
  return entry;
}

const configError = (message: string) => {
  const error = createOpenAIError(500, `The gateway's Gemini configuration is invalid: ${message}`, { code: 'invalid_gateway_config' });
  return { status: error.status, body: error.body };
};

export const geminiBridge: ProviderBridge = {
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  authHeaders: (apiKey) => ({ 'x-goog-api-key': apiKey }),
  async mapRequest(request, options) {
    const catalog = catalogFor(options.catalog);
    if (!catalog.ok) return { ok: false, error: configError(catalog.message), warnings: [] };
    let capabilities: Partial<GeminiModelCapabilities> | undefined;
    if (options.capabilities !== undefined) {
      const parsed = geminiCapabilitiesOverrideSchema().safeParse(options.capabilities);
      if (!parsed.success) return { ok: false, error: configError(`models[].capabilities: ${parsed.error.issues[0]?.message ?? 'invalid'}`), warnings: [] };
      capabilities = parsed.data as Partial<GeminiModelCapabilities>;
    }
    const result = await convertOpenAIRequestToGemini(request, {
      strict: options.strict,
      validated: true,
      catalog: catalog.catalog,
      ...(capabilities ? { capabilities } : {}),
      ...(options.resolveMedia ? { resolveMedia: options.resolveMedia } : {}),
    });
    if (!result.ok) return { ok: false, error: { status: result.status, body: result.error }, warnings: result.warnings };
    return { ok: true, upstream: { ...result.upstream, context: result.context }, warnings: result.warnings };
  },
  mapResponse(body, context, environment) {
    const result = convertGeminiResponseToOpenAI(body, { context: context as GeminiTranslationContext, environment });
    return result.ok
      ? { ok: true, response: result.response, warnings: result.warnings }
      : { ok: false, error: { status: result.status, body: result.error } };
  },
  mapError: (status, body, headers) => convertGeminiErrorToOpenAI(status, body, headers),
  createTranscoder(context, environment, options) {
    const warnings: TranslationWarning[] = [];
    const transducer = createGeminiToOpenAITransducer({
      context: context as GeminiTranslationContext,
      environment,
      maxEventSize: options.maxEventBytes,
      onWarning: (warning) => warnings.push(warning),
      ...(options.onFrames ? { onFrames: options.onFrames } : {}),
      ...(options.encodeUtf8 ? { encodeUtf8: options.encodeUtf8 } : {}),
      ...(options.createUtf8Decoder ? { createUtf8Decoder: options.createUtf8Decoder } : {}),
    });
    return new GeminiStreamTranscoder(transducer, warnings);
  },
  knownModels(override) {
    const catalog = catalogFor(override);
    if (!catalog.ok) return [];
    const models = new Set<string>();
    for (const entry of catalog.catalog.entries) for (const model of entry.models ?? []) models.add(model);
    for (const alias of Object.keys(catalog.catalog.aliases ?? {})) models.add(alias);
    return [...models];
  },
};

/** The bridge's stream transcoder (a class: an object literal with getters costs about 700 bytes per stream). */
class GeminiStreamTranscoder implements UpstreamStreamTranscoder {
  constructor(
    private readonly transducer: GeminiToOpenAITransducer,
    readonly warnings: TranslationWarning[],
  ) {}

  push(chunk: Uint8Array): Uint8Array {
    return this.transducer.push(chunk);
  }

  end(): Uint8Array {
    return this.transducer.end();
  }

  get settled(): boolean {
    return this.transducer.state.failed || this.transducer.state.ended;
  }

  get complete(): boolean {
    const { choices, failed } = this.transducer.state;
    return !failed && choices.length > 0 && choices.every((choice) => choice.finished);
  }
}
