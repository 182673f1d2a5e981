// A fetch-compatible function on undici's request() API (no WHATWG Request object, no fetch spec machinery), for the
// bench arm that measures what the gateway's `fetch` option can save. Bench only; not shipped.
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';

export function createUndiciRequestFetch() {
  const dispatcher = new Agent({ keepAliveTimeout: 60_000, connections: null, pipelining: 1 });
  return async function undiciRequestFetch(url, init = {}) {
    const { statusCode, headers, body } = await request(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      dispatcher,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
      else if (value !== undefined) responseHeaders.set(name, value);
    }
    return new Response(Readable.toWeb(body), { status: statusCode, headers: responseHeaders });
  };
}
