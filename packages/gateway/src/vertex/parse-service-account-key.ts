import * as z from 'zod/mini';
import type { VertexServiceAccountKey } from './vertex-settings.js';

/** Google's OAuth 2.0 token endpoint, used when a key names no `token_uri`. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

const serviceAccountKeySchema = z.looseObject({
  type: z.optional(z.string()),
  client_email: z.string().check(z.minLength(1)),
  private_key: z.string().check(z.minLength(1)),
  private_key_id: z.optional(z.string()),
  project_id: z.optional(z.string()),
  token_uri: z.optional(z.url()),
});

export type ParseServiceAccountKeyResult = { ok: true; key: VertexServiceAccountKey & { token_uri: string } } | { ok: false; message: string };

/**
 * Reads a service-account key (its JSON text or the parsed object). The message of a failure names the missing or
 * malformed fields only: it never quotes the key, so it may be logged or answered.
 */
export function parseServiceAccountKey(input: string | VertexServiceAccountKey): ParseServiceAccountKeyResult {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      return { ok: false, message: 'the Vertex AI credentials are not valid JSON (expected a service-account key file).' };
    }
  }
  const parsed = serviceAccountKeySchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].join(', ');
    return { ok: false, message: `the Vertex AI credentials are not a service-account key (field ${fields} missing or invalid).` };
  }
  const key = parsed.data;
  if (key.type !== undefined && key.type !== 'service_account') {
    return {
      ok: false,
      message: `the Vertex AI credentials are of type "${key.type.slice(0, 40)}"; only service-account keys ("service_account") are supported.`,
    };
  }
  if (!key.private_key.includes('-----BEGIN PRIVATE KEY-----')) {
    return { ok: false, message: 'the service-account key\'s private_key is not a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").' };
  }
  return { ok: true, key: { ...key, token_uri: key.token_uri ?? GOOGLE_TOKEN_URI } as VertexServiceAccountKey & { token_uri: string } };
}
