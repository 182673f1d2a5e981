import type { MessagesCreateRequest } from '@interlingua/messages-schema';
import { findHubPathEntry, type HubPathEntry } from '@interlingua/openai-schema';

/** Paths of the hub request and of the Messages request (Anthropic's dotted style: `messages.1.content.2`). */
export type { HubPathEntry };

/**
 * The client path of a hub path: the entry with the longest hub prefix of `param`, its client path followed by the
 * rest of `param` in Anthropic's dotted style (`messages[3].content[1]` with `messages[3]` ← `messages.2` →
 * `messages.2.content.1`). Undefined when no entry matches.
 */
export function findClientPath(param: string, paths: readonly HubPathEntry[]): string | undefined {
  const best = findHubPathEntry(param, paths);
  if (best === undefined) return undefined;
  return best.client + param.slice(best.hub.length).replace(/\[(\d+)\]/g, '.$1');
}

/** The paths of a Messages request's top-level fields and tools in the hub request (those the request sets). */
export function messagesFieldPaths(request: MessagesCreateRequest): HubPathEntry[] {
  const paths: HubPathEntry[] = [
    { hub: 'model', client: 'model' },
    { hub: 'messages', client: 'messages', exact: true },
    { hub: 'max_completion_tokens', client: 'max_tokens' },
    { hub: 'temperature', client: 'temperature' },
    { hub: 'top_p', client: 'top_p' },
    { hub: 'top_k', client: 'top_k' },
    { hub: 'stop', client: 'stop_sequences' },
    { hub: 'safety_identifier', client: 'metadata.user_id' },
    { hub: 'user', client: 'metadata.user_id' },
    { hub: 'tool_choice', client: 'tool_choice' },
    { hub: 'parallel_tool_calls', client: 'tool_choice.disable_parallel_tool_use' },
    { hub: 'reasoning_effort', client: request.output_config?.effort !== undefined && request.output_config.effort !== null && request.thinking?.type !== 'disabled' ? 'output_config.effort' : 'thinking' },
    { hub: 'response_format', client: 'output_config.format' },
    { hub: 'response_format.json_schema', client: 'output_config.format' },
    { hub: 'stream', client: 'stream' },
    { hub: 'stream_options', client: 'stream' },
  ];
  (request.tools ?? []).forEach((_tool, i) => {
    paths.push(
      { hub: `tools[${i}]`, client: `tools.${i}` },
      { hub: `tools[${i}].function`, client: `tools.${i}` },
      { hub: `tools[${i}].function.parameters`, client: `tools.${i}.input_schema` },
    );
  });
  return paths;
}

