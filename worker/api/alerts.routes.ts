import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { recordChange } from '../audit/record';
import { notFound } from '../lib/problem';
import { createRouter, pagination, problemResponses } from '../lib/validate';
import { Alert, AlertDelivery, items, json, page } from './schemas';
import { alertAcknowledge, getAlert, listAlerts } from '../data/alerts.repo';
import { listDeliveries } from '../data/alert-channels.repo';

const tags = ['alerts'];
const idParam = z.object({ id: z.string().min(1).max(100) });

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary:
    'Alerts raised by the planning refresh (critical stock, stock-outs before the next arrival, lots about to expire unsold) and by failed jobs, newest first. `state=open` lists conditions that still hold.',
  request: {
    query: pagination.extend({
      severity: z.enum(['info', 'warning', 'critical']).optional(),
      kind: z.string().max(50).optional(),
      state: z.enum(['open', 'cleared']).optional(),
    }),
  },
  responses: { 200: json(page(Alert), 'A page of alerts'), ...problemResponses },
});

const router = createRouter();
router.use('*', guard('planning:write'));
// Each step names the router so far: route types accumulate into the export (AppType) while every
// handler keeps its own statement.
const listed = router.openapi(list, async (c) => c.json(await listAlerts(c.get('db'), c.get('auth').tenantId, c.req.valid('query')), 200));

const withDeliveries = listed.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/deliveries',
    tags,
    summary: 'Where an alert was sent: one row per channel with status, attempts and the receiver’s answer.',
    request: { params: idParam },
    responses: { 200: json(items(AlertDelivery), 'Deliveries'), ...problemResponses },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { tenantId } = c.get('auth');
    const db = c.get('db');
    const alert = await getAlert(db, id);
    if (!alert || alert.tenantId !== tenantId) throw notFound('Alert');
    return c.json({ items: await listDeliveries(db, tenantId, id) }, 200);
  },
);

export const alertsRoutes = withDeliveries.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/acknowledge',
    tags,
    summary: 'Acknowledge an alert (planner, admin): someone is on it. The first acknowledgement stands.',
    request: { params: idParam },
    responses: { 200: json(Alert, 'The alert'), ...problemResponses },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { tenantId, email: actor } = c.get('auth');
    const db = c.get('db');
    const before = await getAlert(db, id);
    if (!before || before.tenantId !== tenantId) throw notFound('Alert');
    await recordChange(
      c.env,
      db,
      [alertAcknowledge(db, tenantId, id, actor)],
      [
        {
          actor,
          tenantId,
          entity: 'alert',
          id,
          action: 'alert.acknowledge',
          data: { kind: before.kind, alreadyBy: before.acknowledgedBy },
        },
      ],
    );
    const { tenantId: _t, ...rest } = (await getAlert(db, id))!;
    return c.json(rest, 200);
  },
);
