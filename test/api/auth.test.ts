import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, PASSWORD, seedBasics } from '../helpers/api';

const SECRET = new TextEncoder().encode('test-only-secret-0123456789abcdef0123456789');
// Tests run as development, whose tokens carry their own issuer (refused in production).
const ISS = 'https://lotwise.local/development';
const AUD = 'lotwise-api';
const sign = (claims: Record<string, unknown>, build: (j: SignJWT) => SignJWT = (j) => j) =>
  build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('demo-admin').setIssuedAt()).sign(SECRET);

beforeAll(seedBasics);

describe('health and login', () => {
  it('answers health without a token', async () => {
    const r = await call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('signs in every demo user and returns id, role and tenant', async () => {
    for (const [email, role, tenantId] of [
      ['admin@demo.test', 'admin', 'demo'],
      ['staff@demo.test', 'staff', 'demo'],
      ['planner@acme.test', 'planner', 'acme'],
    ]) {
      const r = await call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
      expect(r.status).toBe(200);
      expect(r.body.user).toEqual({ id: `${tenantId}-${role}`, email, role, tenantId });
      expect(r.body.token.split('.')).toHaveLength(3);
    }
  });

  it('refuses a wrong password with problem+json', async () => {
    const r = await call('POST', '/api/auth/login', { body: { email: 'planner@demo.test', password: 'nope' } });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('slows a client that keeps failing for an account, even with the right password', async () => {
    const email = 'approver@demo.test';
    const headers = { 'cf-connecting-ip': '203.0.113.7' };
    for (let i = 0; i < 3; i++)
      expect((await call('POST', '/api/auth/login', { headers, body: { email, password: 'wrong' } })).status).toBe(401);
    const r = await call('POST', '/api/auth/login', { headers, body: { email, password: PASSWORD } });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('token verification', () => {
  const me = (token: string) => call('GET', '/api/products', { token });

  it('accepts a correctly signed token', async () => {
    expect((await me(await sign({}, (j) => j.setIssuer(ISS).setAudience(AUD).setExpirationTime('5m')))).status).toBe(200);
  });

  it.each([
    ['no exp', (j: SignJWT) => j.setIssuer(ISS).setAudience(AUD)],
    ['wrong audience', (j: SignJWT) => j.setIssuer(ISS).setAudience('someone-else').setExpirationTime('5m')],
    ['no audience', (j: SignJWT) => j.setIssuer(ISS).setExpirationTime('5m')],
    [
      'expired',
      (j: SignJWT) =>
        j
          .setIssuer(ISS)
          .setAudience(AUD)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60),
    ],
    ['unknown issuer', (j: SignJWT) => j.setIssuer('https://evil.example').setAudience(AUD).setExpirationTime('5m')],
  ])('rejects a token with %s', async (_name, build) => {
    const r = await me(await sign({}, build));
    expect(r.status).toBe(401);
    expect(r.body.status).toBe(401);
  });

  it('rejects alg none', async () => {
    const token = new UnsecuredJWT({}).setSubject('demo-admin').setIssuer(ISS).setAudience(AUD).setExpirationTime('5m').encode();
    expect((await me(token)).status).toBe(401);
  });

  it('rejects a bad signature', async () => {
    const good = await login('admin@demo.test');
    const [h, p, s] = good.split('.');
    const flipped = s.slice(0, -2) + (s.endsWith('AA') ? 'BB' : 'AA');
    expect((await me([h, p, flipped].join('.'))).status).toBe(401);
    const other = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-admin')
      .setIssuer(ISS)
      .setAudience(AUD)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect((await me(other)).status).toBe(401);
  });

  it('rejects missing and malformed bearer headers', async () => {
    expect((await call('GET', '/api/products')).status).toBe(401);
    expect((await call('GET', '/api/products', { headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
  });
});
