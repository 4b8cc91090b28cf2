import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { anyJson, createRouter, pagination, problemResponses } from '../lib/validate';
import { listAlerts } from '../data/alerts.repo';

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['alerts'],
  summary:
    'Alerts raised by the planning refresh (critical stock, stock-outs before the next arrival, lots about to expire unsold), newest first.',
  request: {
    query: pagination.extend({ severity: z.enum(['info', 'warning', 'critical']).optional(), kind: z.string().max(50).optional() }),
  },
  responses: { 200: anyJson('{items, total, page, pageSize}'), ...problemResponses },
});

export const alertsRoutes = createRouter();
alertsRoutes.use('*', guard('planning:write'));
alertsRoutes.openapi(list, async (c) => c.json(await listAlerts(c.get('db'), c.get('auth').tenantId, c.req.valid('query')), 200));
