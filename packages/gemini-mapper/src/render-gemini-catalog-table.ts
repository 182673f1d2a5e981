import type { ModelCatalog } from '@interlingua/openai-schema';
import type { GeminiModelCapabilities } from './gemini-model-catalog.js';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

function thinking(capabilities: GeminiModelCapabilities): string {
  switch (capabilities.thinking) {
    case 'none':
      return 'none';
    case 'include-only':
      return 'thoughts only';
    case 'budget': {
      const budget = capabilities.budget;
      return budget ? `budget ${budget.min}–${budget.max}${budget.canDisable ? ', 0 = off' : ''}` : 'budget';
    }
    case 'level':
      return `level ${(capabilities.levels ?? []).join('/')}`;
  }
}

function row(family: string, lines: string, capabilities: GeminiModelCapabilities): string {
  return `| ${[
    family,
    lines,
    thinking(capabilities),
    yesNo(capabilities.jsonSchemaParameters),
    yesNo(capabilities.jsonSchemaResponse),
    yesNo(capabilities.penalties),
    yesNo(capabilities.requiresThoughtSignatures),
    yesNo(capabilities.toolsWithJsonResponse),
    yesNo(capabilities.urlMedia),
    yesNo(capabilities.partMediaResolution),
    capabilities.builtInTools.length > 0 ? capabilities.builtInTools.join(', ') : '—',
    yesNo(capabilities.builtInToolsWithFunctions),
    capabilities.maxOutputTokens === null ? '—' : String(capabilities.maxOutputTokens),
    yesNo(capabilities.samplingParameters),
    yesNo(capabilities.multipleCandidates),
  ].join(' | ')} |`;
}

/** The README's catalog table (markdown), generated from the catalog data; a test keeps the README equal to it. */
export function renderGeminiCatalogTable(catalog: ModelCatalog<GeminiModelCapabilities>): string {
  const header =
    '| family | lines (versions) | thinking | parametersJsonSchema | responseJsonSchema | penalties | signatures required | tools + JSON | URL media | per-part media resolution | built-in tools | built-in + functions | max output | temperature, top_p, top_k | n > 1 |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|';
  const rows = catalog.entries.map((entry) => {
    const range = `${entry.match.from ?? ''}${entry.match.through === entry.match.from && entry.match.from !== undefined ? '' : `–${entry.match.through ?? ''}`}`;
    return row(entry.family, `${entry.match.lines.join(', ')} (${range})`, entry.capabilities);
  });
  rows.push(row('(fallback)', 'any other id', catalog.fallback));
  const aliases = Object.entries(catalog.aliases ?? {})
    .map(([alias, target]) => `\`${alias}\` → \`${target}\``)
    .join(', ');
  return `${header}\n${rows.join('\n')}\n\nAliases: ${aliases}.`;
}
