// Tokens that can be revoked, sign-in throttling a guesser cannot turn against the real user,
// nothing one tenant can learn about another, and secrets that stay write-only.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { ACCOUNT_CEILING, pairDelay } from '../../worker/api/auth.routes';
import { call, login, PASSWORD, seedBasics } from '../helpers/api';

const SECRET = new TextEncoder().encode('test-only-secret-0123456789abcdef0123456789');
const DEV_ISS = 'https://lotwise.local/development';
const AUD = 'lotwise-api';
const signIn = (email: string, password = PASSWORD, client = '198.51.100.1') =>
  call('POST', '/api/auth/login', { body: { email, password }, headers: { 'cf-connecting-ip': client } });
const me = (token: string) => call('GET', '/api/products', { token });

let admin: string;
beforeAll(async () => {
  await seedBasics();
  admin = await login('admin@demo.test');
});

describe('token revocation', () => {
  it('ends existing tokens on a password change', async () => {
    const created = await call('POST', '/api/users', {
      token: admin,
      body: { email: 'pw@demo.test', role: 'staff', password: 'first-password-123' },
    });
    const old = (await signIn('pw@demo.test', 'first-password-123')).body.token;
    expect((await me(old)).status).toBe(200);
    await call('PATCH', `/api/users/${created.body.id}`, { token: admin, body: { password: 'second-password-123' } });
    const r = await me(old);
    expect(r.status).toBe(401);
    expect(r.body.detail).toMatch(/revoked/);
    const fresh = (await signIn('pw@demo.test', 'second-password-123')).body.token;
    expect((await me(fresh)).status).toBe(200);
  });

  it('ends existing tokens on a disable, and re-enabling does not bring them back', async () => {
    const created = await call('POST', '/api/users', {
      token: admin,
      body: { email: 'off@demo.test', role: 'staff', password: 'a-password-12345' },
    });
    const old = (await signIn('off@demo.test', 'a-password-12345')).body.token;
    await call('PATCH', `/api/users/${created.body.id}`, { token: admin, body: { active: false } });
    expect((await me(old)).status).toBe(401);
    await call('PATCH', `/api/users/${created.body.id}`, { token: admin, body: { active: true } });
    expect((await me(old)).status).toBe(401);
    expect((await signIn('off@demo.test', 'a-password-12345')).status).toBe(200);
  });

  it('refuses a token older than the maximum age even when its exp is far away', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-admin')
      .setIssuer(DEV_ISS)
      .setAudience(AUD)
      .setIssuedAt(now - 28800 - 600)
      .setExpirationTime(now + 3600)
      .sign(SECRET);
    expect((await me(token)).status).toBe(401);
  });

  it('refuses a token it accepted before once its exp or its maximum age has passed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = (iat: number, exp: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('demo-admin')
        .setIssuer(DEV_ISS)
        .setAudience(AUD)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(SECRET);
    const shortLived = await token(now, now + 120);
    const longExp = await token(now, now + 30 * 86400);
    // Verified once and remembered by the isolate …
    expect((await me(shortLived)).status).toBe(200);
    expect((await me(longExp)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // … then 60 s of clock skew past exp: refused, as a first verification would refuse it.
      vi.setSystemTime((now + 120 + 61) * 1000);
      expect((await me(shortLived)).status).toBe(401);
      expect((await me(longExp)).status).toBe(200);
      // Past the configured lifetime (8 h) plus skew, whatever exp says.
      vi.setSystemTime((now + 28800 + 62) * 1000);
      expect((await me(longExp)).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a token issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-admin')
      .setIssuer(DEV_ISS)
      .setAudience(AUD)
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(SECRET);
    const r = await me(token);
    expect(r.status).toBe(401);
    expect(r.body.detail).toMatch(/future/);
  });

  it("reads tenant and role from the user record, not the token's claims", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'admin', tid: 'acme' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-staff')
      .setIssuer(DEV_ISS)
      .setAudience(AUD)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(SECRET);
    expect((await call('GET', '/api/users', { token })).status).toBe(403);
    const products = await me(token);
    expect(products.body.items.map((p: { sku: string }) => p.sku)).toContain('RAM-001');
    expect(products.body.items.map((p: { sku: string }) => p.sku)).not.toContain('ACM-001');
  });

  it('refuses in production a token issued under development', async () => {
    const devToken = await login('admin@demo.test');
    const prod = { ...env, ENVIRONMENT: 'production' };
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('http://lotwise.test/api/products', { headers: { authorization: `Bearer ${devToken}` } }),
      prod,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(401);
    const claims = JSON.parse(atob(devToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims.iss).toBe(DEV_ISS);
  });
});

describe('sign-in throttling', () => {
  it('grows the delay with each failure of one account from one client', () => {
    expect([0, 1, 2].map(pairDelay)).toEqual([0, 0, 0]);
    expect(pairDelay(3)).toBe(5_000);
    expect(pairDelay(4)).toBe(10_000);
    expect(pairDelay(7)).toBe(80_000);
    expect(pairDelay(30)).toBe(15 * 60_000);
  });

  it('lets the real user sign in from a clean client while the guessing client waits', async () => {
    const attacker = '203.0.113.66';
    for (let i = 0; i < 5; i++) {
      const r = await signIn('admin@demo.test', 'guess-' + i, attacker);
      if (r.status === 429) break;
      expect(r.status).toBe(401);
    }
    const blocked = await signIn('admin@demo.test', PASSWORD, attacker);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const victim = await signIn('admin@demo.test', PASSWORD, '198.51.100.20');
    expect(victim.status).toBe(200);
  });

  it('stops guessing spread over many clients at the per-account ceiling', async () => {
    await env.DB.prepare('INSERT INTO login_attempts (key, failures, window_start, locked_until) VALUES (?, ?, ?, 0)')
      .bind('acct:approver@demo.test', ACCOUNT_CEILING - 1, Date.now())
      .run();
    expect((await signIn('approver@demo.test', 'wrong', '192.0.2.1')).status).toBe(401);
    expect((await signIn('approver@demo.test', PASSWORD, '192.0.2.2')).status).toBe(429);
  });
});

describe('no cross-tenant enumeration', () => {
  it('creates a user whose email exists in another tenant without saying so; both sign in to their own tenant', async () => {
    const acmeAdmin = await login('admin@acme.test');
    const r = await call('POST', '/api/users', {
      token: acmeAdmin,
      body: { email: 'staff@demo.test', role: 'planner', password: 'acme-password-123' },
    });
    expect(r.status).toBe(201);
    const acme = await signIn('staff@demo.test', 'acme-password-123', '198.51.100.30');
    expect(acme.body.user).toEqual({ id: r.body.id, email: 'staff@demo.test', role: 'planner', tenantId: 'acme' });
    const demo = await signIn('staff@demo.test', PASSWORD, '198.51.100.30');
    expect(demo.body.user).toEqual({ id: 'demo-staff', email: 'staff@demo.test', role: 'staff', tenantId: 'demo' });
    const again = await call('POST', '/api/users', {
      token: acmeAdmin,
      body: { email: 'staff@demo.test', role: 'planner', password: 'acme-password-123' },
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('your organisation');
  });
});

describe('secrets and outbound URLs', () => {
  const webhook = 'https://hooks.example.com/services/T1/B2/secret-part';

  it('shows the webhook URL masked to admins and not at all to other roles', async () => {
    await call('PATCH', '/api/tenant', { token: admin, body: { settings: { alertWebhookUrl: webhook } } });
    const asAdmin = await call('GET', '/api/tenant', { token: admin });
    expect(asAdmin.body.settings.alertWebhookUrl).toBe('https://hooks.example.com/…');
    // Sending the masked value back (a settings form) keeps the stored URL.
    await call('PATCH', '/api/tenant', { token: admin, body: { settings: { alertWebhookUrl: 'https://hooks.example.com/…' } } });
    const stored = await env.DB.prepare("SELECT settings FROM tenants WHERE id = 'demo'").first<{ settings: string }>();
    expect(JSON.parse(stored!.settings).alertWebhookUrl).toBe(webhook);
    for (const email of ['staff@demo.test', 'auditor@demo.test', 'planner@demo.test']) {
      const r = await call('GET', '/api/tenant', { token: await login(email) });
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain('hooks.example.com');
    }
  });

  it.each([
    'http://idp.example.com/jwks.json',
    'https://10.0.0.1/jwks.json',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/jwks.json',
    'https://localhost/jwks.json',
    'https://2130706433/jwks.json',
    'https://0x7f000001/jwks.json',
    'https://idp.internal/jwks.json',
    'https://printer.local/jwks.json',
    'https://intranet/jwks.json',
  ])('refuses the JWKS URL %s', async (jwksUrl) => {
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { oidc: { issuer: 'https://idp.example.com', jwksUrl, audience: 'lotwise' } },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('oidc.jwksUrl');
  });

  it('accepts an https JWKS URL on a public host name', async () => {
    const r = await call('PATCH', '/api/tenant', {
      token: admin,
      body: {
        oidc: { issuer: 'https://idp.example.com', jwksUrl: 'https://login.example.com/.well-known/jwks.json', audience: 'lotwise' },
      },
    });
    expect(r.status).toBe(200);
    await call('PATCH', '/api/tenant', { token: admin, body: { oidc: null } });
  });
});
