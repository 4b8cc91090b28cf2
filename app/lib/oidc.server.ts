// "Sign in with your company" in the browser: the OIDC authorization-code flow with PKCE
// (RFC 7636, S256). The state, nonce and code verifier stay in the signed, HttpOnly session cookie;
// the API exchanges the code (and keeps any client secret) and answers with a verified ID token.
import type { RouterContextProvider } from 'react-router';
import { ApiProblem, apiFetcher } from './api.server';

const ORIGIN = 'https://api.internal';

export interface PendingOidc {
  tenant: string;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** When this attempt stops being accepted (ms since epoch). */
  until: number;
}

/** How long a sign-in at the provider may take before it must start again. */
const PENDING_MS = 10 * 60_000;

export interface CompanySignIn {
  tenant: string;
  name: string;
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = (n: number) => b64url(crypto.getRandomValues(new Uint8Array(n)));

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function callApi<T>(context: Readonly<RouterContextProvider>, request: Request, path: string, init?: RequestInit): Promise<T> {
  const res = await apiFetcher(context, request)(ORIGIN + path, init);
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) throw new ApiProblem(res.status, body as ApiProblem['body']);
  return body as T;
}

/** The company's sign-in, or null when it has none (or the company is unknown: the same answer). */
export async function companySignIn(context: Readonly<RouterContextProvider>, request: Request, tenant: string) {
  try {
    return await callApi<CompanySignIn>(context, request, `/api/auth/oidc/${encodeURIComponent(tenant)}`);
  } catch (e) {
    if (e instanceof ApiProblem && (e.status === 404 || e.status === 422 || e.status === 400)) return null;
    throw e;
  }
}

/** Where the provider sends the browser back: this app's /login (the loader finishes the sign-in). */
export const redirectUri = (request: Request) => `${new URL(request.url).origin}/login`;

/** Starts a sign-in: the pending attempt for the session and the provider URL to send the browser to. */
export async function startSignIn(request: Request, company: CompanySignIn, next: string) {
  const pending: PendingOidc = {
    tenant: company.tenant,
    state: random(24),
    nonce: random(24),
    verifier: random(48),
    next,
    until: Date.now() + PENDING_MS,
  };
  const url = new URL(company.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', company.clientId);
  url.searchParams.set('redirect_uri', redirectUri(request));
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await codeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { pending, location: url.toString() };
}

export interface SignedIn {
  token: string;
  expiresAt: number;
  user: { id: string; email: string; role: string; tenantId: string };
}

/** Finishes a sign-in: the state must match the pending attempt; the API exchanges and verifies. */
export async function finishSignIn(
  context: Readonly<RouterContextProvider>,
  request: Request,
  pending: PendingOidc | undefined,
  params: URLSearchParams,
): Promise<SignedIn | { error: string }> {
  if (!pending || pending.until < Date.now() || params.get('state') !== pending.state)
    return { error: 'This company sign-in was not started here or took too long. Start it again.' };
  const providerError = params.get('error');
  if (providerError) return { error: `Your company's sign-in said no (${providerError.slice(0, 80)}).` };
  const code = params.get('code');
  if (!code) return { error: 'The company sign-in came back without a code. Start it again.' };
  try {
    return await callApi<SignedIn>(context, request, `/api/auth/oidc/${encodeURIComponent(pending.tenant)}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, codeVerifier: pending.verifier, redirectUri: redirectUri(request), nonce: pending.nonce }),
    });
  } catch (e) {
    if (e instanceof ApiProblem)
      return {
        error: e.status === 401 ? (e.lang === 'ko' && e.body.detailKo) || e.body.detail || 'The company sign-in was refused.' : e.message,
      };
    throw e;
  }
}
