// Company sign-in (OIDC authorization code + PKCE), for the web app's /login. No token needed:
// these are how one is obtained. The client secret never leaves the API.
import { createRoute, z } from '@hono/zod-openapi';
import { recordChange } from '../audit/record';
import { KEY_PATTERN } from '../lib/formats';
import { discover, exchangeCode, oidcTenant } from '../lib/oidc-login';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { json, OidcSignIn, OidcToken } from './schemas';
import { oidcClientOf } from './tenant.routes';

const tags = ['auth'];
const TenantParam = z.object({ tenant: z.string().regex(KEY_PATTERN).max(64) });

const config = createRoute({
  method: 'get',
  path: '/{tenant}',
  tags,
  summary: "A company's sign-in: issuer, client id and the provider's authorization endpoint (404 when the company has none).",
  request: { params: TenantParam },
  responses: { 200: json(OidcSignIn, 'The company sign-in'), ...problemResponses },
});

const Exchange = z.strictObject({
  code: z.string().min(1).max(4096),
  // RFC 7636 §4.1: 43–128 characters of [A-Za-z0-9-._~].
  codeVerifier: z.string().regex(/^[A-Za-z0-9\-._~]{43,128}$/, 'A PKCE code verifier (43–128 URL-safe characters).'),
  redirectUri: z.string().url().max(1000),
  nonce: z.string().min(16).max(200),
});
const token = createRoute({
  method: 'post',
  path: '/{tenant}/token',
  tags,
  summary: 'Exchange an authorization code (with its PKCE verifier) for a verified ID token, used as the bearer token.',
  request: { params: TenantParam, ...jsonBody(Exchange) },
  responses: { 200: json(OidcToken, 'The session token'), ...problemResponses },
});

export const oidcRoutes = createRouter()
  .openapi(config, async (c) => {
    const { tenant, issuer, client } = await oidcTenant(c.get('db'), c.req.valid('param').tenant, oidcClientOf);
    const { authorization_endpoint } = await discover(c.env, issuer);
    return c.json(
      { tenant: tenant.id, name: tenant.name, issuer, clientId: client.clientId, authorizationEndpoint: authorization_endpoint },
      200,
    );
  })
  .openapi(token, async (c) => {
    const db = c.get('db');
    const { tenant, client } = await oidcTenant(db, c.req.valid('param').tenant, oidcClientOf);
    const r = await exchangeCode(c.env, db, tenant, client, c.req.valid('json'));
    const p = r.principal;
    await recordChange(
      c.env,
      db,
      [],
      [{ actor: p.email, tenantId: p.tenantId, entity: 'user', id: p.userId, action: 'auth.login', data: { method: 'oidc' } }],
    );
    return c.json(
      { token: r.token, expiresAt: r.expiresAt, user: { id: p.userId, email: p.email, role: p.role, tenantId: p.tenantId } },
      200,
    );
  });
