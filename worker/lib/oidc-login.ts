// "Sign in with your company": the OpenID Connect authorization-code flow with PKCE (RFC 7636)
// against the tenant's configured issuer. The web app sends the browser to the provider and back;
// this side reads the provider's discovery document, exchanges the code (with the client secret
// when the tenant set one — it never leaves the API) and verifies the ID token with the same
// verifyToken every request uses (issuer, audience, signature from the JWKS, Lotwise role claim).
// The verified ID token is the session's bearer token, as in the OIDC mode of `auth.ts`.
import { decodeJwt } from 'jose';
import { eq } from 'drizzle-orm';
import type { Db } from '../data/db';
import { tenants } from '../data/schema';
import type { TenantRow } from '../data/tenants.repo';
import { verifyToken, type Principal } from './auth';
import { isDevelopment, type Env } from './env';
import { isPublicHttpsUrl } from './formats';
import { badRequest, notFound, ProblemError, unauthorized } from './problem';

export interface OidcClient {
  clientId: string;
  clientSecret?: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const discoveryCache = new Map<string, { at: number; doc: Discovery }>();

/**
 * The provider's endpoints must be https to a public host; a development deployment also accepts
 * plain http://localhost:<port> and http://127.0.0.1:<port> so a local stub provider can stand in
 * (browser tests); every other private, local or IP address stays refused.
 */
export function allowedProviderUrl(env: Env, raw: string): boolean {
  if (isPublicHttpsUrl(raw)) return true;
  if (!isDevelopment(env)) return false;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' && u.port !== '' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

const providerDown = (what: string) =>
  new ProblemError(502, 'identity-provider', `The identity provider's ${what} did not answer as expected.`);

/** The issuer's /.well-known/openid-configuration (cached 10 minutes); 502 when it is unusable. */
export async function discover(env: Env, issuer: string): Promise<Discovery> {
  const hit = discoveryCache.get(issuer);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.doc;
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    headers: { accept: 'application/json' },
  }).catch(() => null);
  if (!res?.ok) throw providerDown('discovery document');
  const doc = (await res.json().catch(() => null)) as Partial<Discovery> | null;
  if (
    !doc ||
    typeof doc.authorization_endpoint !== 'string' ||
    typeof doc.token_endpoint !== 'string' ||
    !allowedProviderUrl(env, doc.authorization_endpoint) ||
    !allowedProviderUrl(env, doc.token_endpoint)
  )
    throw providerDown('discovery document');
  const clean = { authorization_endpoint: doc.authorization_endpoint, token_endpoint: doc.token_endpoint };
  discoveryCache.set(issuer, { at: Date.now(), doc: clean });
  return clean;
}

/** The tenant's OIDC sign-in, or 404 (the same answer for an unknown tenant and one without OIDC). */
export async function oidcTenant(db: Db, tenantId: string, clientOf: (t: TenantRow) => OidcClient | null) {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  const client = t ? clientOf(t) : null;
  if (!t?.oidcIssuer || !client) throw notFound('Company sign-in');
  return { tenant: t, issuer: t.oidcIssuer, client };
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  nonce: string;
}

/**
 * Exchanges an authorization code at the provider's token endpoint and verifies the ID token:
 * signature (JWKS), issuer, audience, expiry, the nonce the web app sent, the tenant, a Lotwise
 * role. Returns the ID token (the bearer token from now on), the principal and its expiry (ms).
 * 401 for a refused code or token, 502 when the provider cannot be used.
 */
export async function exchangeCode(env: Env, db: Db, tenant: TenantRow, client: OidcClient, input: CodeExchange) {
  const { token_endpoint } = await discover(env, tenant.oidcIssuer!);
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    client_id: client.clientId,
    code_verifier: input.codeVerifier,
  });
  if (client.clientSecret) form.set('client_secret', client.clientSecret);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form,
  }).catch(() => null);
  if (!res) throw providerDown('token endpoint');
  const body = (await res.json().catch(() => null)) as { id_token?: unknown; error?: unknown } | null;
  if (res.status >= 400 && res.status < 500) throw unauthorized('The identity provider refused the sign-in; start again.');
  if (!res.ok || !body || typeof body.id_token !== 'string') throw providerDown('token endpoint');
  const idToken = body.id_token;
  const principal: Principal = await verifyToken(env, db, idToken);
  const claims = decodeJwt(idToken);
  if (principal.tenantId !== tenant.id) throw unauthorized('This sign-in belongs to another organisation.');
  if (claims.nonce !== input.nonce) throw unauthorized('The sign-in did not match this browser; start again.');
  if (typeof claims.exp !== 'number') throw badRequest('The ID token has no expiry.');
  return { token: idToken, principal, expiresAt: claims.exp * 1000 };
}
