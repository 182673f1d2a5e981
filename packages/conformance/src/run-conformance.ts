import { compareGatewayReply, type ObservedGatewayReply } from './compare-gateway-reply.js';
import { compareUpstreamRequest, upstreamComparisonOptions } from './compare-upstream-request.js';
import { createCaseResult, summariseConformanceResults, type CaseResult, type ConformanceReport } from './conformance-report.js';
import { interlinguaTarget, needsStrictGateway, type ConformanceTarget } from './conformance-targets.js';
import type { FixtureCase } from './fixture-case.js';
import { fixturesRoot } from './fixtures-root.js';
import { loadFixtureCases } from './load-fixture-cases.js';
import { startMockUpstream, type MockUpstream } from './start-mock-upstream.js';

export interface RunConformanceOptions {
  /** The gateway's OpenAI base URL (what an OpenAI client takes), e.g. `http://127.0.0.1:8787/v1`. */
  gatewayUrl: string;
  /** The same gateway in strict mode (unsupported parameters rejected), for the cases that need it; else they are skipped. */
  strictGatewayUrl?: string;
  /**
   * Picks the gateway per case, for tests that run differently configured instances (e.g. one with an image fetcher
   * for the cases that list media, one without for the others). Undefined: `gatewayUrl` / `strictGatewayUrl`.
   */
  gatewayUrlFor?: (fixtureCase: FixtureCase) => string | undefined;
  /** A mock upstream the gateway already points at; else one is started on `mockPort` (and closed at the end). */
  mock?: MockUpstream;
  mockPort?: number;
  /** How to talk to the gateway (default: Interlingua). */
  target?: ConformanceTarget;
  /** The cases (default: every case of the published fixtures). */
  cases?: readonly FixtureCase[];
  /** Only cases whose id (`<provider>/<case>`) matches this glob (`*` and `?`), e.g. `gemini/*-stream`. */
  casePattern?: string;
  /** Strict stream mode: check the exact chunk grammar as well. */
  strictStreams?: boolean;
  /** Compare non-standard fields and error type/param/code too. */
  extensions?: boolean;
  /** Headers for every request (e.g. `authorization` for the gateway's own key). */
  headers?: Record<string, string>;
  /** Time allowed per request in ms (default 30000). */
  timeoutMs?: number;
  /** Called after each case. */
  onResult?: (result: CaseResult) => void;
  /** Label of the report (default: the target's name). */
  label?: string;
}

/** A glob (`*`, `?`) as a regular expression over the whole id. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** Replaces every string equal to one of the case's media URLs by the mock's URL for it. */
function pointMediaAtMock(value: unknown, fixtureCase: FixtureCase, mock: MockUpstream): unknown {
  if (typeof value === 'string') return mock.mediaUrl(fixtureCase, value) ?? value;
  if (Array.isArray(value)) return value.map((item) => pointMediaAtMock(item, fixtureCase, mock));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pointMediaAtMock(item, fixtureCase, mock)]));
  }
  return value;
}

async function callGateway(url: string, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<ObservedGatewayReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const observedHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    observedHeaders[name.toLowerCase()] = value;
  });
  return { status: response.status, headers: observedHeaders, text };
}

async function runCase(fixtureCase: FixtureCase, gatewayUrl: string, mock: MockUpstream, target: ConformanceTarget, options: RunConformanceOptions): Promise<CaseResult> {
  const body = pointMediaAtMock(structuredClone(fixtureCase.request), fixtureCase, mock) as Record<string, unknown>;
  const prepared = target.prepare(fixtureCase, body, mock.url);
  const reasons: string[] = [];
  mock.arm(fixtureCase);
  let observed: ObservedGatewayReply;
  try {
    observed = await callGateway(`${gatewayUrl.replace(/\/+$/, '')}/${fixtureCase.client === 'responses' ? 'responses' : fixtureCase.client === 'messages' ? 'messages' : 'chat/completions'}`, { ...options.headers, ...prepared.headers }, prepared.body, options.timeoutMs ?? 30_000);
  } catch (error) {
    mock.disarm();
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return createCaseResult(fixtureCase, 'fail', [`the request to the gateway failed: ${error instanceof Error ? error.message : String(error)}${cause}`]);
  }
  const calls = mock.disarm();
  if (fixtureCase.upstreamRequest) {
    if (calls.length === 0) reasons.push('the gateway did not call the upstream');
    // Retries of the same request are tolerated; each call is checked.
    const seen = new Set<string>();
    for (const call of calls) {
      for (const problem of compareUpstreamRequest(fixtureCase.provider, fixtureCase.request, fixtureCase.upstreamRequest, call, upstreamComparisonOptions(fixtureCase))) {
        if (!seen.has(problem)) reasons.push(problem);
        seen.add(problem);
      }
    }
  } else if (calls.length) {
    reasons.push(`the gateway called the upstream (${calls[0]!.method} ${calls[0]!.path}) though the case expects it to answer by itself`);
  }
  const compared = compareGatewayReply(fixtureCase, observed, {
    strictStreams: options.strictStreams === true,
    extensions: options.extensions === true,
    ...(target.restoreModel ? { restoreModel: (model: string) => target.restoreModel!(model) } : {}),
  });
  reasons.push(...compared.problems);
  return createCaseResult(fixtureCase, reasons.length ? 'fail' : 'pass', reasons, compared.diff);
}

/**
 * The black-box runner: sends every case's client request to a running gateway whose upstreams point at the mock
 * upstream, checks the upstream request the gateway makes, replays the recorded upstream reply and compares the
 * gateway's answer with the expected OpenAI reply. Cases run one at a time (the mock is armed per case).
 */
export async function runConformance(options: RunConformanceOptions): Promise<ConformanceReport> {
  const target = options.target ?? interlinguaTarget();
  let cases = options.cases ?? loadFixtureCases(fixturesRoot());
  if (options.casePattern) {
    const pattern = globToRegExp(options.casePattern);
    cases = cases.filter((fixtureCase) => pattern.test(fixtureCase.id));
  }
  const mock = options.mock ?? (await startMockUpstream(options.mockPort !== undefined ? { port: options.mockPort } : {}));
  const results: CaseResult[] = [];
  try {
    for (const fixtureCase of cases) {
      const skip = target.skip?.(fixtureCase);
      let result: CaseResult;
      const chosen = options.gatewayUrlFor?.(fixtureCase);
      if (skip) {
        result = createCaseResult(fixtureCase, 'skip', [skip]);
      } else if (chosen) {
        result = await runCase(fixtureCase, chosen, mock, target, options);
      } else if (needsStrictGateway(fixtureCase) && !options.strictGatewayUrl) {
        result = createCaseResult(fixtureCase, 'skip', ['needs a gateway in strict mode (unsupported parameters rejected): give strictGatewayUrl / --strict-base-url']);
      } else {
        const url = needsStrictGateway(fixtureCase) ? options.strictGatewayUrl! : options.gatewayUrl;
        result = await runCase(fixtureCase, url, mock, target, options);
      }
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    if (!options.mock) await mock.close();
  }
  return summariseConformanceResults(options.label ?? target.name, { strictStreams: options.strictStreams === true, extensions: options.extensions === true }, results);
}
