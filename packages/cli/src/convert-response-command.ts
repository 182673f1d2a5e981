import { convertAnthropicErrorToOpenAI, convertAnthropicResponseToOpenAI, type AnthropicTranslationContext } from '@interlingua/anthropic-mapper';
import { convertGeminiErrorToOpenAI, convertGeminiResponseToOpenAI, type GeminiTranslationContext } from '@interlingua/gemini-mapper';
import { createDefaultEnvironment } from '@interlingua/openai-schema';
import { createContextForCommand } from './create-context-for-command.js';
import { parseJsonInput, readInput } from './read-input.js';

/**
 * `interlingua convert-response --from <provider> [file]`: a provider JSON reply → the OpenAI reply. With
 * `--status` other than 200 the input is an error body and the OpenAI error envelope is printed.
 */
export async function convertResponseCommand(
  file: string | undefined,
  options: { from: 'anthropic' | 'gemini'; model: string; status: string },
): Promise<number> {
  const body = parseJsonInput(await readInput(file), file);
  const status = Number(options.status);
  if (status !== 200) {
    const converted =
      options.from === 'anthropic' ? convertAnthropicErrorToOpenAI(status, body, {}) : convertGeminiErrorToOpenAI(status, body, {});
    console.log(JSON.stringify(converted, null, 2));
    return 0;
  }
  const context = await createContextForCommand(options.from, options.model, false, false);
  const environment = createDefaultEnvironment();
  const result =
    options.from === 'anthropic'
      ? convertAnthropicResponseToOpenAI(body, { context: context as AnthropicTranslationContext, environment })
      : convertGeminiResponseToOpenAI(body, { context: context as GeminiTranslationContext, environment });
  for (const warning of result.warnings ?? []) console.error(`warning: ${warning.code} (${warning.param}): ${warning.message}`);
  if (!result.ok) {
    console.error(JSON.stringify(result.error, null, 2));
    return 1;
  }
  console.log(JSON.stringify(result.response, null, 2));
  return 0;
}
