// Tenant settings and "sign in with your company" in a real browser, against a stub OpenID
// provider run here (the outside world): an administrator configures the provider on /settings,
// then a person signs in through it — authorization code with PKCE (S256), state and nonce — and
// lands on the page they asked for, with the role the provider gave.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiToken, launch, screenshot, seriousViolations, signIn, visit } from './browser';

const base = inject('baseUrl');
const CLIENT = 'lotwise-e2e';
const SECRET = 'stub-provider-client-secret';
let context: BrowserContext;
let page: Page;
let server: Server;
let issuer = '';
/** What the provider saw: the authorize request and the token exchange. */
const seen: { authorize?: URLSearchParams; token?: URLSearchParams; pkceOk?: boolean } = {};

const b64url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stub-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string; redirect: string }>();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
      });
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      seen.authorize = url.searchParams;
      const code = b64url(randomBytes(16));
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge')!,
        nonce: url.searchParams.get('nonce')!,
        redirect: url.searchParams.get('redirect_uri')!,
      });
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state')!);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', async () => {
        const form = new URLSearchParams(raw);
        seen.token = form;
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        seen.pkceOk =
          !!grant &&
          b64url(
            createHash('sha256')
              .update(form.get('code_verifier') ?? '')
              .digest(),
          ) === grant.challenge;
        if (!grant || !seen.pkceOk || form.get('client_secret') !== SECRET || form.get('redirect_uri') !== grant.redirect)
          return json(400, { error: 'invalid_grant' });
        const idToken = await new SignJWT({ email: 'sso.planner@acme.example', lotwise_role: 'planner', nonce: grant.nonce })
          .setProtectedHeader({ alg: 'RS256', kid: 'stub-1' })
          .setIssuer(issuer)
          .setAudience(CLIENT)
          .setSubject('stub-user-1')
          .setIssuedAt()
          .setExpirationTime('15m')
          .sign(privateKey);
        json(200, { id_token: idToken, token_type: 'Bearer', expires_in: 900 });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  context = await launch();
  page = await context.newPage();
});

afterAll(async () => {
  // Leave the tenant signing in with passwords only, as it started.
  const token = await apiToken(base, 'admin@acme.test').catch(() => null);
  if (token)
    await fetch(`${base}/api/tenant`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ oidc: null, currency: 'USD', settings: { holidayCalendar: 'none', actions: { approvalThreshold: 10000 } } }),
    });
  await context?.close();
  await new Promise((r) => server?.close(r));
});

describe('tenant settings', () => {
  it('lets an administrator set currency, threshold and the company provider; the secret is never shown back', async () => {
    await signIn(page, base, 'admin@acme.test', '/settings');
    const form = page.locator('form').filter({ has: page.locator('input[name=intent][value=tenant]') });
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel(/^Approval threshold/).fill('7500');
    await form.getByLabel('Holiday calendar (forecasts)').selectOption('korea');
    await form.getByLabel('Issuer URL').fill(issuer);
    await form.getByLabel('JWKS URL (https)').fill(`${issuer}/jwks`);
    await form.getByLabel('Client ID').fill(CLIENT);
    await form.getByLabel('Audience of the ID token').fill(CLIENT);
    await form.getByLabel('Claim holding the Lotwise role').fill('lotwise_role');
    await form.getByLabel('Client secret (optional)').fill(SECRET);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    await page.reload();
    const saved = page.locator('form').filter({ has: page.locator('input[name=intent][value=tenant]') });
    expect(await saved.getByLabel('Currency').inputValue()).toBe('EUR');
    expect(await saved.getByLabel(/^Approval threshold/).inputValue()).toBe('7500');
    expect(await saved.getByLabel('Holiday calendar (forecasts)').inputValue()).toBe('korea');
    expect(await page.getByTestId('sign-in-mode').textContent()).toContain(issuer);
    expect(await saved.getByLabel('Client secret (optional)').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    await screenshot(page, 'settings-tenant');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a planner the settings without a way to change them', async () => {
    await signIn(page, base, 'planner@acme.test', '/settings');
    const form = page.locator('form').filter({ has: page.locator('input[name=intent][value=tenant]') });
    expect(await form.getByLabel('Currency').isDisabled()).toBe(true);
    expect(await form.getByLabel('Holiday calendar (forecasts)').isDisabled()).toBe(true);
    expect(await form.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByLabel('Issuer URL').count()).toBe(0);
  });
});

describe('sign in with your company', () => {
  it('signs in through the provider with PKCE and returns to the page asked for, with the provider’s role', async () => {
    await page.context().clearCookies();
    await visit(page, `${base}/lots`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByPlaceholder('Company ID').fill('acme');
    await page.getByRole('button', { name: 'Continue' }).click();
    const go = page.getByRole('button', { name: /^Sign in with / });
    await go.waitFor();
    await screenshot(page, 'login-company');
    await Promise.all([page.waitForURL((u) => u.pathname === '/lots'), go.click()]);
    await page.locator('h1').waitFor();
    expect(await page.getByText('sso.planner@acme.example').count()).toBeGreaterThan(0);
    // The provider saw a proper code flow: S256 challenge, state and nonce, and our redirect URI.
    expect(seen.authorize?.get('code_challenge_method')).toBe('S256');
    expect(seen.authorize?.get('client_id')).toBe(CLIENT);
    expect(seen.authorize?.get('redirect_uri')).toBe(`${base}/login`);
    expect(seen.pkceOk).toBe(true);
    // A planner from the provider: no user administration.
    await visit(page, `${base}/settings`);
    expect(await page.getByTestId('user-row').count()).toBe(0);
  });

  it('refuses a return that this browser did not start (state mismatch)', async () => {
    await page.context().clearCookies();
    await visit(page, `${base}/login?code=forged&state=not-ours`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByRole('alert').textContent()).toContain('was not started here');
  });

  it('tells a person whose company has no provider to use their password', async () => {
    await visit(page, `${base}/login?company=demo`);
    expect(await page.getByRole('alert').textContent()).toContain('does not sign in through its own identity provider');
  });
});
