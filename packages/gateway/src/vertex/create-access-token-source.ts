import * as z from 'zod/mini';
import type { VertexServiceAccountKey } from './vertex-settings.js';
import type { UpstreamFetch } from '../gateway-exchange.js';
import { readUpstreamBody } from '../read-upstream-body.js';
import { LazyAbortController } from '../lazy-abort-controller.js';
import { createDeadline } from '../create-deadline.js';
import { importServiceAccountKey, signServiceAccountJwt } from './sign-service-account-jwt.js';

/** The scope Vertex AI takes (the Vertex AI REST reference lists `cloud-platform` for every method). */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Google's grant type for a signed service-account JWT (RFC 7523 §2.1). */
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Lifetime of the signed assertion; Google allows at most one hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

/**
 * A token is replaced this long before it expires (Google's auth libraries refresh five minutes early), or at half
 * its lifetime when that is shorter, so no request is sent with a token that expires on the way.
 */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Most bytes read of a token endpoint reply. */
const MAX_TOKEN_REPLY_BYTES = 64 * 1024;

const tokenReplySchema = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.number().check(z.positive()),
  token_type: z.optional(z.string()),
});

const tokenErrorSchema = z.looseObject({ error: z.optional(z.string()), error_description: z.optional(z.string()) });

/** Why no token could be had. Its message never holds the key, the assertion or a token. */
export class AccessTokenError extends Error {
  constructor(
    message: string,
    /** `token_endpoint_rejected` (4xx: the key is wrong, disabled or deleted), `token_endpoint_failed` (5xx, network, bad reply), `invalid_credentials` (the key cannot be used). */
    readonly code: 'token_endpoint_rejected' | 'token_endpoint_failed' | 'invalid_credentials',
  ) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

export interface AccessTokenSourceOptions {
  /** Where the token request goes (the gateway's upstream fetch, so tests and the Node adapter's transport apply). */
  fetch: UpstreamFetch;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** Time allowed for the token endpoint, in ms; default 30000. */
  timeoutMs?: number;
}

/** Hands out OAuth 2.0 access tokens for one service account. */
export interface AccessTokenSource {
  /**
   * A token valid for a while longer: the cached one, or a new one. Concurrent callers share one token request; a
   * failed request is not cached (the next call tries again). Rejects with {@link AccessTokenError}.
   */
  getToken(): Promise<string>;
}

/** Blanks out runs that look like tokens or JWTs (40 or more base64url characters). */
function redactTokenLike(text: string): string {
  return text.replace(/[A-Za-z0-9_\-]{40,}(?:\.[A-Za-z0-9_\-]*)*/g, '[redacted]');
}

function refreshAt(obtainedAt: number, expiresInSeconds: number): number {
  const lifetimeMs = expiresInSeconds * 1000;
  return obtainedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
}

/**
 * The service-account ("two-legged") OAuth 2.0 flow: a JWT signed with the key's private key is posted to the key's
 * `token_uri` as `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<jwt>`; the reply's
 * `access_token` is used as `Authorization: Bearer` until shortly before `expires_in` runs out.
 */
export function createAccessTokenSource(key: VertexServiceAccountKey & { token_uri: string }, options: AccessTokenSourceOptions): AccessTokenSource {
  const now = options.now ?? Date.now;
  // Called unbound: a Worker's global fetch throws "Illegal invocation" when called as a method of another object.
  const fetchImplementation = options.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let cryptoKey: Promise<CryptoKey> | undefined;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function requestToken(): Promise<string> {
    cryptoKey ??= importServiceAccountKey(key.private_key);
    let signingKey: CryptoKey;
    try {
      signingKey = await cryptoKey;
    } catch (error) {
      cryptoKey = undefined;
      throw new AccessTokenError(error instanceof Error ? error.message : 'the service-account key could not be imported.', 'invalid_credentials');
    }
    const issuedAt = Math.floor(now() / 1000);
    const assertion = await signServiceAccountJwt(signingKey, {
      issuer: key.client_email,
      scope: CLOUD_PLATFORM_SCOPE,
      audience: key.token_uri,
      issuedAt,
      lifetimeSeconds: ASSERTION_LIFETIME_SECONDS,
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
    });
    const controller = new LazyAbortController();
    // One timer for the whole exchange, which also checks the reply body's idle time (`Deadline.watch`).
    const deadline = createDeadline(timeoutMs);
    deadline.onExpire(() => controller.abort(new Error('token endpoint timeout')));
    try {
      let response;
      try {
        response = await fetchImplementation(key.token_uri, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
          signal: controller.signal,
        });
      } catch {
        throw new AccessTokenError(
          controller.aborted ? `the token endpoint did not answer within ${timeoutMs} ms.` : 'the token endpoint could not be reached.',
          'token_endpoint_failed',
        );
      }
      const body = await readUpstreamBody(response, { controller, deadline, idleTimeoutMs: timeoutMs, maxBytes: MAX_TOKEN_REPLY_BYTES });
      if (!body.ok) throw new AccessTokenError(`the token endpoint's reply could not be read (${body.reason}).`, 'token_endpoint_failed');
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        json = undefined;
      }
      if (response.status < 200 || response.status > 299) {
        // Google answers `{"error":"invalid_grant","error_description":"Invalid JWT Signature."}`: codes and
        // descriptions, never a credential, so they are passed on (shortened) to say what is wrong.
        // Anything token-like in them (a long base64url run) is still blanked out, in case an endpoint echoes the assertion.
        const failure = tokenErrorSchema.safeParse(json);
        const detail = failure.success && failure.data.error
          ? `: ${redactTokenLike(failure.data.error.slice(0, 80))}${failure.data.error_description ? ` (${redactTokenLike(failure.data.error_description.slice(0, 200))})` : ''}`
          : '';
        throw new AccessTokenError(
          `the token endpoint answered ${response.status}${detail}.`,
          response.status >= 400 && response.status < 500 ? 'token_endpoint_rejected' : 'token_endpoint_failed',
        );
      }
      const reply = tokenReplySchema.safeParse(json);
      if (!reply.success) throw new AccessTokenError('the token endpoint answered without an access_token and expires_in.', 'token_endpoint_failed');
      cached = { token: reply.data.access_token, refreshAt: refreshAt(now(), reply.data.expires_in) };
      return reply.data.access_token;
    } finally {
      deadline.dispose();
    }
  }

  return {
    getToken() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= requestToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
