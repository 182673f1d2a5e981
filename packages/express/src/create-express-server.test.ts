import { defaultReplayModels } from '@interlingua/gateway';
import express, { type Express } from 'express';
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressServer, expressServerOptions } from './create-express-server.js';
import { createInterlinguaRouter } from './create-interlingua-router.js';

// One app, served twice: by `http.createServer(app)` (what `app.listen` does) and by `createExpressServer(app)`.
// Every expectation about behaviour compares the second with the first, so Express itself says what is right.

type Seen = { requestPrototypeIsApps: boolean; responsePrototypeIsApps: boolean; isIncomingMessage: boolean; isServerResponse: boolean };

function buildApp(): { app: Express; sub: Express } {
  const app = express();
  app.disable('x-powered-by');
  app.use((request, response, next) => {
    response.set('x-before-gateway', `${request.method} ${request.path} ${request.get('x-probe') ?? ''}`);
    response.locals['seen'] = 'yes';
    next();
  });
  app.use(createInterlinguaRouter({ models: defaultReplayModels(), log: () => {} }));
  const sub = express();
  sub.get('/where', (request, response, next) => {
    // Inside a mounted sub-app Express switches the prototypes to the sub-app's, and back on the way out.
    response.set('x-sub', String(Object.getPrototypeOf(request) === sub.request && request.app === sub));
    next();
  });
  app.use('/sub', sub);
  app.get('/sub/where', (request, response) => {
    response.json({ app: request.app === app, parentPrototype: Object.getPrototypeOf(request) === app.request, path: request.path, baseUrl: request.baseUrl });
  });
  app.get('/echo', (request, response) => {
    response.json({ query: request.query, hostname: request.hostname, protocol: request.protocol, locals: response.locals['seen'], accepts: request.accepts(['json', 'html']) });
  });
  app.post('/boom', () => {
    throw new Error('boom');
  });
  return { app, sub };
}

const { app } = buildApp();
let plain: Server;
let fast: Server;
const seenByFast: Seen[] = [];
const seenByPlain: Seen[] = [];

const watch = (server: Server, into: Seen[]) =>
  server.prependListener('request', (request, response) => {
    into.push({
      requestPrototypeIsApps: Object.getPrototypeOf(request) === app.request,
      responsePrototypeIsApps: Object.getPrototypeOf(response) === app.response,
      isIncomingMessage: request instanceof IncomingMessage,
      isServerResponse: response instanceof ServerResponse,
    });
  });

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
let plainUrl: string;
let fastUrl: string;

beforeAll(async () => {
  plain = createServer(app);
  fast = createExpressServer(app, { requestTimeout: 12_345 });
  watch(plain, seenByPlain);
  watch(fast, seenByFast);
  [plainUrl, fastUrl] = await Promise.all([listen(plain), listen(fast)]);
});

afterAll(async () => {
  for (const server of [plain, fast]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const chat = (stream: boolean) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-probe': 'p' },
  body: JSON.stringify({ model: 'replay/claude', stream, messages: [{ role: 'user', content: 'Hello' }] }),
});

const CASES: [string, RequestInit][] = [
  ['/v1/chat/completions', chat(false)],
  ['/v1/chat/completions', chat(true)],
  ['/V1/Models/', {}],
  ['/healthz', {}],
  ['/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":' }],
  ['/echo?a=1&b=x&b=y', { headers: { accept: 'text/html' } }],
  ['/sub/where', {}],
  ['/nowhere', {}],
  ['/boom', { method: 'POST' }],
];

/** What a client sees, less what differs between two responses by nature (dates, ids, timings). */
async function observe(base: string, path: string, init: RequestInit) {
  const response = await fetch(base + path, init);
  const text = (await response.text())
    .replace(/"(id|created|system_fingerprint)":\s*("[^"]*"|\d+)/g, '"$1":"…"')
    .replace(/at [^\n]+/g, 'at …');
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !['date', 'etag', 'x-request-id', 'keep-alive', 'connection'].includes(name) && !name.startsWith('x-interlingua-')));
  return { status: response.status, headers, text };
}

