import { createRoute } from '@hono/zod-openapi';
import { forbidden } from '../lib/problem';
import { createRouter, problemResponses } from '../lib/validate';
import { json, TenantStatus } from './schemas';
import { tenantStatus } from '../status/status';
import { tenantObject } from '../lib/audit';

const router = createRouter();

// Operational detail (job outcomes, error counts) is for admins and auditors only.
router.use('*', async (c, next) => {
  if (!['admin', 'auditor'].includes(c.get('auth').role)) throw forbidden('Only admins and auditors see the status page.');
  await next();
});

export const statusRoutes = router.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['status'],
    summary:
      'Data freshness and health: last refresh and its age, recent job runs, import backlog and failures, dead letters, open alerts and failed deliveries, API requests, errors and p95 per route over the last hour, and this month’s Ask model calls (admin, auditor).',
    responses: { 200: json(TenantStatus, 'Status'), ...problemResponses },
  }),
  async (c) => {
    const { tenantId } = c.get('auth');
    const [status, model] = await Promise.all([tenantStatus(c.env, tenantId), tenantObject(c.env, tenantId).askStats()]);
    return c.json({ ...status, model }, 200);
  },
);
