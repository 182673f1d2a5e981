/// <reference types="node" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedMediaResolver, MediaResolutionError } from './create-guarded-media-resolver.js';

let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const DNS: Record<string, string[]> = {
  'localhost.test': ['127.0.0.1'],
  'rebind.test': ['93.184.216.34', '10.0.0.5'],
  'public.test': ['93.184.216.34'],
};
const lookup = async (hostname: string) => {
  const addresses = DNS[hostname];
  if (!addresses) throw new Error('ENOTFOUND');
  return addresses;
};

describe('createGuardedMediaResolver', () => {
  const resolve = createGuardedMediaResolver({ lookup, timeoutMs: 2000 });

  it.each([
    () => `http://127.0.0.1:${port}/a.png`,
    () => `http://127.9.9.9:${port}/a.png`,
    () => `http://0.0.0.0:${port}/a.png`,
    () => `http://[::1]:${port}/a.png`,
    () => `http://[::ffff:127.0.0.1]:${port}/a.png`,
    () => `http://2130706433:${port}/a.png`,
    () => `http://0177.0.0.1:${port}/a.png`,
    () => `http://0x7f000001:${port}/a.png`,
    () => `http://0x7f.0.0.1:${port}/a.png`,
    () => `http://localhost.test:${port}/a.png`,
    () => 'http://10.1.2.3/a.png',
    () => 'http://172.16.5.5/a.png',
    () => 'http://192.168.0.1/a.png',
    () => 'http://100.64.1.1/a.png',
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://[fd00::1]/a.png',
    () => 'http://[fe80::1]/a.png',
    () => 'http://rebind.test/a.png',
    () => 'file:///etc/passwd',
    () => 'http://unknown-host.test/a.png',
  ])('refuses %#', async (url) => {
    await expect(resolve(url())).rejects.toBeInstanceOf(MediaResolutionError);
    expect(connections).toBe(0);
  });

  // More forms of the hostile targets, each refused with a message that says why, and still no connection made.
  it.each([
    [(): string => `http://127.255.255.254:${port}/a.png`, /may not be fetched/],
    [(): string => `http://127.1:${port}/a.png`, /may not be fetched/],
    [(): string => `http://0:${port}/a.png`, /may not be fetched/],
    [(): string => `http://017700000001:${port}/a.png`, /may not be fetched/],
    [(): string => `http://0x7f.0x0.0x0.0x1:${port}/a.png`, /may not be fetched/],
    [(): string => `http://[::]:${port}/a.png`, /may not be fetched/],
    [(): string => `http://[0:0:0:0:0:0:0:1]:${port}/a.png`, /may not be fetched/],
    [(): string => `http://[::ffff:7f00:1]:${port}/a.png`, /may not be fetched/],
    [(): string => 'http://10.255.255.255/a.png', /may not be fetched/],
    [(): string => 'http://172.31.255.255/a.png', /may not be fetched/],
    [(): string => 'http://[fdff:ffff::1]/a.png', /may not be fetched/],
    [(): string => 'http://[febf::1]/a.png', /may not be fetched/],
    [(): string => 'http://[::ffff:169.254.169.254]/latest/meta-data/', /may not be fetched/],
    [(): string => 'gopher://127.0.0.1/a', /Only http and https/],
  ] as const)('refuses %# with a clear message', async (url, message) => {
    const error = await resolve(url()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaResolutionError);
    expect((error as Error).message).toMatch(message);
    expect(connections).toBe(0);
  });

  it('refuses a redirect to a private address, checked before following it', async () => {
    const redirecting = createGuardedMediaResolver({
      lookup,
      fetch: (async (url: URL) => {
        if (url.hostname === 'public.test') return new Response(null, { status: 302, headers: { location: `http://127.0.0.1:${port}/a.png` } });
        throw new Error(`unexpected fetch of ${url}`);
      }) as unknown as typeof fetch,
    });
    await expect(redirecting('http://public.test/a.png')).rejects.toThrow(/may not be fetched/);
    expect(connections).toBe(0);
  });

  it('fetches an allowed image, checking size and content type', async () => {
    const allowed = createGuardedMediaResolver({
      lookup,
      fetch: (async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } })) as unknown as typeof fetch,
    });
    await expect(allowed('https://public.test/a.png')).resolves.toEqual({ mimeType: 'image/png', data: 'AQID' });
    const tooBig = createGuardedMediaResolver({
      lookup,
      maxBytes: 2,
      fetch: (async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } })) as unknown as typeof fetch,
    });
    await expect(tooBig('https://public.test/a.png')).rejects.toThrow(/larger than 2 bytes/);
    const html = createGuardedMediaResolver({
      lookup,
      fetch: (async () => new Response('<html>', { headers: { 'content-type': 'text/html' } })) as unknown as typeof fetch,
    });
    await expect(html('https://public.test/a.png')).rejects.toThrow(/not an accepted image type/);
  });

  it('keeps to the allow-list', async () => {
    const listed = createGuardedMediaResolver({ lookup, allowHosts: ['*.example.com'] });
    await expect(listed('https://public.test/a.png')).rejects.toThrow(/allow-list/);
  });
});

