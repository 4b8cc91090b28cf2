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
// and snapshot version, for as long as the Cache API keeps it: a hit costs one small stringify.
const kept = isolateCache<{ body: DashboardBody; etag: string }>({ ttlMs: DASHBOARD_CACHE_SECONDS * 1000, max: 1_000 });

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
    const { body: built, etag } = await kept.get(tenantId, `${role}:${snap.version}`, async () => {
      const body = roundForApi(
        await cachedView(c, 'dashboard', snap.version, {}, DASHBOARD_CACHE_SECONDS, () => dashboardBody(c.get('db'), tenantId, snap)),
      ) as DashboardBody;
      const { ageSeconds: _age, ...stable } = body.snapshot;
      return { body, etag: await etagOf({ ...body, snapshot: stable }) };
    });
    const body = withAge(built);
    if (tagged(c, etag, body.snapshot)) return c.body(null, 304);
    return c.json(body, 200);
  },
);
