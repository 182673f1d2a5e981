import { generateKeyPairSync } from 'node:crypto';

/** The mock upstream's OAuth 2.0 token endpoint (Google's service-account flow), for the kit's `vertex` cases. */
export const MOCK_TOKEN_PATH = '/__oauth/token';

/** The access token the mock hands out; the mock refuses a Vertex AI call that does not carry it. */
export const MOCK_VERTEX_ACCESS_TOKEN = 'conformance-vertex-access-token';

/** The project and location the kit's `vertex` cases are routed to (their upstream paths name them). */
export const CONFORMANCE_VERTEX_PROJECT = 'conformance-project';
export const CONFORMANCE_VERTEX_LOCATION = 'us-east5';

let privateKeyPem: string | undefined;

/**
 * A service-account key file for the kit's gateway config: a throwaway RSA key made once per process (it belongs to
 * no Google account) whose `token_uri` is the mock's token endpoint. A gateway signs its JWT with it and trades it
 * at the mock for {@link MOCK_VERTEX_ACCESS_TOKEN}, as it would at `https://oauth2.googleapis.com/token`.
 */
export function conformanceVertexCredentials(mockUrl: string) {
  privateKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    type: 'service_account',
    project_id: CONFORMANCE_VERTEX_PROJECT,
    private_key_id: 'conformance-kit',
    private_key: privateKeyPem,
    client_email: `conformance@${CONFORMANCE_VERTEX_PROJECT}.iam.gserviceaccount.com`,
    token_uri: `${mockUrl}${MOCK_TOKEN_PATH}`,
  };
}