// Runs last: the allowed fetch below is the only connection this file makes.
describe('createGuardedMediaResolver with allowInternalHosts (host:port named by the operator)', () => {
  it('still refuses loopback by default, another port of a named host, and another name of the same address', async () => {
    await expect(createGuardedMediaResolver({ lookup })(`http://127.0.0.1:${port}/a.png`)).rejects.toThrow(/may not be fetched/);
    const named = createGuardedMediaResolver({ lookup, allowInternalHosts: [`127.0.0.1:${port + 1}`] });
    await expect(named(`http://127.0.0.1:${port}/a.png`)).rejects.toThrow(/may not be fetched/);
    await expect(named(`http://localhost.test:${port + 1}/a.png`)).rejects.toThrow(/may not be fetched/);
    await expect(named('http://127.0.0.1/a.png')).rejects.toThrow(/may not be fetched/);
    await expect(named(`http://10.0.0.1:${port + 1}/a.png`)).rejects.toThrow(/may not be fetched/);
    expect(connections).toBe(0);
  });

  it('refuses a redirect from a named host to an unnamed internal one', async () => {
    const redirecting = createGuardedMediaResolver({
      lookup,
      allowInternalHosts: ['127.0.0.1:9'],
      fetch: (async (url: URL) => {
        if (url.port === '9') return new Response(null, { status: 302, headers: { location: `http://127.0.0.1:${port}/a.png` } });
        throw new Error(`unexpected fetch of ${url}`);
      }) as unknown as typeof fetch,
    });
    await expect(redirecting('http://127.0.0.1:9/a.png')).rejects.toThrow(/may not be fetched/);
    expect(connections).toBe(0);
  });

  it('rejects an entry without a port when the resolver is created', () => {
    expect(() => createGuardedMediaResolver({ lookup, allowInternalHosts: ['127.0.0.1'] })).toThrow(/must be host:port/);
    expect(() => createGuardedMediaResolver({ lookup, allowInternalHosts: ['127.0.0.1:9/path'] })).toThrow(/host:port/);
  });

  it('fetches from the named host:port (written in any form the URL parser normalises)', async () => {
    const named = createGuardedMediaResolver({ lookup, allowInternalHosts: [`127.0.0.1:${port}`] });
    await expect(named(`http://127.0.0.1:${port}/a.png`)).resolves.toEqual({ mimeType: 'image/png', data: 'iVBORw==' });
    await expect(named(`http://0x7f000001:${port}/b.png`)).resolves.toEqual({ mimeType: 'image/png', data: 'iVBORw==' });
    expect(connections).toBeGreaterThan(0);
  });
});
