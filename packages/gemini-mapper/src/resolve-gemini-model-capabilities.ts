/** How a model family takes `reasoning_effort`. */
export type GeminiThinkingStyle =
  /** No thinking controls (1.0, 1.5, 2.0 non-thinking): `reasoning_effort` is dropped with a warning. */
  | 'none'
  /** Thinks always, no budget knob (2.0 flash thinking experiments): only `includeThoughts`. */
  | 'include-only'
  /** `thinkingBudget` tokens (2.5). */
  | 'budget'
  /** `thinkingLevel` (3 and later). */
  | 'level';

export interface GeminiModelCapabilities {
  /** Family generation parsed from the name, e.g. `1.5`, `2.5`, `3`; `unknown` when the name has none. */
  generation: string;
  /** `parametersJsonSchema` is accepted for function declarations (else the legacy `parameters`). */
  jsonSchemaParameters: boolean;
  /** `responseJsonSchema` is accepted (else the legacy `responseSchema`). */
  jsonSchemaResponse: boolean;
  /** `presencePenalty` / `frequencyPenalty` are accepted. */
  penalties: boolean;
  thinking: GeminiThinkingStyle;
  /** Function-calling turns must carry the `thoughtSignature` Gemini returned (Gemini 3). */
  requiresThoughtSignatures: boolean;
  /** Thinking budget range in tokens, and whether budget 0 (thinking off) is allowed; for `budget` models. */
  budget?: { min: number; max: number; canDisable: boolean };
  /** Gemini 3 variants that accept `MINIMAL` / `MEDIUM` levels (Flash) vs only `LOW` / `HIGH` (Pro). */
  levels?: readonly ('MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH')[];
}

const VERSION = /gemini-(?:exp-)?(\d+(?:\.\d+)?)/;

/**
 * The capability table, keyed by model name (prefix `models/` and any `-latest`, `-preview-…`, `-00x` suffix allowed).
 *
 * | model | parametersJsonSchema | responseJsonSchema | penalties | thinking | signatures required |
 * |---|---|---|---|---|---|
 * | gemini-1.0-*, gemini-pro, gemini-pro-vision, gemini-1.5-* | no | no | yes | none | no |
 * | gemini-2.0-* | yes | no | yes | none (`-thinking-*`: include-only) | no |
 * | gemini-2.5-pro | yes | yes | yes | budget 128–32768, cannot disable | no |
 * | gemini-2.5-flash | yes | yes | yes | budget 0–24576 | no |
 * | gemini-2.5-flash-lite | yes | yes | yes | budget 512–24576 (0 disables) | no |
 * | gemini-3-* and later | yes | yes | no | level (Pro: LOW/HIGH; Flash: MINIMAL/LOW/MEDIUM/HIGH) | yes |
 * | anything else | no | no | yes | none | no |
 *
 * Evidence: the JSON-Schema fields were announced for the Gemini API in 2025 and are documented for the 2.5 and 3
 * families; the js-genai recordings show gemini-2.0-flash answering requests whose declarations use
 * `parametersJsonSchema` (HTTP 200, correct calls), and gemini-2.5-flash answering with `responseJsonSchema`. No
 * recording shows `responseJsonSchema` on 2.0, so 2.0 keeps the legacy `responseSchema`. Older families take only the
 * OpenAPI-subset `Schema`.
 */
export function resolveGeminiModelCapabilities(model: string): GeminiModelCapabilities {
  const name = model.replace(/^models\//, '').toLowerCase();
  const match = VERSION.exec(name);
  const generation = match ? match[1]! : name === 'gemini-pro' || name === 'gemini-pro-vision' ? '1.0' : 'unknown';
  const major = generation === 'unknown' ? 0 : Number.parseFloat(generation);
  if (major >= 3) {
    const flash = name.includes('flash');
    return {
      generation,
      jsonSchemaParameters: true,
      jsonSchemaResponse: true,
      penalties: false,
      thinking: 'level',
      requiresThoughtSignatures: true,
      levels: flash ? ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'] : ['LOW', 'HIGH'],
    };
  }
  if (major >= 2.5) {
    const budget = name.includes('flash-lite')
      ? { min: 512, max: 24576, canDisable: true }
      : name.includes('flash')
        ? { min: 1, max: 24576, canDisable: true }
        : { min: 128, max: 32768, canDisable: false };
    return { generation, jsonSchemaParameters: true, jsonSchemaResponse: true, penalties: true, thinking: 'budget', requiresThoughtSignatures: false, budget };
  }
  return {
    generation,
    jsonSchemaParameters: major >= 2,
    jsonSchemaResponse: false,
    penalties: true,
    thinking: name.includes('thinking') ? 'include-only' : 'none',
    requiresThoughtSignatures: false,
  };
}
