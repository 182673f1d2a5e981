import { convertOpenAIRequestToAnthropic } from '@interlingua/anthropic-mapper';
import { convertOpenAIRequestToGemini } from '@interlingua/gemini-mapper';
import { parseChatCompletionRequest } from '@interlingua/openai-schema';
import { parseJsonInput, readInput } from './read-input.js';

export type Provider = 'anthropic' | 'gemini';

/** `interlingua translate --to <provider> [file]`: an OpenAI request → the provider request (path, headers, body). */
export async function translateCommand(file: string | undefined, options: { to: Provider; strict?: boolean }): Promise<number> {
  const parsed = parseChatCompletionRequest(parseJsonInput(await readInput(file), file));
  if (!parsed.ok) {
    console.error(JSON.stringify(parsed.error, null, 2));
    return 1;
  }
  const result =
    options.to === 'anthropic'
      ? convertOpenAIRequestToAnthropic(parsed.value, { strict: options.strict === true })
      : await convertOpenAIRequestToGemini(parsed.value, { strict: options.strict === true });
  for (const warning of result.warnings) console.error(`warning: ${warning.code} (${warning.param}): ${warning.message}`);
  if (!result.ok) {
    console.error(JSON.stringify(result.error, null, 2));
    return 1;
  }
  console.log(JSON.stringify({ path: result.upstream.path, headers: result.upstream.headers, body: result.upstream.body }, null, 2));
  return 0;
}
