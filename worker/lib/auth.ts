import { createLocalJWKSet, decodeJwt, errors, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { Context, MiddlewareHandler } from 'hono';
import { config, isDevelopment, type Env } from './env';
import { forbidden, ProblemError, unauthorized } from './problem';
import { can, isRole, type Permission, type Role } from './roles';
import { createDb, type Db } from '../data/db';
import { tenantsByOidcIssuer } from '../data/tenants.repo';
import { activeUser } from '../data/users.repo';
import { LRUCache } from 'lru-cache';
import { isolateCache } from './isolate-cache';

export interface Principal {
  userId: string;
  email: string;
  role: Role;
  tenantId: string;
}

export type AppEnv = { Bindings: Env; Variables: { auth: Principal; db: Db } };

// The HMAC key, imported once per secret per isolate (every request verifies a token with it).
// The key itself is kept, never a pending import: a request may not wait on another's work.
// Beside it, the tokens this isolate has already checked against that key: a token's signature is
// verified once, its time claims on every request (verifyLocal).
interface SigningKey {
  secret: string;
  key: CryptoKey;
  verified: LRUCache<string, JWTPayload>;
}
let hmacKey: SigningKey | undefined;
async function signingKey(env: Env): Promise<SigningKey> {
  const secret = config(env).JWT_SECRET;
  if (hmacKey?.secret === secret) return hmacKey;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  hmacKey = {
    secret,
    key,
    verified: new LRUCache({
      max: VERIFIED_TOKENS_MAX,
      ttl: VERIFIED_TOKEN_TTL_MS,
      // The clock is read on each get: a timer-cached "now" would start a timer per request.
      ttlResolution: 0,
    }),
  };
  return hmacKey;
}
const secretKey = async (env: Env) => (await signingKey(env)).key;

/** How many verified tokens an isolate remembers, and for how long (ms): ~300 bytes each. */
const VERIFIED_TOKENS_MAX = 5_000;
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;

/**
 * The issuer our tokens carry. A development deployment signs under its own issuer, so a token
 * minted there (demo logins, dev routes) is refused once the same secret runs in production.
 */
export const tokenIssuer = (env: Env) => (isDevelopment(env) ? `${config(env).JWT_ISSUER}/development` : config(env).JWT_ISSUER);

/** Accepted clock skew between Workers for `iat`, in seconds. */
const CLOCK_SKEW_S = 60;

export async function issueToken(env: Env, p: Principal & { tokenVersion: number }): Promise<string> {
  const c = config(env);
  return new SignJWT({ email: p.email, role: p.role, tid: p.tenantId, ver: p.tokenVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(p.userId)
    .setIssuer(tokenIssuer(env))
    .setAudience(c.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + c.JWT_TTL_SECONDS)
    .sign(await secretKey(env));
}

/**
 * How long an isolate trusts its last read of a user (active, role, token version), in ms. A
 * password change, disable or role change made through another isolate reaches this one within
 * this time; the isolate that made it forgets the tenant's cached users at once (recordChange).
 */
export const USER_CACHE_TTL_MS = 5_000;
const userCache = isolateCache<{ user: Awaited<ReturnType<typeof activeUser>> | null }>({ ttlMs: USER_CACHE_TTL_MS, max: 5_000 });

/** How long an isolate keeps a tenant's identity-provider keys (JWKS), and how soon an unknown key id may fetch them again. */
const JWKS_TTL_MS = 10 * 60_000;
const JWKS_REFETCH_AFTER_MS = 30_000;
// Kept per isolate as fetched documents: each miss fetches for its own request (a shared pending
// fetch would let one request continue on another's I/O, which Workers refuse).
const jwksDocs = isolateCache<{ keys: JSONWebKeySet; at: number }>({ ttlMs: JWKS_TTL_MS, max: 200 });

async function fetchJwks(url: string): Promise<{ keys: JSONWebKeySet; at: number }> {
  const r = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
  if (!r.ok) throw unauthorized('The identity provider’s signing keys could not be read.');
  const keys = (await r.json().catch(() => null)) as JSONWebKeySet | null;
  if (!keys || !Array.isArray(keys.keys)) throw unauthorized('The identity provider’s signing keys are malformed.');
  return { keys, at: Date.now() };
}

/**
 * Verifies one of our own HS256 tokens in full (jose's jwtVerify: signature, issuer, audience,
 * `exp`, maximum age) and remembers its claims for `remembered`, which verifyToken asks first: a
 * remembered token's `exp` and maximum age are checked on every request with jose's rules
 * (`exp > now − skew`, `now − iat − skew ≤ JWT_TTL_SECONDS`), so it expires exactly when a fresh
 * verification would refuse it. Throws jose's errors (turned into 401 by the caller).
 */
async function verifyLocal(env: Env, token: string): Promise<JWTPayload> {
  const c = config(env);
  const k = await signingKey(env);
  const { payload } = await jwtVerify(token, k.key, {
    algorithms: ['HS256'],
    issuer: tokenIssuer(env),
    audience: c.JWT_AUDIENCE,
    requiredClaims: ['exp', 'iat', 'iss', 'aud', 'sub'],
    // However far away `exp` is set, a token lives at most the configured lifetime.
    maxTokenAge: c.JWT_TTL_SECONDS,
    clockTolerance: CLOCK_SKEW_S,
  });
  k.verified.set(token, payload);
  return payload;
}

/** The claims of a token this isolate verified under the current secret, while its time claims still hold; else undefined. */
function remembered(env: Env, token: string, nowS: number): JWTPayload | undefined {
  const c = config(env);
  if (hmacKey?.secret !== c.JWT_SECRET) return undefined;
  const seen = hmacKey.verified.get(token);
  // Verified against this deployment's issuer and audience: another environment sharing the
  // secret (a development token in production) still goes through, and fails, full verification.
  return seen &&
    seen.iss === tokenIssuer(env) &&
    (Array.isArray(seen.aud) ? seen.aud.includes(c.JWT_AUDIENCE) : seen.aud === c.JWT_AUDIENCE) &&
    (seen.exp as number) > nowS - CLOCK_SKEW_S &&
    nowS - (seen.iat as number) - CLOCK_SKEW_S <= c.JWT_TTL_SECONDS
    ? seen
    : undefined;
}

/** The principal of a verified local token: from the user's row (active, role, tenant, token version), not the claims. */
async function localPrincipal(db: Db, payload: JWTPayload): Promise<Principal> {
  const sub = String(payload.sub);
  // Keyed by the token's tenant claim; the row's own tenant is what the request gets.
  const { user: u } = await userCache.get(String(payload.tid ?? ''), sub, async () => ({ user: (await activeUser(db, sub)) ?? null }));
  if (!u) throw unauthorized('The user no longer exists or is disabled.');
  // A password change or a disable bumps the version: every token issued before stops working.
  if (Number(payload.ver ?? 0) !== u.tokenVersion) throw unauthorized('The token was revoked; sign in again.');
  return { userId: u.id, email: u.email, role: u.role, tenantId: u.tenantId };
}

/** Verifies a bearer token: our own HS256 tokens, or a tenant's OIDC provider's when its issuer matches. */
export async function verifyToken(env: Env, db: Db, token: string): Promise<Principal> {
  // A token this isolate already verified skips decoding and the signature (its times are checked).
  const known = remembered(env, token, Math.floor(Date.now() / 1000));
  if (known) return localPrincipal(db, known);
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw unauthorized('The token is malformed.');
  }
  try {
    const nowS = Math.floor(Date.now() / 1000);
    // A token from the future was minted by a wrong clock or a forger; either way it is refused.
    if (typeof claims.iat === 'number' && claims.iat > nowS + CLOCK_SKEW_S) throw unauthorized('The token was issued in the future.');
    if (claims.iss === tokenIssuer(env)) {
      // The user must still exist and be active; role and tenant come from the database, not the token.
      return await localPrincipal(db, await verifyLocal(env, token));
    }
    if (typeof claims.iss !== 'string') throw unauthorized('The token has no issuer.');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const candidates = await tenantsByOidcIssuer(db, claims.iss);
    const t = candidates.find((x) => x.oidcAudience && audiences.includes(x.oidcAudience));
    if (!t?.oidcJwksUrl || !t.oidcAudience) throw unauthorized('Unknown token issuer.');
    const jwksUrl = t.oidcJwksUrl;
    const verifyWith = async (doc: { keys: JSONWebKeySet }) =>
      jwtVerify(token, createLocalJWKSet(doc.keys), {
        algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
        issuer: t.oidcIssuer!,
        audience: t.oidcAudience!,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        clockTolerance: CLOCK_SKEW_S,
      });
    const cached = await jwksDocs.get(t.id, jwksUrl, () => fetchJwks(jwksUrl));
    let verified: Awaited<ReturnType<typeof verifyWith>>;
    try {
      verified = await verifyWith(cached);
    } catch (e) {
      // A key id we do not hold: the provider may have rotated its keys. Fetch them again, at most
      // every 30 s, so tokens naming made-up key ids cannot make every request fetch.
      if (!(e instanceof errors.JWKSNoMatchingKey) || Date.now() - cached.at < JWKS_REFETCH_AFTER_MS) throw e;
      jwksDocs.forget(t.id, jwksUrl);
      verified = await verifyWith(await jwksDocs.get(t.id, jwksUrl, () => fetchJwks(jwksUrl)));
    }
    const { payload } = verified;
    const role = payload[t.oidcRoleClaim ?? 'role'];
    if (!isRole(role)) throw unauthorized('The identity provider gave no Lotwise role.');
    const email = typeof payload.email === 'string' ? payload.email : String(payload.sub);
    return { userId: `oidc:${payload.sub}`, email, role, tenantId: t.id };
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    throw unauthorized('The token is invalid or expired.');
  }
}

/** Requires a verified token; the tenant comes from it and nowhere else. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized();
  c.set('auth', await verifyToken(c.env, c.get('db'), match[1]));
  await next();
};

/** Route guard from the one role table. */
export const requirePermission =
  (permission: Permission): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!can(c.get('auth').role, permission)) throw forbidden();
    await next();
  };

/** Picks read or write permission by HTTP method, so no route is left unguarded. */
export const guard =
  (write: Permission): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const needed: Permission = ['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) ? 'read' : write;
    if (!can(c.get('auth').role, needed)) throw forbidden();
    await next();
  };

export const withDb: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('db', createDb(c.env));
  await next();
};

export const principal = (c: Context<AppEnv>) => c.get('auth');
