// Tenant settings an administrator edits on /settings (time zone, currency, approval threshold,
// the OIDC client with a write-only secret) and company sign-in: the authorization-code exchange
// with PKCE against the tenant's provider. The provider is the outside world: its discovery,
// token and JWKS endpoints are mocked; everything on our side runs for real.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, login, seedBasics } from '../helpers/api';

const ISSUER = 'https://login.acme-idp.example';
const JWKS_URL = `${ISSUER}/keys`;
const SECRET = 'acme-client-secret-value-1234';
const VERIFIER = 'v'.repeat(43) + 'erifier-0123456789';
const NONCE = 'nonce-0123456789abcdef';
let keys: CryptoKeyPair;
let jwk: JsonWebKey;

beforeAll(async () => {
  await seedBasics();
  keys = (await generateKeyPair('ES256', { extractable: true })) as CryptoKeyPair;
  jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' } as JsonWebKey;
});
afterEach(() => vi.restoreAllMocks());

const idToken = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience('lotwise-acme-web')
    .setSubject('u-7')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(keys.privateKey);

/** The provider: discovery, JWKS, and a token endpoint that checks the code, verifier and secret. */
const mockProvider = (claims: Record<string, unknown>) => {
  const seen: URLSearchParams[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `${ISSUER}/.well-known/openid-configuration`)
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: JWKS_URL,
      });
    if (url === JWKS_URL) return Response.json({ keys: [jwk] });
    if (url === `${ISSUER}/token`) {
      const form = new URLSearchParams(String(init?.body));
      seen.push(form);
      const ok = form.get('code') === 'good-code' && form.get('code_verifier') === VERIFIER && form.get('client_secret') === SECRET;
      return ok
        ? Response.json({ id_token: await idToken(claims), token_type: 'Bearer' })
        : Response.json({ error: 'invalid_grant' }, { status: 400 });
    }
    return real(input as RequestInfo, init);
  });
  return seen;
};

describe('tenant settings from the settings page', () => {
  it('changes time zone, currency and the approval threshold, keeps them across a service-level change, and refuses bad values', async () => {
    const admin = await login('admin@demo.test');
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { timeZone: 'Asia/Seoul', currency: 'krw', settings: { actions: { approvalThreshold: 2500000 } } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      settings: { actions: { approvalThreshold: 2500000, maxDiscount: 0.5 } },
    });
    // A later service-level change must not drop the thresholds kept beside it.
    await call('PATCH', '/api/tenant', { token: admin, body: { settings: { serviceLevels: { AX: 0.97 } } } });
    const t = await call('GET', '/api/tenant', { token: admin });
    expect(t.body.settings.actions.approvalThreshold).toBe(2500000);
    expect(t.body.settings.serviceLevels.AX).toBe(0.97);
    for (const bad of [
      { currency: 'XX1' },
      { currency: 'ABC' },
      { timeZone: 'Mars/Olympus' },
      { settings: { actions: { approvalThreshold: -1 } } },
    ])
      expect((await call('PATCH', '/api/tenant', { token: admin, body: bad })).status, JSON.stringify(bad)).toBe(422);
    await call('PATCH', '/api/tenant', { token: admin, body: { timeZone: 'UTC', currency: 'USD' } });
  });
});

describe('company sign-in (OIDC authorization code with PKCE)', () => {
  it('keeps the client secret write-only and answers the sign-in configuration without a token', async () => {
    const admin = await login('admin@acme.test');
    const set = await call('PATCH', '/api/tenant', {
      token: admin,
      body: {
        oidc: {
          issuer: ISSUER,
          jwksUrl: JWKS_URL,
          audience: 'lotwise-acme-web',
          clientId: 'lotwise-acme-web',
          roleClaim: 'lotwise_role',
          clientSecret: SECRET,
        },
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.oidc).toMatchObject({ clientId: 'lotwise-acme-web', clientSecretSet: true });
    expect(JSON.stringify(set.body)).not.toContain(SECRET);
    // Saving the form again with the secret left blank keeps it.
    await call('PATCH', '/api/tenant', {
      token: admin,
      body: { oidc: { issuer: ISSUER, jwksUrl: JWKS_URL, audience: 'lotwise-acme-web', roleClaim: 'lotwise_role' } },
    });
    expect((await call('GET', '/api/tenant', { token: admin })).body.oidc.clientSecretSet).toBe(true);
    mockProvider({});
    const cfg = await call('GET', '/api/auth/oidc/acme');
    expect(cfg.status).toBe(200);
    expect(cfg.body).toEqual({
      tenant: 'acme',
      name: 'Acme Provisions',
      issuer: ISSUER,
      clientId: 'lotwise-acme-web',
      authorizationEndpoint: `${ISSUER}/authorize`,
    });
    expect(JSON.stringify(cfg.body)).not.toContain(SECRET);
    // A company without company sign-in and an unknown one answer alike.
    expect((await call('GET', '/api/auth/oidc/demo')).status).toBe(404);
    expect((await call('GET', '/api/auth/oidc/nobody')).status).toBe(404);
  });

  it('exchanges the code with the verifier and the secret, and the ID token then works as the bearer token', async () => {
    const seen = mockProvider({ lotwise_role: 'planner', email: 'kim@acme.example', nonce: NONCE });
    const body = { code: 'good-code', codeVerifier: VERIFIER, redirectUri: 'https://app.example/login', nonce: NONCE };
    const r = await call('POST', '/api/auth/oidc/acme/token', { body });
    expect(r.status).toBe(200);
    // The id is the identity decisions go by (an action's proposedById), as for any company sign-in.
    expect(r.body.user).toEqual({ id: 'oidc:u-7', email: 'kim@acme.example', role: 'planner', tenantId: 'acme' });
    expect(seen[0].get('redirect_uri')).toBe('https://app.example/login');
    expect(seen[0].get('client_id')).toBe('lotwise-acme-web');
    const products = await call('GET', '/api/products', { token: r.body.token });
    expect(products.body.items.map((p: { sku: string }) => p.sku)).toEqual(['ACM-001']);
  });

  it('refuses a wrong code, a replayed nonce, a missing role, and a malformed verifier', async () => {
    const base = { code: 'good-code', codeVerifier: VERIFIER, redirectUri: 'https://app.example/login', nonce: NONCE };
    mockProvider({ lotwise_role: 'planner', nonce: NONCE });
    expect((await call('POST', '/api/auth/oidc/acme/token', { body: { ...base, code: 'stolen' } })).status).toBe(401);
    expect((await call('POST', '/api/auth/oidc/acme/token', { body: { ...base, nonce: 'another-nonce-0123456' } })).status).toBe(401);
    expect((await call('POST', '/api/auth/oidc/acme/token', { body: { ...base, codeVerifier: 'short' } })).status).toBe(422);
    vi.restoreAllMocks();
    mockProvider({ nonce: NONCE });
    expect((await call('POST', '/api/auth/oidc/acme/token', { body: base })).status).toBe(401);
  });
});
