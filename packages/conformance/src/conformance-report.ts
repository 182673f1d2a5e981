import type { CaseCategory, FixtureCase, Provider } from './fixture-case.js';

/** The verdict on one case. */
export interface CaseResult {
  /** `<provider>/<case>`. */
  id: string;
  provider: Provider;
  categories: CaseCategory[];
  /** Where the case comes from (`seed`, `recorded`, `synthetic`). */
  source: 'seed' | 'recorded' | 'synthetic';
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped (empty when it passed). */
  reasons: string[];
  /** Readable differences (`path: expected …, got …`), when there are any. */
  diff?: string;
  /** Why the case goes beyond the OpenAI specification (its category `beyond-spec`), when it does. */
  beyondSpec?: string[];
}

export interface CategoryScore {
  category: CaseCategory;
  passed: number;
  /** Cases run in this category (skipped ones excluded). */
  total: number;
  skipped: number;
  /** passed / total, 0–1 (1 when nothing ran). */
  score: number;
}

export interface ConformanceReport {
  /** What was tested, e.g. `interlingua (express)` or `portkey`. */
  target: string;
  mode: { strictStreams: boolean; extensions: boolean };
  cases: CaseResult[];
  categories: CategoryScore[];
  total: { passed: number; failed: number; skipped: number; total: number; score: number };
  /** The same over the cases that keep to the OpenAI specification (every case not in `beyond-spec`). */
  withinSpec: { passed: number; failed: number; skipped: number; total: number; score: number };
}

/** The categories in report order (the issue's seven first). */
export const CATEGORY_ORDER: readonly CaseCategory[] = [
  'request-mapping',
  'non-stream',
  'streaming',
  'tools',
  'reasoning',
  'errors',
  'bad-input',
  'structured-output',
  'media',
  'usage',
  'seed',
  'beyond-spec',
];

/** A result for a case, from its problems. */
export function createCaseResult(fixtureCase: FixtureCase, status: CaseResult['status'], reasons: string[], diff?: string): CaseResult {
  return {
    id: fixtureCase.id,
    provider: fixtureCase.provider,
    categories: fixtureCase.description.categories,
    source: fixtureCase.description.source.kind,
    status,
    reasons,
    ...(diff ? { diff } : {}),
    ...(fixtureCase.beyondSpec?.length ? { beyondSpec: fixtureCase.beyondSpec } : {}),
  };
}

/** Scores per category and in total. Skipped cases are listed but do not count. */
export function summariseConformanceResults(target: string, mode: ConformanceReport['mode'], cases: CaseResult[]): ConformanceReport {
  const categories: CategoryScore[] = [];
  for (const category of CATEGORY_ORDER) {
    const inCategory = cases.filter((result) => result.categories.includes(category));
    if (!inCategory.length) continue;
    const run = inCategory.filter((result) => result.status !== 'skip');
    const passed = run.filter((result) => result.status === 'pass').length;
    categories.push({ category, passed, total: run.length, skipped: inCategory.length - run.length, score: run.length ? passed / run.length : 1 });
  }
  const count = (results: CaseResult[]) => {
    const passed = results.filter((result) => result.status === 'pass').length;
    const failed = results.filter((result) => result.status === 'fail').length;
    return { passed, failed, skipped: results.length - passed - failed, total: passed + failed, score: passed + failed ? passed / (passed + failed) : 1 };
  };
  const withinSpec = count(cases.filter((result) => !result.categories.includes('beyond-spec')));
  return { target, mode, cases, categories, total: count(cases), withinSpec };
}

function percent(score: number): string {
  return `${(score * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** The score table per category, as Markdown. */
export function formatCategoryTable(report: ConformanceReport): string {
  const lines = ['| category | passed | score |', '|---|---|---|'];
  for (const category of report.categories) {
    lines.push(`| ${category.category} | ${category.passed}/${category.total}${category.skipped ? ` (${category.skipped} skipped)` : ''} | ${percent(category.score)} |`);
  }
  const within = report.withinSpec;
  if (within.total + within.skipped !== report.total.total + report.total.skipped) {
    lines.push(`| within the OpenAI spec (all but beyond-spec) | ${within.passed}/${within.total}${within.skipped ? ` (${within.skipped} skipped)` : ''} | ${percent(within.score)} |`);
  }
  lines.push(`| **all cases** | **${report.total.passed}/${report.total.total}**${report.total.skipped ? ` (${report.total.skipped} skipped)` : ''} | **${percent(report.total.score)}** |`);
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

/** One row per case (pass / fail / skip and why), as Markdown; `failuresOnly` leaves out passing cases. */
export function formatCaseTable(report: ConformanceReport, options: { failuresOnly?: boolean } = {}): string {
  const lines = ['| case | result | why |', '|---|---|---|'];
  for (const result of report.cases) {
    if (options.failuresOnly && result.status === 'pass') continue;
    const why = result.reasons.map((reason) => reason.split('\n')[0]!).join('; ');
    lines.push(`| ${result.id} | ${result.status} | ${cell(why.length > 300 ? `${why.slice(0, 297)}...` : why)} |`);
  }
  return lines.join('\n');
}

/** A plain-text report for a terminal: one line per case, the diff under each failure, then the category table. */
export function formatConformanceReport(report: ConformanceReport, options: { failuresOnly?: boolean } = {}): string {
  const out: string[] = [`Conformance of ${report.target} (streams: ${report.mode.strictStreams ? 'strict' : 'accumulated'}${report.mode.extensions ? ', extensions compared' : ''})`, ''];
  for (const result of report.cases) {
    if (options.failuresOnly && result.status === 'pass') continue;
    out.push(`${result.status.toUpperCase().padEnd(4)} ${result.id}`);
    for (const reason of result.reasons) out.push(...reason.split('\n').map((line) => `       ${line}`));
    if (result.diff) out.push(...result.diff.split('\n').map((line) => `       | ${line}`));
  }
  out.push('', formatCategoryTable(report));
  return out.join('\n');
}
