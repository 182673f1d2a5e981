import { describe, expect, it } from 'vitest';
import { buildVertexPath, resolveVertexModel, vertexBaseUrl } from './build-vertex-endpoint.js';

// Expected values written from the Google Cloud pages cited in build-vertex-endpoint.ts and the gateway README.
describe('vertex endpoints', () => {
  it('uses the global host for location global, the rep hosts for us and eu, and <region>-aiplatform otherwise', () => {
    expect(vertexBaseUrl('global')).toBe('https://aiplatform.googleapis.com');
    expect(vertexBaseUrl('us')).toBe('https://aiplatform.us.rep.googleapis.com');
    expect(vertexBaseUrl('eu')).toBe('https://aiplatform.eu.rep.googleapis.com');
    expect(vertexBaseUrl('us-central1')).toBe('https://us-central1-aiplatform.googleapis.com');
    expect(vertexBaseUrl('europe-west4')).toBe('https://europe-west4-aiplatform.googleapis.com');
  });

  it('builds the Gemini and Claude method paths', () => {
    const scope = { project: 'my-project', location: 'us-east5' };
    expect(buildVertexPath({ publisher: 'google', model: 'gemini-2.5-flash' }, false, scope)).toBe(
      '/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(buildVertexPath({ publisher: 'google', model: 'gemini-2.5-flash' }, true, scope)).toBe(
      '/v1/projects/my-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(buildVertexPath({ publisher: 'anthropic', model: 'claude-sonnet-4-5@20250929' }, false, scope)).toBe(
      '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict',
    );
    expect(buildVertexPath({ publisher: 'anthropic', model: 'claude-sonnet-4-5@20250929' }, true, scope)).toBe(
      '/v1/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict',
    );
  });

  it('builds express-mode paths without project and location', () => {
    expect(buildVertexPath({ publisher: 'google', model: 'gemini-2.5-flash' }, false, 'express')).toBe(
      '/v1/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(buildVertexPath({ publisher: 'google', model: 'gemini-2.5-flash' }, true, 'express')).toBe(
      '/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
  });

  it('picks the publisher from the model id or an explicit resource name', () => {
    expect(resolveVertexModel('claude-opus-4-1@20250805')).toEqual({ publisher: 'anthropic', model: 'claude-opus-4-1@20250805' });
    expect(resolveVertexModel('gemini-3-pro-preview')).toEqual({ publisher: 'google', model: 'gemini-3-pro-preview' });
    expect(resolveVertexModel('publishers/anthropic/models/my-tuned-claude')).toEqual({ publisher: 'anthropic', model: 'my-tuned-claude' });
    expect(resolveVertexModel('publishers/google/models/gemini-2.0-flash-001')).toEqual({ publisher: 'google', model: 'gemini-2.0-flash-001' });
    expect(resolveVertexModel('llama-3.1-405b')).toBeNull();
    expect(resolveVertexModel('publishers/meta/models/llama-3.1')).toBeNull();
    expect(resolveVertexModel('gemini-2.5-flash/../../x')).toBeNull();
    expect(resolveVertexModel('claude-x?alt=json')).toBeNull();
  });
});
