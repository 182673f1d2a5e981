/**
 * The signed JWT of Google's OAuth 2.0 service-account flow ("JWT bearer" grant, RFC 7523), made with Web Crypto
 * (`crypto.subtle`) so it runs on Node ≥ 20, Workers, Deno and Bun alike. Claims per Google's "Using OAuth 2.0 for
 * Server to Server Applications": `iss` the service account's email, `scope` space-delimited, `aud` the token
 * endpoint, `iat` now and `exp` at most one hour later; header `{"alg":"RS256","typ":"JWT"}` (plus `kid`, the key id).
 */

/** Base64url without padding (RFC 7515 §2). */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function encodeJsonBase64Url(value: unknown): string {
  return encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}

/** The DER bytes of a PKCS#8 PEM private key. Throws an error that does not quote the key. */
function decodePkcs8Pem(pem: string): Uint8Array<ArrayBuffer> {
  const body = pem
    .replace(/-----BEGIN PRIVATE KEY-----/, '')
    .replace(/-----END PRIVATE KEY-----/, '')
    .replace(/\\n/g, '')
    .replace(/\s+/g, '');
  let binary: string;
  try {
    binary = atob(body);
  } catch {
    throw new Error('the service-account private key is not valid base64 PEM.');
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Imports a PKCS#8 PEM RSA key for RS256 signing (non-extractable). Throws an error that does not quote the key. */
export async function importServiceAccountKey(privateKeyPem: string): Promise<CryptoKey> {
  const der = decodePkcs8Pem(privateKeyPem);
  try {
    return await crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  } catch {
    throw new Error('the service-account private key could not be imported (expected an RSA key in PKCS#8 PEM).');
  }
}

export interface ServiceAccountJwtClaims {
  /** The service account's email (`client_email`). */
  issuer: string;
  /** Space-delimited scopes. */
  scope: string;
  /** The token endpoint (`token_uri`). */
  audience: string;
  /** Issued-at, seconds since the epoch. */
  issuedAt: number;
  /** Lifetime in seconds (Google allows at most 3600). */
  lifetimeSeconds: number;
  /** The key's `private_key_id`, sent as the header's `kid`. */
  keyId?: string;
}

/** `header.claims.signature`, each base64url, signed RS256 with `key`. */
export async function signServiceAccountJwt(key: CryptoKey, claims: ServiceAccountJwtClaims): Promise<string> {
  const header = { alg: 'RS256', typ: 'JWT', ...(claims.keyId ? { kid: claims.keyId } : {}) };
  const payload = {
    iss: claims.issuer,
    scope: claims.scope,
    aud: claims.audience,
    iat: claims.issuedAt,
    exp: claims.issuedAt + claims.lifetimeSeconds,
  };
  const signingInput = `${encodeJsonBase64Url(header)}.${encodeJsonBase64Url(payload)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(signingInput));
  return `${signingInput}.${encodeBase64Url(new Uint8Array(signature))}`;
}
