// Conditional GETs for the planning views: a strong ETag from the body (the snapshot a view is
// built from is versioned, so the same version gives the same bytes), 304 on If-None-Match, and
// private caching with a short life. Private and keyed by the caller's token: never shared across
// tenants or roles.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/auth';
import { sha256, toHex } from '../lib/hash';
import { isolateCache } from '../lib/isolate-cache';
import { isRounded, markRounded, roundForApi } from '../lib/serialize';

export const VIEW_CACHE_CONTROL = 'private, max-age=30, stale-while-revalidate=300';
/** How long a list page stays in the Cache API: its key names the snapshot version, so it never goes stale. */
export const LIST_CACHE_SECONDS = 86_400;
/** The dashboard also holds live parts (top open actions, this week's ROI): kept as long as a browser may keep it. */
export const DASHBOARD_CACHE_SECONDS = 30;

async function strongEtag(body: ArrayBuffer): Promise<string> {
  return `"${toHex((await sha256(body)).slice(0, 16))}"`;
}

/** True when an If-None-Match header names this ETag (or `*`); weak comparison as RFC 9110 §13.1.2 asks. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

export const viewCache: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  // A route that set its own ETag (servedView) already answered 304 where it should.
  if (c.req.method !== 'GET' || c.res.status !== 200 || c.res.headers.has('ETag')) return;
  const body = await c.res.clone().arrayBuffer();
  const etag = await strongEtag(body);
  const headers = new Headers(c.res.headers);
  headers.set('ETag', etag);
  headers.set('Cache-Control', VIEW_CACHE_CONTROL);
  headers.set('Vary', 'Authorization');
  if (etagMatches(c.req.header('if-none-match'), etag)) {
    headers.delete('content-type');
    headers.delete('content-length');
    c.res = new Response(null, { status: 304, headers });
    return;
  }
  const rounded = isRounded(c.res);
  c.res = new Response(body, { status: 200, headers });
  if (rounded) markRounded(c.res);
};

/**
 * Revalidation by ETag for a JSON answer whose body holds a moving part (a snapshot's age): the
 * strong ETag is taken over `basis` (the body without that part), so the same snapshot and live
 * rows give the same tag. Sets the ETag and freshness headers; true when If-None-Match matches
 * (the caller answers 304), false when the caller answers the body.
 */
export async function notModified(
  c: Context<AppEnv>,
  basis: unknown,
  snapshot: { version: string | number; ageSeconds: number },
): Promise<boolean> {
  return tagged(c, await etagOf(basis), snapshot);
}

/** The strong ETag of a JSON value (over its JSON text). */
export const etagOf = (basis: unknown) => strongEtag(new TextEncoder().encode(JSON.stringify(basis)).buffer as ArrayBuffer);

/** As notModified, with the ETag already computed (a body kept per isolate keeps its tag). */
export function tagged(c: Context<AppEnv>, etag: string, snapshot: { version: string | number; ageSeconds: number }): boolean {
  c.header('ETag', etag);
  c.header('Cache-Control', VIEW_CACHE_CONTROL);
  c.header('Vary', 'Authorization');
  c.header('X-Snapshot-Version', String(snapshot.version));
  c.header('X-Snapshot-Age', String(snapshot.ageSeconds));
  return etagMatches(c.req.header('if-none-match'), etag);
}

/** Where cached views live: one named cache for the API's views (the Cache API of the data centre). */
export const VIEW_CACHE_NAME = 'lotwise-views';

/**
 * The cache key of a view: tenant, role and snapshot version are all in it, so an entry is never
 * served to another tenant or role, and a new snapshot version is a new key (no purge needed).
 * The host is reserved (RFC 6761 `.invalid`): the key is never a URL anyone can request.
 */
export function viewCacheKey(k: {
  tenantId: string;
  role: string;
  version: number | string;
  view: string;
  query?: Record<string, unknown>;
}) {
  const q = Object.entries(k.query ?? {})
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `https://views.lotwise.invalid/${encodeURIComponent(k.tenantId)}/${encodeURIComponent(k.role)}/${k.version}/${k.view}?${q}`;
}

/**
 * A view body through the Cache API: the stored body of this tenant, role, version and query when
 * there is one, else `build()` stored for `ttlSeconds`. Bodies are the handler's JSON; what moves
 * without a new version (a snapshot's age) is set by the caller after. A cache failure only costs
 * the rebuild.
 */
export async function cachedView<T>(
  c: Context<AppEnv>,
  view: string,
  version: number | string,
  query: Record<string, unknown>,
  ttlSeconds: number,
  build: () => Promise<T>,
): Promise<T> {
  const { tenantId, role } = c.get('auth');
  const key = viewCacheKey({ tenantId, role, version, view, query });
  const cache = await caches.open(VIEW_CACHE_NAME).catch(() => null);
  const hit = await cache?.match(key).catch(() => undefined);
  if (hit) return (await hit.json()) as T;
  const body = await build();
  const stored = new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlSeconds}` },
  });
  await cache?.put(key, stored).catch((e) => console.error('view cache put failed', e));
  return body;
}

// Bodies of views as sent (rounded JSON text and its strong ETag), per isolate, keyed like the
// Cache API entry (tenant, role, snapshot version, query): a version's page never changes, so a
// hit needs no KV, Cache API or JSON work at all. Each request that misses builds its own (never a
// pending build shared between requests); a committed change of the tenant forgets its entries.
const bodies = new Map<number, ReturnType<typeof isolateCache<{ text: string; etag: string }>>>();
const bodiesFor = (ttlSeconds: number) => {
  const ttlMs = Math.min(ttlSeconds, 300) * 1000;
  let cache = bodies.get(ttlMs);
  if (!cache) {
    cache = isolateCache<{ text: string; etag: string }>({
      ttlMs,
      max: 2_000,
      maxSize: 16 * 1024 * 1024,
      sizeOf: (v) => v.text.length,
      immutable: true,
    });
    bodies.set(ttlMs, cache);
  }
  return cache;
};

/**
 * A view's answer as a Response: its body from this isolate (kept at most 5 minutes, or
 * `ttlSeconds` when shorter), else from the Cache API (cachedView), else `build()`; rounded for the
 * wire once, with a strong ETag over the exact bytes, private caching headers, and 304 on a
 * matching If-None-Match. Only for bodies that are fixed by (tenant, role, version, query): the
 * freshness headers (X-Snapshot-*) are set by the caller.
 */
export async function servedView(
  c: Context<AppEnv>,
  view: string,
  version: number | string,
  query: Record<string, unknown>,
  ttlSeconds: number,
  build: () => Promise<unknown>,
): Promise<Response> {
  const { tenantId, role } = c.get('auth');
  const key = viewCacheKey({ tenantId, role, version, view, query });
  const { text, etag } = await bodiesFor(ttlSeconds).get(tenantId, key, async () => {
    const body = await cachedView(c, view, version, query, ttlSeconds, async () => roundForApi(await build()));
    const text = JSON.stringify(body);
    return { text, etag: await strongEtag(new TextEncoder().encode(text).buffer as ArrayBuffer) };
  });
  c.header('ETag', etag);
  c.header('Cache-Control', VIEW_CACHE_CONTROL);
  c.header('Vary', 'Authorization');
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  // Rounded when it was built: the API's rounding pass sends it as it is.
  return markRounded(c.body(text, 200, { 'content-type': 'application/json' }));
}
