// Per-route request counters and latency histograms, kept per isolate and flushed to D1 in small
// batches (never one write per request), so the status page can show error counts and p95s.
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../lib/auth';
import { createDb } from '../data/db';
import { addRequestMetrics, type MetricRow } from '../data/status.repo';
import { bucketOf } from '../domain/latency';

export const METRIC_BUCKET_MS = 5 * 60_000;
// Each flush is a D1 write, and a write's commit holds up the writes queued behind it (decisions'
// projections): measured locally, one flush every 10 s put ~120 ms on one wave of approvals. The
// status page reads 5-minute buckets, so a minute's delay costs it nothing.
const FLUSH_EVERY_MS = 60_000;
const FLUSH_AT_ROWS = 200;

const pending = new Map<string, MetricRow>();
let lastFlush = Date.now();

function record(tenantId: string, method: string, route: string, status: number, ms: number, now: number) {
  const bucket = Math.floor(now / METRIC_BUCKET_MS) * METRIC_BUCKET_MS;
  const key = `${tenantId}\u0000${bucket}\u0000${method}\u0000${route}`;
  let row = pending.get(key);
  if (!row) {
    row = { tenantId, bucket, method, route, count: 0, errors4xx: 0, errors5xx: 0, totalMs: 0 };
    for (let i = 0; i < 12; i++) (row as Record<string, unknown>)[`h${i}`] = 0;
    pending.set(key, row);
  }
  row.count = (row.count ?? 0) + 1;
  if (status >= 500) row.errors5xx = (row.errors5xx ?? 0) + 1;
  else if (status >= 400) row.errors4xx = (row.errors4xx ?? 0) + 1;
  row.totalMs = (row.totalMs ?? 0) + ms;
  const h = `h${bucketOf(ms)}` as 'h0';
  row[h] = (row[h] ?? 0) + 1;
}

/** Writes what this isolate has counted so far. */
export async function flushRequestMetrics(env: { DB: D1Database }): Promise<void> {
  if (pending.size === 0) return;
  const rows = [...pending.values()];
  pending.clear();
  lastFlush = Date.now();
  try {
    await addRequestMetrics(createDb(env), rows);
  } catch (e) {
    console.error('request metrics flush failed', e);
  }
}

/** Counts every authenticated API request by its route pattern (never by raw path: ids stay out). */
export const requestMetrics: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  await next();
  const tenantId = c.get('auth')?.tenantId;
  if (!tenantId) return;
  const handler = matchedRoutes(c)
    .filter((r) => r.method !== 'ALL')
    .at(-1);
  const route = handler?.path ?? '(unmatched)';
  const now = Date.now();
  record(tenantId, c.req.method, route, c.res.status, now - started, now);
  if (pending.size >= FLUSH_AT_ROWS || now - lastFlush >= FLUSH_EVERY_MS) {
    const flushing = flushRequestMetrics(c.env);
    try {
      c.executionCtx.waitUntil(flushing);
    } catch {
      await flushing;
    }
  }
};
