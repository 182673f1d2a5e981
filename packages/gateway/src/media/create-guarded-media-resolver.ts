import type { MediaResolver } from '../bridges/provider-bridge.js';
import { isForbiddenAddress } from './is-forbidden-address.js';
import { concatBytes } from '../concat-bytes.js';

export interface GuardedMediaResolverOptions {
  /** Resolves a host name to every address it has (Node: `dns.promises.lookup(host, {all: true})`). */
  lookup: (hostname: string) => Promise<string[]>;
  /** The fetch used for the download (default: the global fetch). */
  fetch?: typeof fetch;
  /** When set, only these host names may be fetched (exact match, or `*.example.com`). */
  allowHosts?: string[];
  /**
   * `host:port` pairs that may be fetched although they are internal addresses (loopback, private…), e.g. a local
   * test server `127.0.0.1:9999` or `[::1]:9999`. Exact match of host and port (the scheme's default port when the
   * URL has none): another port of the same host, and every other internal address, stay refused. Each entry must
   * name its port. Redirects are checked again, so a named host cannot redirect to an unnamed internal one.
   */
  allowInternalHosts?: string[];
  /** Largest download in bytes (default 10 MiB). */
  maxBytes?: number;
  /** Time for the whole download in ms (default 10000). */
  timeoutMs?: number;
  /** Redirects followed, each checked again (default 3). */
  maxRedirects?: number;
  /** Accepted content types (default: image/png, image/jpeg, image/webp, image/gif, image/heic, image/heif). */
  allowedMimeTypes?: string[];
}

/** A media download refused or failed; its message is safe to show the client. */
export class MediaResolutionError extends Error {
  override name = 'MediaResolutionError';
}

function hostAllowed(hostname: string, allowHosts: string[] | undefined): boolean {
  if (!allowHosts) return true;
  return allowHosts.some((pattern) => (pattern.startsWith('*.') ? hostname.endsWith(pattern.slice(1)) : hostname === pattern));
}

/** `host:port` with the host as the URL parser writes it (lower case, IPv4 forms normalised, IPv6 in brackets). */
function hostPortKey(entry: string): string {
  if (!/:\d+$/.test(entry)) throw new Error(`allowInternalHosts: ${JSON.stringify(entry)} must be host:port (e.g. 127.0.0.1:9999)`);
  let url: URL;
  try {
    url = new URL(`http://${entry}`);
  } catch {
    throw new Error(`allowInternalHosts: ${JSON.stringify(entry)} is not a valid host:port`);
  }
  if (url.pathname !== '/' || url.username || url.password || url.search || url.hash) {
    throw new Error(`allowInternalHosts: ${JSON.stringify(entry)} is not a valid host:port`);
  }
  return `${url.hostname}:${url.port || '80'}`;
}

function urlHostPort(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A media resolver that refuses to reach internal addresses (SSRF guard): the host of the URL and of every redirect
 * is resolved and each address checked with {@link isForbiddenAddress} before any connection; only http(s); a size
 * cap, a timeout and a content-type check. Limitation: the check and the connection resolve the name separately, so
 * a DNS answer that changes in between (rebinding) is not caught here — run behind an egress proxy, or give a
 * `fetch` whose connector re-checks the address it connects to.
 */
export function createGuardedMediaResolver(options: GuardedMediaResolverOptions): MediaResolver {
  const fetchImplementation = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const allowedMimeTypes = options.allowedMimeTypes ?? ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/heic', 'image/heif'];
  const internalHosts = new Set((options.allowInternalHosts ?? []).map(hostPortKey));

  async function checkUrl(url: URL): Promise<void> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new MediaResolutionError(`Only http and https image URLs can be fetched, not ${url.protocol}`);
    // A host:port the operator named explicitly: fetched wherever it points.
    if (internalHosts.has(urlHostPort(url))) return;
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (!hostAllowed(hostname, options.allowHosts)) throw new MediaResolutionError(`The host ${hostname} is not on the image allow-list.`);
    const literal = /^[\d.]+$/.test(hostname) || hostname.includes(':');
    const addresses = literal ? [hostname] : await options.lookup(hostname).catch(() => {
      throw new MediaResolutionError(`The host ${hostname} could not be resolved.`);
    });
    if (addresses.length === 0 || addresses.some(isForbiddenAddress)) {
      throw new MediaResolutionError(`The image URL points to an address that may not be fetched (${hostname}).`);
    }
  }

  return async (input) => {
    const deadline = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new MediaResolutionError('The image URL is not a valid URL.');
    }
    for (let redirects = 0; ; redirects++) {
      await checkUrl(url);
      let response: Response;
      try {
        response = await fetchImplementation(url, { redirect: 'manual', signal: deadline });
      } catch {
        throw new MediaResolutionError(deadline.aborted ? 'The image download timed out.' : 'The image could not be downloaded.');
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel();
        if (redirects >= (options.maxRedirects ?? 3)) throw new MediaResolutionError('The image URL redirects too many times.');
        url = new URL(response.headers.get('location')!, url);
        continue;
      }
      if (!response.ok || !response.body) throw new MediaResolutionError(`The image download failed with status ${response.status}.`);
      const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!allowedMimeTypes.includes(mimeType)) {
        await response.body.cancel();
        throw new MediaResolutionError(`The image URL served ${mimeType || 'no content type'}, which is not an accepted image type.`);
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read().catch(() => {
          throw new MediaResolutionError(deadline.aborted ? 'The image download timed out.' : 'The image download failed.');
        });
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw new MediaResolutionError(`The image is larger than ${maxBytes} bytes.`);
        }
        chunks.push(value);
      }
      const bytes = concatBytes(chunks, size);
      return { mimeType, data: toBase64(bytes) };
    }
  };
}
