import type { MessagesCreateRequest } from '@interlingua/messages-schema';

/**
 * One path of the hub's Chat Completions request (`messages[3].tool_call_id`, `tools[0].function.parameters`) and
 * the path of the Messages request it was mapped from, in Anthropic's dotted style (`messages.1.content.2.tool_use_id`,
 * `tools.0.input_schema`). A provider mapper's 400 names a hub path (`param`); these entries name it as the client
 * sent it.
 */
export interface HubPathEntry {
  readonly hub: string;
  readonly client: string;
  /** Matches `hub` itself only, not the paths under it (`messages` ← `input`, but not `messages[4]` ← `input[4]`). */
  readonly exact?: boolean;
}

/** Whether `prefix` is `path` or a whole-segment prefix of it (`messages[1]` of `messages[1].content`, not of `messages[10]`). */
function isPathPrefix(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/**
 * The client path of a hub path: the entry with the longest hub prefix of `param`, its client path followed by the
 * rest of `param` in Anthropic's dotted style (`messages[3].content[1]` with `messages[3]` ← `messages.2` →
 * `messages.2.content.1`). Undefined when no entry matches.
 */
export function findClientPath(param: string, paths: readonly HubPathEntry[]): string | undefined {
  let best: HubPathEntry | undefined;
  for (const entry of paths) {
    if ((entry.exact ? entry.hub === param : isPathPrefix(entry.hub, param)) && (best === undefined || entry.hub.length > best.hub.length)) best = entry;
  }
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

/** Replaces `hub` where it stands as a whole path in `text` (not as the prefix of a longer path). */
export function replacePath(text: string, hub: string, client: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(hub); at !== -1; at = text.indexOf(hub, at + hub.length)) {
    const next = text.charAt(at + hub.length);
    if (next === '[' || (next === '.' && /[A-Za-z_]/.test(text.charAt(at + hub.length + 1)))) continue;
    out += text.slice(from, at) + client;
    from = at + hub.length;
  }
  return out + text.slice(from);
}
