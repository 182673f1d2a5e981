/**
 * Where a Vertex AI call goes. Sources (Google Cloud documentation):
 * - "Deployments and endpoints" (vertex-ai/generative-ai/docs/learn/locations): the global endpoint is
 *   `https://aiplatform.googleapis.com` with location `global`; a regional one is `https://LOCATION-aiplatform.googleapis.com`;
 *   the multi-regions `us` and `eu` are `https://aiplatform.us.rep.googleapis.com` / `https://aiplatform.eu.rep.googleapis.com`.
 * - Gemini: `POST /v1/projects/PROJECT/locations/LOCATION/publishers/google/models/MODEL:generateContent`, and
 *   `:streamGenerateContent?alt=sse` for server-sent events (REST reference, projects.locations.publishers.models).
 * - Claude: `…/publishers/anthropic/models/MODEL:rawPredict` and `:streamRawPredict` ("Request predictions with Claude models").
 * - Express mode (an API key instead of OAuth): the global host without project and location,
 *   `POST /v1/publishers/google/models/MODEL:generateContent` ("Vertex AI in express mode REST API reference").
 */

export type VertexPublisher = 'google' | 'anthropic';

/** A model as Vertex names it: its publisher and its id there (`gemini-2.5-flash`, `claude-sonnet-4-5@20250929`). */
export interface VertexModel {
  publisher: VertexPublisher;
  model: string;
}

const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;
const RESOURCE_NAME = /^publishers\/([a-z]+)\/models\/(.+)$/;

/**
 * The publisher of a model, from its id: `claude-…` → `anthropic`, `gemini-…` → `google`; or explicitly by the
 * resource name `publishers/<google|anthropic>/models/<id>`. `null`: no publisher this gateway speaks to.
 */
export function resolveVertexModel(name: string): VertexModel | null {
  const resource = RESOURCE_NAME.exec(name);
  if (resource) {
    const [, publisher, model] = resource as unknown as [string, string, string];
    if ((publisher !== 'google' && publisher !== 'anthropic') || !MODEL_ID.test(model)) return null;
    return { publisher, model };
  }
  if (!MODEL_ID.test(name)) return null;
  if (name.startsWith('claude-')) return { publisher: 'anthropic', model: name };
  if (name.startsWith('gemini-')) return { publisher: 'google', model: name };
  return null;
}

const LOCATION = /^[a-z][a-z0-9-]*$/;
/** Project ids are lower-case letters, digits and hyphens; older domain-scoped ones are `example.com:project`. */
const PROJECT = /^[a-z0-9][a-z0-9.:-]*$/;

export function isValidVertexLocation(location: string): boolean {
  return LOCATION.test(location);
}

export function isValidVertexProject(project: string): boolean {
  return PROJECT.test(project);
}

/** The host of a location: `global` → the global endpoint, `us` / `eu` → the multi-region ones, else the region's. */
export function vertexBaseUrl(location: string): string {
  if (location === 'global') return 'https://aiplatform.googleapis.com';
  if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com`;
  return `https://${location}-aiplatform.googleapis.com`;
}

/** The express-mode host (the global endpoint; express mode has no regional ones). */
export const VERTEX_EXPRESS_BASE_URL = 'https://aiplatform.googleapis.com';

/** The method of a call: Gemini's generateContent pair, or Claude's rawPredict pair. */
function methodOf(publisher: VertexPublisher, stream: boolean): string {
  if (publisher === 'anthropic') return stream ? 'streamRawPredict' : 'rawPredict';
  return stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
}

/** `/v1/projects/P/locations/L/publishers/X/models/M:method` (project and location present) or the express-mode path. */
export function buildVertexPath(target: VertexModel, stream: boolean, scope: { project: string; location: string } | 'express'): string {
  const model = `publishers/${target.publisher}/models/${target.model}:${methodOf(target.publisher, stream)}`;
  if (scope === 'express') return `/v1/${model}`;
  return `/v1/projects/${scope.project}/locations/${scope.location}/${model}`;
}
