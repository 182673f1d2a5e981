import { describe, expect, it } from 'vitest';
import { convertOpenAIRequestToGemini } from './convert-openai-request-to-gemini.js';

/** The `google` object is what `extra_body={"google": {...}}` sends (Google's OpenAI-compatibility page: thinking_config, cached_content). */
describe('the google escape hatch', () => {
  it('merges safetySettings, cachedContent, labels and generationConfig fields; snake_case or camelCase', async () => {
    const google = {
      safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
      cached_content: 'cachedContents/abc',
      labels: { team_name: 'search' },
      generation_config: { media_resolution: 'MEDIA_RESOLUTION_LOW', temperature: 0.1 },
      thinking_config: { thinking_level: 'low', include_thoughts: true },
    };
    const result = await convertOpenAIRequestToGemini({ model: 'gemini-3-flash-preview', messages: [{ role: 'user', content: 'x' }], temperature: 0.7, google });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.upstream.body).toMatchObject({
      safetySettings: google.safety_settings,
      cachedContent: 'cachedContents/abc',
      labels: { team_name: 'search' },
      generationConfig: { temperature: 0.1, mediaResolution: 'MEDIA_RESOLUTION_LOW', thinkingConfig: { thinkingLevel: 'low', includeThoughts: true } },
    });
    expect(result.context.includeThoughts).toBe(true);
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'escape_hatch_override', param: 'google.generation_config.temperature' })]);
    expect(result.warnings.some((warning) => warning.param === 'google')).toBe(false);
  });
  it('appends tools; a google that is not an object is a 400', async () => {
    const result = await convertOpenAIRequestToGemini({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }], google: { tools: [{ google_search: {} }] } });
    expect(result.ok && result.upstream.body.tools).toEqual([{ googleSearch: {} }]);
    const bad = await convertOpenAIRequestToGemini({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'x' }], google: 'yes' });
    expect(!bad.ok && bad.error.error.param).toBe('google');
  });
});
