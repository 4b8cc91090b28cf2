// Conditional GETs for the planning views: a strong ETag from the body (the snapshot a view is
// built from is versioned, so the same version gives the same bytes), 304 on If-None-Match, and
// private caching with a short life. Private and keyed by the caller's token: never shared across
// tenants or roles.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/auth';
import { sha256, toHex } from '../lib/hash';
import { isRounded, markRounded } from '../lib/serialize';

export const VIEW_CACHE_CONTROL = 'private, max-age=30, stale-while-revalidate=300';

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
  if (c.req.method !== 'GET' || c.res.status !== 200) return;
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
  const etag = await strongEtag(new TextEncoder().encode(JSON.stringify(basis)).buffer as ArrayBuffer);
  c.header('ETag', etag);
  c.header('Cache-Control', VIEW_CACHE_CONTROL);
  c.header('Vary', 'Authorization');
  c.header('X-Snapshot-Version', String(snapshot.version));
  c.header('X-Snapshot-Age', String(snapshot.ageSeconds));
  return etagMatches(c.req.header('if-none-match'), etag);
}
