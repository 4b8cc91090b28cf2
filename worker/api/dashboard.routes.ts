// GET /api/dashboard: tenant KPIs from the current plan snapshot (built at refresh), with the top
// open actions and this week's ROI. Every signed-in role may read it.
import { createRoute } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/validate';
import { dashboardBody, dashboardSnapshotFor, withAge } from '../planning/dashboard';
import { DashboardSchema } from './planning.schemas';
import { cachedView, DASHBOARD_CACHE_SECONDS, etagOf, tagged } from './view-cache';
import { isolateCache } from '../lib/isolate-cache';
import { roundForApi } from '../lib/serialize';
import type { DashboardBody } from '../planning/dashboard';

// The built body (rounded for the wire) and the ETag of its stable part, per isolate, tenant, role
// and snapshot version: a hit costs one small stringify. Fresh for DASHBOARD_CACHE_SECONDS (its top
// actions and ROI are live); after that the first request to see it stale rebuilds it in its own
// request while the others keep answering the last body (up to STALE_MS), so concurrent readers never
// all run the live queries at once. A committed change of the tenant forgets it at once.
const STALE_MS = 5 * 60_000;
const kept = isolateCache<{ body: DashboardBody; etag: string; at: number }>({ ttlMs: STALE_MS, max: 1_000 });
/** Keys being rebuilt in this isolate, with when the rebuild started (a flag, never a shared promise). */
const rebuilding = new Map<string, number>();

export const dashboardRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['planning'],
    summary:
      'Dashboard KPIs: inventory value, value expiring in 30/60/90 days, certain loss, projected stock-outs, reorder value, recoverable waste, capital at risk by warehouse, counts by status, top stock-outs, waste and actions, this week’s ROI.',
    responses: {
      200: { description: 'The dashboard', content: { 'application/json': { schema: DashboardSchema } } },
      304: { description: 'Not modified (If-None-Match matched the ETag)' },
      ...problemResponses,
    },
  }),
  async (c) => {
    const { tenantId, role } = c.get('auth');
    const snap = await dashboardSnapshotFor(c.env, c.get('db'), tenantId);
    // Cached per tenant, role and snapshot version (isolate, then Cache API); the age is set on every answer.
    const key = `${role}:${snap.version}`;
    const flag = `${tenantId}\u0000${key}`;
    const build = async () => {
      const body = roundForApi(
        await cachedView(c, 'dashboard', snap.version, {}, DASHBOARD_CACHE_SECONDS, () => dashboardBody(c.get('db'), tenantId, snap)),
      ) as DashboardBody;
      const { ageSeconds: _age, ...stable } = body.snapshot;
      return { body, etag: await etagOf({ ...body, snapshot: stable }), at: Date.now() };
    };
    let entry = await kept.get(tenantId, key, build);
    const now = Date.now();
    // Stale: this request rebuilds unless another one started less than 30 s ago (then the last body answers).
    if (now - entry.at > DASHBOARD_CACHE_SECONDS * 1000 && now - (rebuilding.get(flag) ?? 0) > DASHBOARD_CACHE_SECONDS * 1000) {
      rebuilding.set(flag, now);
      try {
        // Built first, then swapped in: meanwhile the others keep finding the last body.
        const fresh = await build();
        kept.forget(tenantId, key);
        entry = await kept.get(tenantId, key, async () => fresh);
      } finally {
        rebuilding.delete(flag);
      }
    }
    const { body: built, etag } = entry;
    const body = withAge(built);
    if (tagged(c, etag, body.snapshot)) return c.body(null, 304);
    return c.json(body, 200);
  },
);