describe('createExpressServer', () => {
  it('answers every request as http.createServer(app) does: the gateway, Express routes, sub-apps, 404s, errors', async () => {
    for (const [path, init] of CASES) {
      const [expected, actual] = await Promise.all([observe(plainUrl, path, init), observe(fastUrl, path, init)]);
      expect(actual, `${init.method ?? 'GET'} ${path}`).toEqual(expected);
    }
    const streamed = await observe(fastUrl, '/v1/chat/completions', chat(true));
    expect(streamed.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(streamed.headers['x-before-gateway']).toBe('POST /v1/chat/completions p');
    const sub = await observe(fastUrl, '/sub/where', {});
    expect(sub.headers['x-sub']).toBe('true');
    expect(JSON.parse(sub.text)).toEqual({ app: true, parentPrototype: true, path: '/sub/where', baseUrl: '' });
    expect(JSON.parse((await observe(fastUrl, '/echo?a=1', {})).text)).toMatchObject({ query: { a: '1' }, hostname: '127.0.0.1', protocol: 'http', locals: 'yes' });
  });

  it("creates each request and response with the app's prototypes already, so Express has none to change", () => {
    expect(seenByFast.length).toBeGreaterThan(CASES.length);
    for (const seen of seenByFast) expect(seen).toEqual({ requestPrototypeIsApps: true, responsePrototypeIsApps: true, isIncomingMessage: true, isServerResponse: true });
    // The control: a plain server's objects start with Node's prototypes, which Express then changes.
    expect(seenByPlain.length).toBe(CASES.length);
    for (const seen of seenByPlain) expect(seen).toEqual({ requestPrototypeIsApps: false, responsePrototypeIsApps: false, isIncomingMessage: true, isServerResponse: true });
  });

  it("keeps the caller's server options", () => {
    expect(fast.requestTimeout).toBe(12_345);
  });

  it('keeps everything on the prototypes it replaced, added before or after, and sub-apps mounted before or after', async () => {
    const other = express();
    const original = { request: other.request, response: other.response };
    Object.assign(original.request, { before: () => 'request before' });
    const early = express();
    early.get('/e', (request, response) => void response.json({ early: request.app === early, earlyPrototype: Object.getPrototypeOf(request) === early.request }));
    other.use('/early', early);
    const server = createExpressServer(other);
    Object.assign(original.request, { after: () => 'request after' });
    Object.assign(original.response, { shout(this: ServerResponse, text: string) { this.end(text.toUpperCase()); } });
    const late = express();
    late.get('/l', (request, response) => void response.json({ late: request.app === late }));
    other.use('/late', late);
    other.get('/x', (request, response) => {
      const extended = request as unknown as { before(): string; after(): string };
      (response as unknown as { shout(text: string): void }).shout(`${extended.before()} ${extended.after()} ${request.app === other}`);
    });
    const base = await listen(server);
    try {
      expect(await (await fetch(`${base}/x`)).text()).toBe('REQUEST BEFORE REQUEST AFTER TRUE');
      expect(await (await fetch(`${base}/early/e`)).json()).toEqual({ early: true, earlyPrototype: true });
      expect(await (await fetch(`${base}/late/l`)).json()).toEqual({ late: true });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives the same classes for an app again, and new ones if the app was given other prototypes since', () => {
    const other = express();
    const classes = expressServerOptions(other);
    expect(Object.getPrototypeOf(new classes.IncomingMessage(undefined as never))).toBe(other.request);
    expect(classes.ServerResponse.prototype).toBe(other.response);
    expect(expressServerOptions(other)).toBe(classes);
    other.request = Object.create(other.request);
    const again = expressServerOptions(other);
    expect(again).not.toBe(classes);
    expect(again.IncomingMessage.prototype).toBe(other.request);
  });
});
