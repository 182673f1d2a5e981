/**
 * The fixture case format. One folder per case: `fixtures/<provider>/<case>/`, holding
 *
 * | file | what | required |
 * |---|---|---|
 * | `case.json` | {@link CaseDescription}: description, source, options, notes | yes |
 * | `request.json` | the client's OpenAI Chat Completions request body | yes |
 * | `upstream-request.json` | {@link ExpectedUpstreamRequest}: what the gateway must send upstream | unless the request is rejected before any upstream call |
 * | `upstream-response.json` | {@link RecordedHttpResponse}: the upstream reply as JSON (non-stream, or an error status) | one of the two, unless rejected |
 * | `upstream-response.sse` | the upstream stream, byte for byte as on the wire (status 200, `text/event-stream`) | |
 * | `expected-response.json` | {@link RecordedHttpResponse}: the OpenAI reply the client must get | one of the two |
 * | `expected-response.sse` | the OpenAI SSE text the client must get, byte for byte | |
 *
 * Streamed or not is decided by `request.json`'s `stream`.
 */

/** Where a case comes from. */
export type CaseSource =
  | {
      kind: 'seed';
      /** The seed document's file name (the project's source document; its examples are copied verbatim in packages/openai-schema/src/__fixtures__/seed). */
      document: string;
      /** The section of the document the example comes from. */
      section: string;
      /** What of the case is not in the seed and was reconstructed (e.g. the upstream reply). */
      reconstructed?: string;
    }
  | {
      kind: 'recorded';
      /** `owner/name` of the public repository the recording comes from. */
      repository: string;
      /** Path inside that repository. */
      path: string;
      /** Commit of that repository. */
      commit?: string;
      /** What of the case is not in the recording (e.g. the client request, written by hand to match it). */
      reconstructed?: string;
    }
  | {
      kind: 'synthetic';
      /** Why a synthetic case was needed (what no recording shows) and what it is modelled on. */
      basis: string;
    };

/** Conformance categories a case is scored in. */
export type CaseCategory =
  | 'request-mapping'
  | 'non-stream'
  | 'streaming'
  | 'tools'
  | 'reasoning'
  | 'errors'
  | 'bad-input'
  | 'structured-output'
  | 'media'
  | 'usage'
  | 'seed'
  /**
   * The case goes beyond the OpenAI Chat Completions specification: a request form the specification does not have
   * (the seed's bare-string `image_url`), provider extensions (`cache_control`, `thinking_blocks`, provider tool types)
   * or an extension field in the reply (`reasoning_content`). Added by the loader when it finds one (see
   * `findBeyondSpec`), or written in `case.json`. Scored in its own category, so a gateway that keeps to the
   * specification can be told apart from one that also speaks these extensions.
   */
  | 'beyond-spec';

/** Bytes standing in for a fetched URL. */
export interface MediaBytes {
  mimeType: string;
  /** Base64. */
  data: string;
}

export interface CaseOptions {
  /** Strict mode: unsupported parameters are rejected with a 400 instead of dropped with a warning. */
  strict?: boolean;
  /**
   * Bytes served for image URLs, for upstreams that need the bytes (Gemini): URL → base64 data and mime type.
   * The test's media resolver answers from this table; nothing is fetched.
   */
  media?: { [url: string]: MediaBytes };
  /**
   * The upstream request's blocks are compared in any order within each turn (Anthropic `content`, Gemini `parts`;
   * same-role turns merged first). For a request the upstream answers alike whatever the order — e.g. one it rejects
   * either way, so that the case checks the error translation, not how the gateway arranges an invalid turn.
   */
  anyBlockOrder?: boolean;
}

/** Everything a translation may invent, fixed so that expected outputs compare exactly. */
export interface CaseEnvironment {
  /** Ids handed out in order, per kind; after the list, `<prefix>fixture<n>`. */
  ids?: {
    chatcmpl?: string[];
    call?: string[];
    fp?: string[];
  };
  /** The Unix time in seconds that `now()` returns. Default 1700000000. */
  now?: number;
}

/** The content of `case.json`. */
export interface CaseDescription {
  /** One sentence: what the case shows. */
  description: string;
  source: CaseSource;
  /** At least one category. */
  categories: CaseCategory[];
  options?: CaseOptions;
  environment?: CaseEnvironment;
  /**
   * Where the expected output departs from the source (for seed cases: from the seed document) and why,
   * or anything a reader of the case must know.
   */
  notes?: string[];
  /** Warning codes the mapper must report for this case (every lossy step is reported). */
  expectedWarnings?: string[];
}

/** A recorded or expected HTTP response with a JSON body. */
export interface RecordedHttpResponse {
  status: number;
  /** Only the headers that matter (lower-case names), e.g. `retry-after`, `content-type`. */
  headers?: Record<string, string>;
  body: unknown;
}

/** The request the gateway must send upstream. */
export interface ExpectedUpstreamRequest {
  method: 'POST' | 'GET';
  /** Path and query, without the host: `/v1/messages`, `/v1beta/models/gemini-1.5-pro-002:generateContent`. */
  path: string;
  /** Headers that must be present with these values (lower-case names; credentials never appear here). */
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * The upstream a case is routed to. `vertex`: Vertex AI (Gemini and Claude in a Google Cloud project); its cases'
 * client requests name `vertex/<model>`, and the kit's gateway config mints OAuth tokens at the mock.
 */
export type Provider = 'anthropic' | 'gemini' | 'openai-compatible' | 'vertex';

/**
 * The client API a case speaks. Absent: Chat Completions (`fixtures/<provider>/<case>/`). `responses`: the OpenAI
 * Responses API (`fixtures/responses/<provider>/<case>/`): `request.json` is a `POST /v1/responses` body and the
 * expected reply a Response object, an error envelope, or the Responses event stream (`event:`/`data:` SSE).
 * `messages`: Anthropic's Messages API (`fixtures/messages/<provider>/<case>/`): a `POST /v1/messages` body, and a
 * Message, Anthropic's error envelope, or the Messages event stream.
 */
export type ClientKind = 'chat' | 'responses' | 'messages';

/** A loaded case. */
export interface FixtureCase {
  /** `<provider>/<case>` (`responses/<provider>/<case>` for Responses cases). */
  id: string;
  /** The client API (absent: Chat Completions). */
  client?: ClientKind;
  provider: Provider;
  name: string;
  description: CaseDescription;
  request: unknown;
  stream: boolean;
  upstreamRequest?: ExpectedUpstreamRequest;
  upstreamResponse?: { kind: 'json'; response: RecordedHttpResponse } | { kind: 'sse'; text: string };
  expectedResponse: { kind: 'json'; response: RecordedHttpResponse } | { kind: 'sse'; text: string };
  /** Why the case goes beyond the OpenAI specification (set by the loader with the `beyond-spec` category). */
  beyondSpec?: string[];
}
