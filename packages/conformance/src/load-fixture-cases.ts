import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBeyondSpec } from './find-beyond-spec.js';
import type { CaseDescription, ClientKind, ExpectedUpstreamRequest, FixtureCase, Provider, RecordedHttpResponse } from './fixture-case.js';

const PROVIDERS: readonly Provider[] = ['anthropic', 'gemini', 'openai-compatible', 'vertex'];

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`fixture file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads one case folder. Throws with the path when a required file is missing. */
export function loadFixtureCase(root: string, provider: Provider, name: string, client: ClientKind = 'chat'): FixtureCase {
  const dir = join(client === 'chat' ? root : join(root, client), provider, name);
  const file = (f: string) => join(dir, f);
  for (const required of ['case.json', 'request.json']) {
    if (!existsSync(file(required))) throw new Error(`fixture case ${provider}/${name} has no ${required}`);
  }
  const request = readJson(file('request.json'));
  const stream = typeof request === 'object' && request !== null && (request as { stream?: unknown }).stream === true;
  const fixtureCase: FixtureCase = {
    id: client === 'chat' ? `${provider}/${name}` : `${client}/${provider}/${name}`,
    ...(client !== 'chat' ? { client } : {}),
    provider,
    name,
    description: readJson(file('case.json')) as CaseDescription,
    request,
    stream,
    expectedResponse: existsSync(file('expected-response.sse'))
      ? { kind: 'sse', text: readFileSync(file('expected-response.sse'), 'utf8') }
      : { kind: 'json', response: readJson(file('expected-response.json')) as RecordedHttpResponse },
  };
  if (existsSync(file('upstream-request.json'))) {
    fixtureCase.upstreamRequest = readJson(file('upstream-request.json')) as ExpectedUpstreamRequest;
  }
  if (existsSync(file('upstream-response.sse'))) {
    fixtureCase.upstreamResponse = { kind: 'sse', text: readFileSync(file('upstream-response.sse'), 'utf8') };
  } else if (existsSync(file('upstream-response.json'))) {
    fixtureCase.upstreamResponse = { kind: 'json', response: readJson(file('upstream-response.json')) as RecordedHttpResponse };
  }
  // Cases beyond the OpenAI specification are scored in their own category too (found, or labelled in case.json).
  // (Chat Completions cases only: the check reads the Chat Completions request schema.)
  const beyondSpec = client === 'chat' ? findBeyondSpec(fixtureCase) : [];
  if (beyondSpec.length) {
    fixtureCase.beyondSpec = beyondSpec;
    if (!fixtureCase.description.categories.includes('beyond-spec')) fixtureCase.description.categories.push('beyond-spec');
  }
  return fixtureCase;
}

export interface LoadFixtureCasesOptions {
  /** Only this provider's cases. */
  provider?: Provider;
  /**
   * Which client API's cases: `chat` (the default: `fixtures/<provider>/`), `responses` (`fixtures/responses/<provider>/`,
   * ids `responses/<provider>/<case>`, `client: 'responses'`), `messages` (`fixtures/messages/<provider>/`), or `all`.
   */
  client?: ClientKind | 'all';
}

/** Enumerates and reads every case under `root` (the repository's `fixtures/` folder), sorted by id. */
export function loadFixtureCases(root: string, options: LoadFixtureCasesOptions = {}): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const client = options.client ?? 'chat';
  const kinds: ClientKind[] = client === 'all' ? ['chat', 'responses', 'messages'] : [client];
  for (const kind of kinds) {
    const base = kind === 'chat' ? root : join(root, kind);
    for (const provider of PROVIDERS) {
      if (options.provider && options.provider !== provider) continue;
      const providerDir = join(base, provider);
      if (!existsSync(providerDir)) continue;
      for (const entry of readdirSync(providerDir, { withFileTypes: true })) {
        if (entry.isDirectory()) cases.push(loadFixtureCase(root, provider, entry.name, kind));
      }
    }
  }
  return cases.sort((a, b) => a.id.localeCompare(b.id));
}
