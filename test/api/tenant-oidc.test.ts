import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, login, seedBasics } from '../helpers/api';

const ISSUER = 'https://idp.acme.example';
const JWKS_URL = 'https://idp.acme.example/.well-known/jwks.json';
let keys: CryptoKeyPair;
let jwk: JsonWebKey;

beforeAll(async () => {
  await seedBasics();
  keys = (await generateKeyPair('ES256', { extractable: true })) as CryptoKeyPair;
  jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' } as JsonWebKey;
});
afterEach(() => vi.restoreAllMocks());

// The identity provider is the outside world: only its JWKS endpoint is mocked.
const mockIdp = () => {
  const real = globalThis.fetch;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === JWKS_URL) return Response.json({ keys: [jwk] });
    return real(input as RequestInfo, init);
  });
};
const idpToken = (claims: Record<string, unknown>, aud = 'lotwise-acme') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(aud)
    .setSubject('u-42')
    .setExpirationTime('5m')
    .sign(keys.privateKey);

describe('tenant settings', () => {
  it('shows defaults to any role and lets only an admin change service levels', async () => {
    const planner = await login('planner@demo.test');
    const t = await call('GET', '/api/tenant', { token: planner });
    expect(t.body).toMatchObject({ id: 'demo', settings: { serviceLevels: { AX: 0.99, CZ: 0.9 } }, oidc: null });
    expect((await call('PATCH', '/api/tenant', { token: planner, body: { name: 'x' } })).status).toBe(403);
    const admin = await login('admin@demo.test');
    const changed = await call('PATCH', '/api/tenant', { token: admin, body: { settings: { serviceLevels: { AX: 0.995 } } } });
    expect(changed.body.settings.serviceLevels).toMatchObject({ AX: 0.995, AY: 0.98 });
    expect((await call('PATCH', '/api/tenant', { token: admin, body: { settings: { serviceLevels: { AX: 1.5 } } } })).status).toBe(422);
  });
});

describe('OIDC mode', () => {
  it("accepts the tenant's identity provider tokens with a Lotwise role claim, scoped to that tenant", async () => {
    const admin = await login('admin@acme.test');
    const set = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { oidc: { issuer: ISSUER, jwksUrl: JWKS_URL, audience: 'lotwise-acme', roleClaim: 'lotwise_role' } },
    });
    expect(set.status).toBe(200);
    mockIdp();
    const token = await idpToken({ lotwise_role: 'planner', email: 'pat@acme.example' });
    const products = await call('GET', '/api/products', { token });
    expect(products.status).toBe(200);
    expect(products.body.items.map((p: { sku: string }) => p.sku)).toEqual(['ACM-001']);
    expect((await call('GET', '/api/users', { token })).status).toBe(403);
  });

  it('rejects provider tokens with the wrong audience, no role, or an unknown role', async () => {
    mockIdp();
    expect((await call('GET', '/api/products', { token: await idpToken({ lotwise_role: 'planner' }, 'someone-else') })).status).toBe(401);
    expect((await call('GET', '/api/products', { token: await idpToken({}) })).status).toBe(401);
    expect((await call('GET', '/api/products', { token: await idpToken({ lotwise_role: 'superuser' }) })).status).toBe(401);
  });

  it('refuses a second tenant claiming the same issuer and audience, without naming the other tenant', async () => {
    const admin = await login('admin@demo.test');
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { oidc: { issuer: ISSUER, jwksUrl: JWKS_URL, audience: 'lotwise-acme' } },
    });
    expect(r.status).toBe(409);
    expect(JSON.stringify(r.body)).not.toMatch(/acme|another tenant|already/i);
  });

  it('lets two tenants share an issuer with their own audiences; the audience picks the tenant', async () => {
    const admin = await login('admin@demo.test');
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { oidc: { issuer: ISSUER, jwksUrl: JWKS_URL, audience: 'lotwise-demo', roleClaim: 'lotwise_role' } },
    });
    expect(r.status).toBe(200);
    mockIdp();
    const products = await call('GET', '/api/products', { token: await idpToken({ lotwise_role: 'planner' }, 'lotwise-demo') });
    expect(products.status).toBe(200);
    expect(products.body.items.map((p: { sku: string }) => p.sku)).toContain('RAM-001');
    expect(products.body.items.map((p: { sku: string }) => p.sku)).not.toContain('ACM-001');
    await call('PATCH', '/api/tenant', { token: admin, body: { oidc: null } });
  });
});
