import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../gateway-exchange.js';
import { identifyResponseOwner, ownsStoredResponse } from './identify-response-owner.js';

const withHeaders = (headers: Record<string, string>): GatewayRequest => ({
  method: 'POST',
  path: '/v1/responses',
  header: (name) => headers[name] ?? null,
  body: null,
});

describe('identifyResponseOwner', () => {
  it('is the SHA-256 of the bearer credential, never the credential itself', async () => {
    // sha256("sk-tenant-a"), computed independently: printf %s sk-tenant-a | sha256sum
    const owner = await identifyResponseOwner(withHeaders({ authorization: 'Bearer sk-tenant-a' }));
    expect(owner).toBe('sha256:43b53901e1469bd75268ffbc35c6d9927badb376e0b829975797d34235dbc4a7');
    expect(owner).not.toContain('sk-tenant-a');
  });

  it('is the same for the same credential (cached or not), different for another, undefined without one', async () => {
    const a = await identifyResponseOwner(withHeaders({ authorization: 'Bearer sk-tenant-a' }));
    expect(await identifyResponseOwner(withHeaders({ authorization: '  bearer   sk-tenant-a ' }))).toBe(a);
    expect(await identifyResponseOwner(withHeaders({ authorization: 'Bearer sk-tenant-b' }))).not.toBe(a);
    expect(await identifyResponseOwner(withHeaders({}))).toBeUndefined();
    expect(await identifyResponseOwner(withHeaders({ authorization: 'Basic abc' }))).toBeUndefined();
  });

  it('a stored response belongs to the same owner only; an ownerless one to requesters without a credential', () => {
    expect(ownsStoredResponse({ owner: 'sha256:aa' }, 'sha256:aa')).toBe(true);
    expect(ownsStoredResponse({ owner: 'sha256:aa' }, 'sha256:bb')).toBe(false);
    expect(ownsStoredResponse({ owner: 'sha256:aa' }, undefined)).toBe(false);
    expect(ownsStoredResponse({}, undefined)).toBe(true);
    expect(ownsStoredResponse({}, 'sha256:aa')).toBe(false);
  });
});
