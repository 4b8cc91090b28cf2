import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './auth';
import { sha256Hex } from './hash';
import { badRequest, ProblemError } from './problem';
import { completeKey, findKey, releaseKey, reserveKey } from '../data/idempotency.repo';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A pending reservation older than this is assumed abandoned (the Worker died mid-request).
const PENDING_TTL_MS = 60_000;

/**
 * Idempotency-Key on every write: the first request reserves the key, its 2xx response is stored,
 * and a repeat with the same body replays it. Another body under the same key is 422.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (!key || !WRITE_METHODS.has(c.req.method)) return next();
  if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) throw badRequest('Idempotency-Key must be 1–255 visible ASCII characters.');
  const db = c.get('db');
  const tenantId = c.get('auth').tenantId;
  const body = await c.req.raw.clone().arrayBuffer();
  const prefix = new TextEncoder().encode(`${c.req.method} ${new URL(c.req.url).pathname}\n${c.get('auth').userId}\n`);
  const requestHash = await sha256Hex(new Uint8Array([...prefix, ...new Uint8Array(body)]));
  const now = Date.now();

  if (!(await reserveKey(db, tenantId, key, requestHash, now, now - PENDING_TTL_MS))) {
    const row = await findKey(db, tenantId, key);
    if (!row) throw new ProblemError(409, 'idempotency-in-progress', 'Retry: the key was just released.');
    if (row.requestHash !== requestHash)
      throw new ProblemError(422, 'idempotency-mismatch', 'This Idempotency-Key was used with a different request.');
    if (row.state === 'pending')
      throw new ProblemError(
        409,
        'idempotency-in-progress',
        'A request with this Idempotency-Key is still in progress.',
        undefined,
        {},
        { 'Retry-After': '1' },
      );
    return new Response(row.response, {
      status: row.status ?? 200,
      headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    });
  }

  await next();
  if (c.res.status >= 200 && c.res.status < 300) {
    const text = await c.res.clone().text();
    await completeKey(db, tenantId, key, c.res.status, text);
  } else {
    // Nothing took effect: release the key so the client may retry.
    await releaseKey(db, tenantId, key);
  }
};
