import type { UpstreamSettings } from '../gateway-config.js';

/**
 * A Google Cloud service-account key: the JSON file the Cloud console downloads (`type: "service_account"`). Only the
 * fields the OAuth 2.0 JWT bearer flow reads are listed; the others are allowed and ignored.
 */
export interface VertexServiceAccountKey {
  type?: string;
  client_email: string;
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  /** Where access tokens are minted; default `https://oauth2.googleapis.com/token`. */
  token_uri?: string;
  [field: string]: unknown;
}

/**
 * Vertex AI: Gemini (publisher `google`) and Claude (publisher `anthropic`) in a Google Cloud project, chosen per
 * model: `claude-…` → Anthropic's `rawPredict` / `streamRawPredict`, `gemini-…` → `generateContent` /
 * `streamGenerateContent`, or explicitly `publishers/<publisher>/models/<model>`. Authenticated with a service-account
 * key (OAuth 2.0 access tokens minted and cached by the gateway) or, for Gemini only, an express-mode API key.
 */
export interface VertexSettings extends UpstreamSettings {
  /** The Google Cloud project; default: the service-account key's `project_id` (env `GOOGLE_CLOUD_PROJECT`). */
  project?: string;
  /**
   * `global` (default; host `aiplatform.googleapis.com`), a region such as `us-east5` (host
   * `<region>-aiplatform.googleapis.com`), or the multi-regions `us` / `eu` (env `GOOGLE_CLOUD_LOCATION`).
   */
  location?: string;
  /** The service-account key, as its JSON text or as the object (env `GOOGLE_APPLICATION_CREDENTIALS_JSON`). */
  credentials?: string | VertexServiceAccountKey;
  /**
   * Path of the service-account key file (env `GOOGLE_APPLICATION_CREDENTIALS`). Read by the Node adapters
   * (`interlingua serve`) into `credentials`; the runtime-neutral core never reads files.
   */
  credentialsFile?: string;
}
