import {
  CONFORMANCE_VERTEX_LOCATION,
  CONFORMANCE_VERTEX_PROJECT,
  conformanceVertexCredentials,
} from './conformance-vertex-credentials.js';
import type { FixtureCase, Provider } from './fixture-case.js';

/**
 * How the black-box runner talks to one kind of gateway: how the gateway is pointed at the mock upstream, and what
 * each request needs (headers, model names). Adding a gateway means writing one of these (see the README).
 */
export interface ConformanceTarget {
  name: string;
  /** Instructions for pointing an already running gateway at the mock (the CLI prints them). */
  setup(mockUrl: string, cases: readonly FixtureCase[]): string;
  /** The request for a case: extra headers, and the body (default: the case's request as is). */
  prepare(fixtureCase: FixtureCase, body: Record<string, unknown>, mockUrl: string): { headers?: Record<string, string>; body: unknown };
  /** Maps the `model` in the gateway's answer back to the case's model name, when `prepare` renamed it. */
  restoreModel?(model: string): string;
  /** A reason this target cannot run a case (reported as skipped), or undefined. */
  skip?(fixtureCase: FixtureCase): string | undefined;
}

/** The upstream base URL a gateway must use for each provider to reach the mock. */
export function mockBaseUrls(mockUrl: string): Record<Provider, string> {
  return { anthropic: mockUrl, gemini: mockUrl, 'openai-compatible': `${mockUrl}/v1`, vertex: mockUrl };
}

/**
 * Every model name the cases use, with the upstream it belongs to. Throws if a name belongs to two upstreams. The
 * `vertex` cases are left out: they name `vertex/<model>`, routed by the `vertex/` prefix.
 */
