import type { TranslationWarning } from './translation-contract.js';

/**
 * One path of the hub's Chat Completions request and the path of the client API's request it was mapped from
 * (`messages[3]` ← `input[2]` for the Responses API, ← `messages.1.content.2` for the Messages API). A provider
 * mapper's 400 or warning names a hub path (`param`); a client front turns it back into the path its client sent.
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

/** The entry with the longest hub path that is `param` or a whole-segment prefix of it (exact entries: `param` only). */
export function findHubPathEntry(param: string, paths: readonly HubPathEntry[]): HubPathEntry | undefined {
  let best: HubPathEntry | undefined;
  for (const entry of paths) {
    if ((entry.exact ? entry.hub === param : isPathPrefix(entry.hub, param)) && (best === undefined || entry.hub.length > best.hub.length)) best = entry;
  }
  return best;
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

/**
 * A warning about the hub request as the client's: `param` becomes the client's path (`clientPath` of the hub
 * path), and the message names it where it named the hub path. A warning without `param`, or whose path has no
 * client path, is returned as it is. Pure.
 */
export function translateHubWarning(warning: TranslationWarning, clientPath: (param: string) => string | undefined): TranslationWarning {
  if (typeof warning.param !== 'string' || warning.param === '') return warning;
  const client = clientPath(warning.param);
  if (client === undefined || client === warning.param) return warning;
  return { ...warning, param: client, message: replacePath(warning.message, warning.param, client) };
}
