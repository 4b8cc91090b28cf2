// The API client for loaders and actions: hono/client typed by the API's AppType, over the
// service binding, with the session's token. A 401 ends the session and sends the user to /login
// (and back afterwards); any other problem becomes an ApiProblem with a sentence a person can read.
import { hc } from 'hono/client';
import type { RouterContextProvider } from 'react-router';
// Type-only: the API's declarations (tsc -p tsconfig.api-types.json), so this program keeps DOM types.
import type { AppType } from '@lotwise/api';
import { envOf, getSession, loginRedirect } from './session.server';
import { langOf } from './lang.server';
import { ApiProblem, problemSentence, type ProblemBody } from './problem.server';
import { apiJson } from './form-values';

const ORIGIN = 'https://api.internal';

export { ApiProblem, problemSentence, type ProblemBody } from './problem.server';

export function apiFetcher(context: Readonly<RouterContextProvider>, request: Request, token?: string) {
  const env = envOf(context);
  return (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const ip = request.headers.get('cf-connecting-ip');
    if (ip) headers.set('cf-connecting-ip', ip);
    return env.API.fetch(new Request(input instanceof Request ? input : String(input), { ...init, headers }));
  };
}

/** The typed client (routes whose routers are chained appear in AppType). */
export function typedClient(context: Readonly<RouterContextProvider>, request: Request, token?: string) {
  return hc<AppType>(ORIGIN, { fetch: apiFetcher(context, request, token) });
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface Api {
  get<T>(path: string, query?: Query): Promise<T>;
  /**
   * Every page of a paged list (`{items, total, page, pageSize}`) as one answer: the first page's
   * other fields (snapshot, totals) with all items. For pages that join lists by key, where one
   * page of each would silently drop rows past the first `pageSize` (the API's largest is 500).
   */
  all<P extends { items: unknown[]; total: number }>(path: string, query?: Query, pageSize?: number): Promise<P>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, headers?: HeadersInit): Promise<T>;
  raw(path: string, init?: RequestInit): Promise<Response>;
}

/** JSON calls with the signed-in user's token; paths are the API's (/api/...). */
export function api(context: Readonly<RouterContextProvider>, request: Request, token: string): Api {
  const fetcher = apiFetcher(context, request, token);
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetcher(ORIGIN + path, init);
    if (res.status === 401) {
      const { session, destroy } = await getSession(request, context);
      loginRedirect(request, { 'Set-Cookie': await destroy(session) }, true);
    }
    const text = await res.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) throw new ApiProblem(res.status, (body ?? {}) as ProblemBody, langOf(request));
    return body as T;
  };
  const get = <T>(path: string, query?: Query): Promise<T> => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return call(s ? `${path}?${s}` : path);
  };
  return {
    get,
    all: async <P extends { items: unknown[]; total: number }>(path: string, query: Query = {}, pageSize = 500): Promise<P> => {
      const first = await get<P>(path, { ...query, pageSize, page: 1 });
      const rest = await Promise.all(
        Array.from({ length: Math.ceil(first.total / pageSize) - 1 }, (_, i) => get<P>(path, { ...query, pageSize, page: i + 2 })),
      );
      return { ...first, items: [first, ...rest].flatMap((p) => p.items) };
    },
    send: (method, path, body, headers) =>
      call(path, {
        method,
        headers: { ...(body instanceof FormData ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body instanceof FormData ? body : body === undefined ? undefined : apiJson(body),
      }),
    raw: (path, init) => fetcher(ORIGIN + path, init),
  };
}

/** For loaders: an API problem becomes the page's error state, worded for a person. */
export async function load<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiProblem) throw new Response(problemSentence(e), { status: e.status });
    throw e;
  }
}
