import { findHubPathEntry, replacePath, translateHubWarning, type HubPathEntry, type OpenAIErrorEnvelope, type TranslationWarning } from '@interlingua/openai-schema';

export type { HubPathEntry };
import type { ResponseTool } from '@interlingua/responses-schema';

/**
 * The client path of a hub path: the entry with the longest hub prefix of `param`, its client path followed by the
 * rest of `param` (`messages[3].content[1]` with `messages[3]` ← `input[2]` → `input[2].content[1]`). Undefined
 * when no entry matches.
 */
export function findClientPath(param: string, paths: readonly HubPathEntry[]): string | undefined {
  const best = findHubPathEntry(param, paths);
  return best === undefined ? undefined : best.client + param.slice(best.hub.length);
}

/** Top-level hub fields and the Responses fields they come from (when the request sets them). */
const FIELD_PATHS: ReadonlyArray<readonly [hub: string, client: string]> = [
  ['model', 'model'],
  ['tool_choice', 'tool_choice'],
  ['parallel_tool_calls', 'parallel_tool_calls'],
  ['temperature', 'temperature'],
  ['top_p', 'top_p'],
  ['metadata', 'metadata'],
  ['user', 'user'],
  ['safety_identifier', 'safety_identifier'],
  ['prompt_cache_key', 'prompt_cache_key'],
  ['service_tier', 'service_tier'],
  ['max_completion_tokens', 'max_output_tokens'],
  ['response_format', 'text.format'],
  ['response_format.json_schema', 'text.format'],
  ['verbosity', 'text.verbosity'],
  ['reasoning_effort', 'reasoning.effort'],
  ['top_logprobs', 'top_logprobs'],
  ['stream', 'stream'],
  ['stream_options', 'stream'],
];

/**
 * The paths of a Responses request's top-level fields and tools in the hub request `convertResponsesRequestToChat`
 * makes of it: function tools keep their order among the function tools (`tools[j].function` ← `tools[i]`, whose
 * fields are flat), a web search tool becomes `web_search_options`.
 */
export function responsesFieldPaths(tools: readonly ResponseTool[] | undefined, logprobsParam: string | undefined): HubPathEntry[] {
  const paths: HubPathEntry[] = [{ hub: 'messages', client: 'input', exact: true }, ...FIELD_PATHS.map(([hub, client]) => ({ hub, client }))];
  if (logprobsParam !== undefined) paths.push({ hub: 'logprobs', client: logprobsParam });
  let j = 0;
  for (const [i, tool] of (tools ?? []).entries()) {
    if (tool.type === 'function') {
      paths.push({ hub: `tools[${j}]`, client: `tools[${i}]` }, { hub: `tools[${j}].function`, client: `tools[${i}]` });
      j++;
    } else paths.push({ hub: 'web_search_options', client: `tools[${i}]` });
  }
  return paths;
}

/**
 * An OpenAI error about the hub request (a provider mapper's 400, the gateway's own checks) as the Responses
 * client's error: `param` becomes the path in the client's request, and the message names it where it named the
 * hub path. A `param` no entry matches is kept, and the message says it is a path of the translated (Chat
 * Completions) request. Errors without `param` pass unchanged. Pure.
 */
export function translateHubErrorForResponses(envelope: OpenAIErrorEnvelope, paths: readonly HubPathEntry[]): OpenAIErrorEnvelope {
  const param = envelope.error.param;
  if (typeof param !== 'string' || param === '') return envelope;
  const client = findClientPath(param, paths);
  const message = typeof envelope.error.message === 'string' ? envelope.error.message : '';
  if (client === undefined) {
    return { ...envelope, error: { ...envelope.error, message: `${message} (param '${param}' is a path of this request as translated to Chat Completions.)` } };
  }
  return { ...envelope, error: { ...envelope.error, param: client, message: replacePath(message, param, client) } };
}

/**
 * A warning about the hub request (a provider mapper's lossy step, naming a hub path in `param`) as the Responses
 * client's: `param` becomes the path in the client's request, and the message names it where it named the hub path
 * (as {@link translateHubErrorForResponses} does for errors). A `param` no entry matches is kept. Pure.
 */
export function translateHubWarningForResponses(warning: TranslationWarning, paths: readonly HubPathEntry[]): TranslationWarning {
  return translateHubWarning(warning, (param) => findClientPath(param, paths));
}
