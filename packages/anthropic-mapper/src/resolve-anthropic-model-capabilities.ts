/** What the mapper needs to know about a Claude model. */
export interface AnthropicModelCapabilities {
  /** The family the model id was recognised as, e.g. `claude-3-5-haiku`, `claude-sonnet-4-5`; `unknown` otherwise. */
  family: string;
  /** `max_tokens` sent when the client gives none (Anthropic requires it). */
  defaultMaxTokens: number;
  /** The model's output limit when known (the default never exceeds it), else null. */
  maxOutputTokens: number | null;
  /** Extended thinking (`thinking: {type: 'enabled', budget_tokens}`) is available. */
  thinking: boolean;
  /** Native structured output (`output_config.format`) and strict tools are available. */
  structuredOutput: boolean;
  /** The model rejects `temperature` and `top_p` together (Opus 4.1, the 4.5 generation and later). */
  temperatureOrTopP: boolean;
}

type Tier = 'opus' | 'sonnet' | 'haiku';

interface ParsedModel {
  tier: Tier;
  major: number;
  minor: number;
}

// New style: claude-sonnet-4-5-20250929, claude-opus-4-1, claude-haiku-4-5@20251001, claude-opus-4-20250514.
const NEW_STYLE = /claude-(opus|sonnet|haiku)-(\d+)(?:[-.](\d{1,2})(?!\d))?/;
// Old style: claude-3-5-sonnet-20241022, claude-3-haiku-20240307, claude-3-7-sonnet-latest.
const OLD_STYLE = /claude-(\d+)(?:[-.](\d{1,2}))?-(opus|sonnet|haiku)/;

function parseModel(model: string): ParsedModel | null {
  const id = model.toLowerCase();
  const newStyle = NEW_STYLE.exec(id);
  if (newStyle) return { tier: newStyle[1] as Tier, major: Number(newStyle[2]), minor: newStyle[3] ? Number(newStyle[3]) : 0 };
  const oldStyle = OLD_STYLE.exec(id);
  if (oldStyle) return { tier: oldStyle[3] as Tier, major: Number(oldStyle[1]), minor: oldStyle[2] ? Number(oldStyle[2]) : 0 };
  return null;
}

const UNKNOWN: AnthropicModelCapabilities = {
  family: 'unknown',
  defaultMaxTokens: 4096,
  maxOutputTokens: null,
  thinking: true,
  structuredOutput: false,
  temperatureOrTopP: false,
};

/**
 * The capability table, by model family (the id may carry a date, `-latest`, a `@date` Vertex suffix or a
 * provider prefix such as `anthropic/` or `us.anthropic.`).
 *
 * | family | default max_tokens (= output limit) | thinking | native structured output, strict tools | temperature XOR top_p |
 * |---|---|---|---|---|
 * | claude-3 (opus, sonnet, haiku) | 4096 | no | no | no |
 * | claude-3-5 (sonnet, haiku) | 8192 | no | no | no |
 * | claude-3-7-sonnet | 64000 | yes | no | no |
 * | claude-sonnet-4 | 64000 | yes | no | no |
 * | claude-opus-4, claude-opus-4-1 | 32000 | yes | 4.0 no, 4.1 yes | 4.0 no, 4.1 yes |
 * | claude-sonnet-4-5 and later sonnets | 64000 | yes | yes | yes |
 * | claude-haiku-4-5 and later haikus | 64000 | yes | yes | yes |
 * | claude-opus-4-5 and later opuses | 64000 | yes | yes | yes |
 * | unrecognised id | 4096 (no limit assumed) | yes (the upstream decides) | no (the tool path works everywhere) | no |
 *
 * Output limits and the structured-output list follow Anthropic's models overview and structured-outputs pages
 * (structured outputs: Sonnet 4.5, Opus 4.1, Opus 4.5, Haiku 4.5 and later). Later models with larger limits
 * (e.g. 128K on some 4.6 models) still get 64000 by default: a default, not a maximum; clients ask for more.
 */
export function resolveAnthropicModelCapabilities(model: string): AnthropicModelCapabilities {
  const parsed = parseModel(model);
  if (!parsed) return UNKNOWN;
  const { tier, major, minor } = parsed;
  const family = major >= 4 ? `claude-${tier}-${major}${minor ? `-${minor}` : ''}` : `claude-${major}${minor ? `-${minor}` : ''}-${tier}`;
  const version = major + minor / 10;
  if (major < 3) return { ...UNKNOWN, family, thinking: false };
  if (major === 3) {
    if (minor >= 7) return { family, defaultMaxTokens: 64000, maxOutputTokens: 64000, thinking: true, structuredOutput: false, temperatureOrTopP: false };
    if (minor >= 5) return { family, defaultMaxTokens: 8192, maxOutputTokens: 8192, thinking: false, structuredOutput: false, temperatureOrTopP: false };
    return { family, defaultMaxTokens: 4096, maxOutputTokens: 4096, thinking: false, structuredOutput: false, temperatureOrTopP: false };
  }
  if (tier === 'opus' && version < 4.5) {
    return { family, defaultMaxTokens: 32000, maxOutputTokens: 32000, thinking: true, structuredOutput: version >= 4.1, temperatureOrTopP: version >= 4.1 };
  }
  const structuredOutput = tier === 'sonnet' || tier === 'haiku' ? version >= 4.5 : true;
  return { family, defaultMaxTokens: 64000, maxOutputTokens: 64000, thinking: true, structuredOutput, temperatureOrTopP: structuredOutput };
}
