// The signed-in user's session: the API token lives only in an HttpOnly, Secure, SameSite=Lax
// cookie signed with SESSION_SECRET; the browser's scripts never see it. Each session carries a
// CSRF token that every form posts back.
import { createCookieSessionStorage, redirect, type RouterContextProvider, type Session } from 'react-router';
import { workerContext, type WebEnv } from './context.server';

import type { Role } from './roles';
import { serverT } from './lang.server';

export type { Role };

export interface SessionUser {
  /**
   * The identity the API rules decisions by (an action's proposedById: nobody approves their own
   * proposal). Absent from a session signed in before it was kept, until that session signs in again.
   */
  id?: string;
  email: string;
  role: Role;
  tenantId: string;
  tenantName: string;
  currency: string;
  timeZone: string;
}

export interface SessionData {
  token: string;
  user: SessionUser;
  csrf: string;
  /** When the API token stops being accepted (ms since epoch). */
  expiresAt: number;
  /** A company sign-in (OIDC) under way: state, nonce and PKCE verifier, never sent to the browser's scripts. */
  oidc: import('./oidc.server').PendingOidc;
}

const DEV_SECRET = 'lotwise-development-session-secret-not-for-production';
const MAX_AGE = 8 * 3600;

function storage(env: WebEnv) {
  const secret = env.SESSION_SECRET ?? (env.ENVIRONMENT === 'development' ? DEV_SECRET : undefined);
  if (!secret || secret.length < 32) throw new Error('SESSION_SECRET (32+ characters) is required outside development.');
  return createCookieSessionStorage<SessionData>({
    cookie: { name: '__lotwise', httpOnly: true, secure: true, sameSite: 'lax', path: '/', secrets: [secret], maxAge: MAX_AGE },
  });
}

export const envOf = (context: Readonly<RouterContextProvider>) => context.get(workerContext).env;

export async function getSession(request: Request, context: Readonly<RouterContextProvider>) {
  const s = storage(envOf(context));
  const session = await s.getSession(request.headers.get('Cookie'));
  return { session, commit: (x: Session<SessionData>) => s.commitSession(x), destroy: (x: Session<SessionData>) => s.destroySession(x) };
}

export const newCsrfToken = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
};

/** Where to come back to after signing in again: a local path only. */
export function safeNext(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}

export function loginRedirect(request: Request, headers?: HeadersInit, expired = false): never {
  const url = new URL(request.url);
  const next = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  throw redirect(`/login?next=${encodeURIComponent(next)}${expired ? '&expired=1' : ''}`, { headers });
}

export interface Signed {
  token: string;
  user: SessionUser;
  csrf: string;
}

/** The signed-in user, or a redirect to /login that brings them back here afterwards. */
export async function requireUser(request: Request, context: Readonly<RouterContextProvider>): Promise<Signed> {
  const { session, destroy } = await getSession(request, context);
  const token = session.get('token');
  const user = session.get('user');
  const csrf = session.get('csrf');
  if (!token || !user || !csrf) loginRedirect(request);
  if ((session.get('expiresAt') ?? 0) < Date.now()) loginRedirect(request, { 'Set-Cookie': await destroy(session) }, true);
  return { token, user, csrf };
}

/**
 * Form posts must come from this origin (Origin header, or Referer when a browser leaves Origin
 * out) and carry the session's CSRF token. Anything else is refused before the API is called.
 */
export function checkCsrf(request: Request, form: FormData, expected: string | undefined): void {
  const self = new URL(request.url);
  const origin = request.headers.get('Origin') ?? (request.headers.get('Referer') ? new URL(request.headers.get('Referer')!).origin : null);
  const hostOrigin = `${self.protocol}//${request.headers.get('Host') ?? self.host}`;
  const sameOrigin = origin !== null && (origin === self.origin || origin === hostOrigin);
  const token = form.get('csrf');
  if (!sameOrigin || !expected || typeof token !== 'string' || !timingSafeEqual(token, expected)) {
    throw new Response(serverT(request)('problem.csrf'), { status: 403 });
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
