// GET /api/dashboard: tenant KPIs from the current plan snapshot (built at refresh), with the top
// open actions and this week's ROI. Every signed-in role may read it.
import { createRoute } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/validate';
import { dashboardBody, dashboardSnapshotFor, withAge } from '../planning/dashboard';
import { DashboardSchema } from './planning.schemas';
import { cachedView, DASHBOARD_CACHE_SECONDS, notModified } from './view-cache';

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
    const { tenantId } = c.get('auth');
    const snap = await dashboardSnapshotFor(c.env, c.get('db'), tenantId);
    // Cached per tenant, role and snapshot version; the age is set on every answer.
    const body = withAge(
      await cachedView(c, 'dashboard', snap.version, {}, DASHBOARD_CACHE_SECONDS, () => dashboardBody(c.get('db'), tenantId, snap)),
    );
    const { ageSeconds: _age, ...stable } = body.snapshot;
    if (await notModified(c, { ...body, snapshot: stable }, body.snapshot)) return c.body(null, 304);
    return c.json(body, 200);
  },
);