export function caseModelRoutes(cases: readonly FixtureCase[]): { name: string; upstream: Provider }[] {
  const routes = new Map<string, Provider>();
  for (const fixtureCase of cases) {
    if (fixtureCase.provider === 'vertex') continue;
    const model = (fixtureCase.request as { model?: unknown }).model;
    if (typeof model !== 'string') continue;
    const known = routes.get(model);
    if (known && known !== fixtureCase.provider) throw new Error(`model ${model} is used by ${known} and ${fixtureCase.provider} cases`);
    routes.set(model, fixtureCase.provider);
  }
  return [...routes].map(([name, upstream]) => ({ name, upstream })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * An Interlingua gateway config (the `GatewayConfigFile` shape of `@interlingua/gateway`) that points every upstream
 * at the mock and routes each case's model name to its upstream. Write it to a file for `interlingua serve --config`,
 * pass it as `INTERLINGUA_CONFIG` to the Worker, or spread it into `createGateway` options.
 */
export function interlinguaGatewayConfig(mockUrl: string, cases: readonly FixtureCase[], options: { strict?: boolean } = {}) {
  const bases = mockBaseUrls(mockUrl);
  return {
    upstreams: {
      anthropic: { apiKey: 'conformance-anthropic-key', baseUrl: bases.anthropic },
      gemini: { apiKey: 'conformance-gemini-key', baseUrl: bases.gemini },
      'openai-compatible': { apiKey: 'conformance-openai-key', baseUrl: bases['openai-compatible'] },
      vertex: {
        credentials: conformanceVertexCredentials(mockUrl),
        project: CONFORMANCE_VERTEX_PROJECT,
        location: CONFORMANCE_VERTEX_LOCATION,
        baseUrl: bases.vertex,
      },
    },
    models: caseModelRoutes(cases),
    prefixes: [{ prefix: 'vertex/', upstream: 'vertex' as const, stripPrefix: true }],
    ...(options.strict ? { strict: true } : {}),
  };
}

/** Cases that need a gateway in strict mode (unsupported parameters rejected) run only where one is given. */
export function needsStrictGateway(fixtureCase: FixtureCase): boolean {
  return fixtureCase.description.options?.strict === true;
}

/**
 * The commands that start Interlingua's `serve` for the kit (after saving `interlinguaGatewayConfig` as
 * `conformance.json`): one gateway, and one in strict mode for the strict-mode cases. `--allow-image-hosts` names the
 * mock's `host:port`, so the SSRF-guarded image resolver fetches the cases' images from the mock while still refusing
 * every other loopback or private address.
 */
export function interlinguaServeCommands(mockUrl: string, ports: { port?: number; strictPort?: number } = {}): { serve: string; strictServe: string } {
  const mockHost = new URL(mockUrl).host;
  const base = `interlingua serve --config conformance.json --allow-image-hosts ${mockHost}`;
  return { serve: `${base} --port ${ports.port ?? 8787}`, strictServe: `INTERLINGUA_STRICT=1 ${base} --port ${ports.strictPort ?? 8788}` };
}

/** Interlingua: requests go as they are; the gateway is configured with the mock as every upstream's base URL. */
export function interlinguaTarget(): ConformanceTarget {
  return {
    name: 'interlingua',
    setup(mockUrl, cases) {
      const commands = interlinguaServeCommands(mockUrl);
      const mockPort = new URL(mockUrl).port;
      return [
        'Start Interlingua with every upstream pointed at the mock and each case model routed. Save this as conformance.json:',
        JSON.stringify(interlinguaGatewayConfig(mockUrl, cases), null, 2),
        'then start the gateway, and a second one in strict mode for the strict-mode cases:',
        `  ${commands.serve}`,
        `  ${commands.strictServe}`,
        '(--allow-image-hosts lets the image resolver fetch the cases\' images from the mock, a loopback address it refuses',
        'otherwise; every other loopback or private address stays refused.) Then score them:',
        `  interlingua conformance --mock-port ${mockPort} --base-url http://127.0.0.1:8787/v1 --strict-base-url http://127.0.0.1:8788/v1`,
        'With environment variables only (cases whose model starts with claude/gemini, or anything else to OpenAI):',
        `  ANTHROPIC_BASE_URL=${mockUrl} GEMINI_BASE_URL=${mockUrl} OPENAI_BASE_URL=${mockUrl}/v1 ANTHROPIC_API_KEY=x GEMINI_API_KEY=x OPENAI_API_KEY=x`,
      ].join('\n');
    },
    prepare: (_fixtureCase, body) => ({ body }),
  };
}

const PORTKEY_PROVIDER: Record<Provider, string> = { anthropic: 'anthropic', gemini: 'google', 'openai-compatible': 'openai', vertex: 'vertex-ai' };

/** Why another gateway does not run the `vertex` cases: they need Google OAuth tokens minted from the kit's key file. */
const VERTEX_SKIP = "Vertex AI cases need the gateway to mint OAuth tokens from the kit's service-account key at the mock; this target is not set up for it";

/**
 * Portkey's gateway (`@portkey-ai/gateway`): the upstream is chosen per request with `x-portkey-provider` and pointed
 * at the mock with `x-portkey-custom-host` (`<mock>/v1` for Anthropic and OpenAI, `<mock>` for Google). The
 * provider key goes in `Authorization` (the mock ignores it). Portkey has no mode that rejects unsupported parameters,
 * so the strict-mode cases are skipped.
 */
export function portkeyTarget(): ConformanceTarget {
  return {
    name: 'portkey',
    setup: (mockUrl) =>
      `Start the Portkey gateway on 127.0.0.1 (see scripts/conformance/score-peers.mjs); every request carries x-portkey-provider and x-portkey-custom-host pointing at ${mockUrl}.`,
    prepare(fixtureCase, body, mockUrl) {
      const provider = fixtureCase.provider;
      return {
        headers: {
          authorization: 'Bearer conformance-provider-key',
          'x-portkey-provider': PORTKEY_PROVIDER[provider],
          'x-portkey-custom-host': provider === 'gemini' ? mockUrl : `${mockUrl}/v1`,
        },
        body,
      };
    },
    skip: (fixtureCase) =>
      fixtureCase.provider === 'vertex'
        ? VERTEX_SKIP
        : needsStrictGateway(fixtureCase)
          ? 'needs a gateway that rejects unsupported parameters (strict mode); Portkey has no such mode'
          : undefined,
  };
}

export interface GenericTargetOptions {
  /** Prefix added to the model name per upstream, e.g. `{ anthropic: 'anthropic/', gemini: 'gemini/' }`. */
  modelPrefixes?: Partial<Record<Provider, string>>;
  /** Headers added to every request (e.g. the gateway's key). */
  headers?: Record<string, string>;
  /** Label in the report (default `generic`). */
  name?: string;
}

/**
 * A gateway configured with one base URL per provider (each pointing at the mock) that routes by model name, optionally
 * namespaced (`anthropic/claude-…`). The prefix is removed again from the `model` of the answer before comparison.
 */
export function genericTarget(options: GenericTargetOptions = {}): ConformanceTarget {
  const prefixes = options.modelPrefixes ?? {};
  return {
    name: options.name ?? 'generic',
    setup(mockUrl, cases) {
      const bases = mockBaseUrls(mockUrl);
      const lines = ['Configure the gateway with these upstream base URLs (any API key):'];
      for (const provider of Object.keys(bases) as Provider[]) lines.push(`  ${provider}: ${bases[provider]}`);
      lines.push('and route these model names to them:');
      for (const route of caseModelRoutes(cases)) lines.push(`  ${prefixes[route.upstream] ?? ''}${route.name} → ${route.upstream}`);
      return lines.join('\n');
    },
    prepare(fixtureCase, body) {
      const prefix = prefixes[fixtureCase.provider] ?? '';
      return {
        ...(options.headers ? { headers: options.headers } : {}),
        body: prefix && typeof body.model === 'string' ? { ...body, model: prefix + body.model } : body,
      };
    },
    restoreModel(model) {
      for (const prefix of Object.values(prefixes)) if (prefix && model.startsWith(prefix)) return model.slice(prefix.length);
      return model;
    },
    skip: (fixtureCase) => (fixtureCase.provider === 'vertex' ? VERTEX_SKIP : undefined),
  };
}
