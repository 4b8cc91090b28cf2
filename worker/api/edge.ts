// Request checks and headers that apply to every API route alike.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/auth';
import { DAY_OR_UTC_TIME, windowBound } from '../lib/formats';
import { badRequest, invalid } from '../lib/problem';

/** JSON answers load nothing and may not be framed. */
export const API_CSP = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** The API reference page: its own inline script and style only, calls to this origin only. */
export const docsCsp = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

interface Operation {
  parameters?: { in: string; name: string }[];
}
interface OpenApiDoc {
  paths?: Record<string, Record<string, Operation>>;
}
interface RouteQuery {
  method: string;
  pattern: RegExp;
  literal: number;
  allowed: Set<string>;
}

/** Paths whose route rejectUnknownQuery remembers per isolate. */
const ROUTE_MEMO_MAX = 2_000;

/** Routes outside the OpenAPI document: they take no query parameters. */
const UNDOCUMENTED = ['/api/health', '/api/docs', '/api/openapi.json'];

function routeTable(doc: OpenApiDoc): RouteQuery[] {
  const out: RouteQuery[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of Object.entries(ops)) {
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
      const allowed = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      out.push({ method: method.toUpperCase(), pattern, literal: path.replace(/\{[^}]+\}/g, '').length, allowed });
    }
  for (const path of UNDOCUMENTED)
    out.push({ method: 'GET', pattern: new RegExp(`^${path.replace(/\./g, '\\.')}$`), literal: path.length, allowed: new Set() });
  // The most literal template wins: /api/audit/verify before /api/audit/{x}.
  return out.sort((a, b) => b.literal - a.literal);
}

/**
 * A query parameter no route declares is a mistake (a misspelt filter silently returning
 * everything): 400 naming it. The allowed names come from the OpenAPI document, so a new route
 * is covered as soon as it declares its query schema.
 */
export function rejectUnknownQuery(document: () => unknown): MiddlewareHandler<AppEnv> {
  let table: RouteQuery[] | undefined;
  // The route of each method and path seen, so a repeated read does not try every route's pattern
  // (bounded: paths carry ids; the map starts over when full).
  const routes = new Map<string, RouteQuery | null>();
  const routeOf = (method: string, path: string): RouteQuery | undefined => {
    const key = `${method} ${path}`;
    let route = routes.get(key);
    if (route === undefined) {
      table ??= routeTable(document() as OpenApiDoc);
      route = table.find((r) => r.method === method && r.pattern.test(path)) ?? null;
      if (routes.size >= ROUTE_MEMO_MAX) routes.clear();
      routes.set(key, route);
    }
    return route ?? undefined;
  };
  return async (c, next) => {
    // Most requests carry no query: nothing to parse.
    const at = c.req.url.indexOf('?');
    const params = at < 0 ? undefined : new URLSearchParams(c.req.url.slice(at + 1));
    const names = params ? [...new Set(params.keys())] : [];
    if (params && names.length) {
      // The runtime hands over a normalised URL: its path runs from the first '/' after the origin to '?'.
      const route = routeOf(
        c.req.method === 'HEAD' ? 'GET' : c.req.method,
        c.req.url.slice(c.req.url.indexOf('/', c.req.url.indexOf('//') + 2), at),
      );
      const unknown = route ? names.filter((n) => !route.allowed.has(n)) : [];
      if (unknown.length)
        throw badRequest(
          `Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.${route!.allowed.size ? ` This route accepts: ${[...route!.allowed].join(', ')}.` : ' This route takes no query parameters.'}`,
          unknown.map((n) => ({
            path: n,
            field: n,
            code: 'unknown_parameter',
            message: 'Unknown query parameter.',
            messageKo: '알 수 없는 조회 조건입니다.',
            ...(route!.allowed.size ? { limit: { values: [...route!.allowed] } } : {}),
          })),
        );
      checkDateRange(params);
    }
    await next();
  };
}

/**
 * Every route's `from`/`to` window (orders, inbound, movements, exports, audit): a start after the
 * end is a mistake, not an empty answer, so 422 naming both. Only values written as dates or UTC
 * times count (the transfers view's `from`/`to` are warehouse codes); each route's own schema
 * still checks that a date is real.
 */
export function checkDateRange(q: URLSearchParams): void {
  const from = q.get('from');
  const to = q.get('to');
  if (!from || !to || !DAY_OR_UTC_TIME.test(from) || !DAY_OR_UTC_TIME.test(to)) return;
  if (windowBound(from, false) > windowBound(to, true))
    throw invalid(`The window starts after it ends: from ${from} is after to ${to}.`, [
      { path: 'from', value: from, message: 'After `to`.' },
      { path: 'to', value: to, message: 'Before `from`.' },
    ]);
}
