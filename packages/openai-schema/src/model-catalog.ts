/**
 * The shared shape of a provider model catalog: what the mappers know about each model family, as data. Each
 * provider mapper ships its own catalog (capabilities typed per provider) and a parser that turns a model id into a
 * model line and a version; this module matches, merges and resolves, the same way for every provider.
 *
 * A family entry covers one or more model lines (`claude-opus`, `gemini-flash-lite`) over a version range. Its range
 * is open at the top unless `through` is given, so a new point release (`claude-opus-4-8`) inherits the rules of
 * the newest entry below it. When several entries cover an id, the one with the highest `from` wins (the most
 * specific), then the earlier one in the list (so operator entries, placed first, win over shipped ones).
 */

/** Which model ids an entry covers. */
export interface ModelCatalogMatch {
  /** Model lines, as the provider's id parser names them (e.g. `claude-opus`, `gemini-flash`). */
  lines: string[];
  /** Lowest version covered, dotted (`4.6`, `2.5`, `3`); absent: every version up to `through`. */
  from?: string;
  /** Highest version covered, dotted; absent: every later version too. */
  through?: string;
}

/** One model family of a catalog. */
export interface ModelCatalogEntry<Capabilities> {
  /** The family's stable name (README tables, warnings, overrides), e.g. `claude-opus-4-7`, `gemini-2.5-flash`. */
  family: string;
  match: ModelCatalogMatch;
  capabilities: Capabilities;
  /** Model ids of this family known to exist (listed by the gateway's `GET /v1/models` for prefix routes). */
  models?: string[];
  /** The documentation the entry follows (page titles or addresses). */
  source?: string;
}

/** A provider catalog: family entries, what an unrecognised id gets, and aliases (`gemini-flash-latest` → an id). */
export interface ModelCatalog<Capabilities> {
  entries: ModelCatalogEntry<Capabilities>[];
  /** Capabilities of an id no entry covers: a documented, conservative default. */
  fallback: Capabilities;
  /** Alias → the model id it currently stands for (resolved once, before parsing). */
  aliases?: Record<string, string>;
}

/**
 * What an operator adds or changes (gateway config `catalog.<provider>`): entries merged by `family` name (capabilities
 * merged field by field over the shipped entry; `match` and `models` replaced when given), new families (a full
 * `match` and the capabilities they differ in from the fallback), aliases, and a new fallback.
 */
export interface ModelCatalogOverride<Capabilities> {
  entries?: { family: string; match?: ModelCatalogMatch; capabilities?: Partial<Capabilities>; models?: string[]; source?: string }[];
  aliases?: Record<string, string>;
  fallback?: Partial<Capabilities>;
}

/** A model id as a provider parser reads it. */
export interface ParsedModelId {
  /** The model line, e.g. `claude-sonnet`, `gemini-flash-lite`. */
  line: string;
  /** The version as numbers, e.g. `[4, 5]`, `[2, 5]`, `[3]`. */
  version: number[];
}

/** A resolved model: the family that covered it (`unknown` for the fallback) and its capabilities. */
export interface ResolvedModel<Capabilities> {
  family: string;
  capabilities: Capabilities;
}

/** A dotted version (`4.6`) as numbers. */
export function parseVersion(version: string): number[] {
  return version.split('.').map((part) => Number(part));
}

/** Negative, zero or positive as `a` is lower than, equal to or higher than `b` (missing parts count as 0). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function covers(match: ModelCatalogMatch, id: ParsedModelId): boolean {
  if (!match.lines.includes(id.line)) return false;
  if (match.from !== undefined && compareVersions(id.version, parseVersion(match.from)) < 0) return false;
  if (match.through !== undefined && compareVersions(id.version, parseVersion(match.through)) > 0) return false;
  return true;
}

/** The entry covering a parsed id: the highest `from` among those that cover it, the first listed on a tie. */
export function findCatalogEntry<Capabilities>(
  entries: readonly ModelCatalogEntry<Capabilities>[],
  id: ParsedModelId,
): ModelCatalogEntry<Capabilities> | undefined {
  let best: ModelCatalogEntry<Capabilities> | undefined;
  for (const entry of entries) {
    if (!covers(entry.match, id)) continue;
    if (best === undefined) best = entry;
    else if (compareVersions(parseVersion(entry.match.from ?? '0'), parseVersion(best.match.from ?? '0')) > 0) best = entry;
  }
  return best;
}

/** The catalog with an operator's override applied (the shipped catalog is not changed). */
export function mergeModelCatalog<Capabilities extends object>(
  base: ModelCatalog<Capabilities>,
  override: ModelCatalogOverride<Capabilities> | undefined,
): ModelCatalog<Capabilities> {
  if (!override) return base;
  const fallback = { ...base.fallback, ...override.fallback } as Capabilities;
  const shipped = new Map(base.entries.map((entry) => [entry.family, entry]));
  const added: ModelCatalogEntry<Capabilities>[] = [];
  const replaced = new Map<string, ModelCatalogEntry<Capabilities>>();
  for (const change of override.entries ?? []) {
    const existing = replaced.get(change.family) ?? shipped.get(change.family);
    if (existing) {
      replaced.set(change.family, {
        ...existing,
        ...(change.match ? { match: change.match } : {}),
        ...(change.models ? { models: change.models } : {}),
        ...(change.source ? { source: change.source } : {}),
        capabilities: { ...existing.capabilities, ...change.capabilities } as Capabilities,
      });
    } else {
      if (!change.match) throw new Error(`catalog override: the new family ${change.family} needs a match`);
      added.push({
        family: change.family,
        match: change.match,
        capabilities: { ...fallback, ...change.capabilities } as Capabilities,
        ...(change.models ? { models: change.models } : {}),
        ...(change.source ? { source: change.source } : {}),
      });
    }
  }
  return {
    entries: [...added, ...base.entries.map((entry) => replaced.get(entry.family) ?? entry)],
    fallback,
    aliases: { ...base.aliases, ...override.aliases },
  };
}

/** Most model ids remembered per catalog (ids come from clients, so the memo is bounded; it starts over when full). */
const MEMO_LIMIT = 512;
const memos = new WeakMap<object, Map<string, ResolvedModel<unknown>>>();

/**
 * Resolves a model id: aliases first, then the provider's parser, then the covering entry (or the fallback, as
 * family `unknown`). Results are remembered per catalog object and id (a catalog is not changed once built: an
 * override makes a new one), so a gateway pays the parse and the search once per model, not once per request.
 */
export function resolveCatalogModel<Capabilities>(
  catalog: ModelCatalog<Capabilities>,
  model: string,
  parse: (model: string) => ParsedModelId | undefined,
): ResolvedModel<Capabilities> {
  let memo = memos.get(catalog) as Map<string, ResolvedModel<Capabilities>> | undefined;
  const known = memo?.get(model);
  if (known) return known;
  const id = parse(catalog.aliases?.[model] ?? model);
  const entry = id === undefined ? undefined : findCatalogEntry(catalog.entries, id);
  const resolved: ResolvedModel<Capabilities> = entry
    ? { family: entry.family, capabilities: entry.capabilities }
    : { family: 'unknown', capabilities: catalog.fallback };
  if (!memo) {
    memo = new Map();
    memos.set(catalog, memo as Map<string, ResolvedModel<unknown>>);
  } else if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(model, resolved);
  return resolved;
}
