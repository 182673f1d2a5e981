import type { TranslationWarning } from '@interlingua/openai-schema';
import { GeminiMapperInputError } from './gemini-mapper-input-error.js';
import type { GeminiGenerateContentRequest } from './gemini-request-types.js';

type LooseRecord = { [key: string]: unknown };

const isRecord = (value: unknown): value is LooseRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Keys renamed to camelCase, one level deep (values such as JSON Schemas and label maps are left as given). */
function camelKeys(record: LooseRecord): LooseRecord {
  const result: LooseRecord = {};
  for (const [key, value] of Object.entries(record)) result[camel(key)] = value;
  return result;
}

/**
 * The escape hatch: a `google` object in the request body (what the OpenAI SDKs send for
 * `extra_body={"google": {...}}`, the form Google's own OpenAI-compatibility layer documents, e.g.
 * `{"google": {"thinking_config": {...}, "cached_content": "..."}}`) is merged into the Gemini body after the
 * translation. Keys may be snake_case (as Google's compatibility layer spells them) or camelCase (the REST names).
 *
 * - `generation_config` / `generationConfig` (and `thinking_config` at the top, as the compatibility layer places it):
 *   merged field by field into `generationConfig` (any field, e.g. `mediaResolution`, `responseModalities`,
 *   `thinkingConfig`).
 * - `tools`: appended to the translated tools.
 * - everything else (`safetySettings`, `cachedContent`, `labels`, `toolConfig`, `systemInstruction`, …): set as given.
 *
 * A value that replaces one the translation produced is an `escape_hatch_override` warning naming the field; a
 * `google` that is not an object is a 400.
 */
export function mergeGeminiEscapeHatch(body: GeminiGenerateContentRequest, google: unknown, warnings: TranslationWarning[]): void {
  if (google === undefined || google === null) return;
  if (!isRecord(google)) throw new GeminiMapperInputError('`google` must be an object of Gemini request fields.', 'google', 'invalid_escape_hatch');
  const fields = camelKeys(google);
  const override = (param: string, what: string) =>
    warnings.push({ code: 'escape_hatch_override', param, message: `The google escape hatch replaces the translated ${what}.` });

  const generation: LooseRecord = {};
  if (fields.generationConfig !== undefined) {
    if (!isRecord(fields.generationConfig)) throw new GeminiMapperInputError('`google.generation_config` must be an object.', 'google.generation_config', 'invalid_escape_hatch');
    Object.assign(generation, camelKeys(fields.generationConfig));
    delete fields.generationConfig;
  }
  if (fields.thinkingConfig !== undefined) {
    generation.thinkingConfig = fields.thinkingConfig;
    delete fields.thinkingConfig;
  }
  if (Object.keys(generation).length > 0) {
    const config = (body.generationConfig ??= {}) as LooseRecord;
    for (const [key, value] of Object.entries(generation)) {
      const next = key === 'thinkingConfig' && isRecord(value) ? camelKeys(value) : value;
      if (config[key] !== undefined && JSON.stringify(config[key]) !== JSON.stringify(next)) override(`google.generation_config.${key}`, `generationConfig.${key}`);
      config[key] = next;
    }
  }
  if (fields.tools !== undefined) {
    if (!Array.isArray(fields.tools)) throw new GeminiMapperInputError('`google.tools` must be an array of Gemini tools.', 'google.tools', 'invalid_escape_hatch');
    body.tools = [...(body.tools ?? []), ...(fields.tools.map((tool) => (isRecord(tool) ? camelKeys(tool) : tool)) as NonNullable<GeminiGenerateContentRequest['tools']>)];
    delete fields.tools;
  }
  for (const [key, value] of Object.entries(fields)) {
    if (body[key] !== undefined && JSON.stringify(body[key]) !== JSON.stringify(value)) override(`google.${key}`, key);
    body[key] = value;
  }
}
