import { convertOpenAIRequestToAnthropic } from '@interlingua/anthropic-mapper';
import { convertOpenAIRequestToGemini } from '@interlingua/gemini-mapper';
import { createDefaultEnvironment, parseChatCompletionRequest, type ChatCompletionRequest, type TranslationWarning } from '@interlingua/openai-schema';
import { convertMessagesRequestToChat } from '@interlingua/messages-mapper';
import { convertResponsesRequestToChat } from '@interlingua/responses-mapper';
import { parseJsonInput, readInput } from './read-input.js';

export type Provider = 'anthropic' | 'gemini';

/**
 * `interlingua translate [--from chat|responses|messages] --to <provider> [file]`: an OpenAI Chat Completions request
 * (or, with `--from responses`, a Responses API request, or with `--from messages`, an Anthropic Messages request,
 * mapped to Chat Completions first) → the provider request (path, headers, body). A Messages request to Anthropic is
 * printed as the gateway sends it: unchanged.
 */
export async function translateCommand(file: string | undefined, options: { to: Provider; from?: 'chat' | 'responses' | 'messages'; strict?: boolean }): Promise<number> {
  const json = parseJsonInput(await readInput(file), file);
  const warn = (warnings: readonly TranslationWarning[]) => {
    for (const warning of warnings) console.error(`warning: ${warning.code} (${warning.param}): ${warning.message}`);
  };
  let request: ChatCompletionRequest;
  if (options.from === 'messages') {
    const mapped = convertMessagesRequestToChat(json, { strict: options.strict === true });
    warn(mapped.warnings);
    if (!mapped.ok) {
      console.error(JSON.stringify(mapped.error, null, 2));
      return 1;
    }
    if (options.to === 'anthropic') {
      // The gateway's passthrough: Anthropic gets the Messages request as the client sent it.
      console.log(JSON.stringify({ path: '/v1/messages', headers: { 'anthropic-version': '2023-06-01', 'content-type': 'application/json' }, body: json }, null, 2));
      return 0;
    }
    request = mapped.request;
  } else if (options.from === 'responses') {
    // No response store here: a previous_response_id is a 400 (previous_response_not_found).
    const mapped = convertResponsesRequestToChat(json, { strict: options.strict === true, environment: createDefaultEnvironment() });
    warn(mapped.warnings);
    if (!mapped.ok) {
      console.error(JSON.stringify(mapped.error, null, 2));
      return 1;
    }
    request = mapped.request;
  } else {
    const parsed = parseChatCompletionRequest(json);
    if (!parsed.ok) {
      console.error(JSON.stringify(parsed.error, null, 2));
      return 1;
    }
    request = parsed.value;
  }
  const result =
    options.to === 'anthropic'
      ? convertOpenAIRequestToAnthropic(request, { strict: options.strict === true })
      : await convertOpenAIRequestToGemini(request, { strict: options.strict === true });
  warn(result.warnings);
  if (!result.ok) {
    console.error(JSON.stringify(result.error, null, 2));
    return 1;
  }
  console.log(JSON.stringify({ path: result.upstream.path, headers: result.upstream.headers, body: result.upstream.body }, null, 2));
  return 0;
}
