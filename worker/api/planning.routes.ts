// Tenant-wide planning views: the plan summary, reorders, stock-outs, expiring stock with its
// waste risk, insights and anomalies. Lists read today's plan snapshot (computed if missing).
import { createRoute, z } from '@hono/zod-openapi';
import { addDays } from '../lib/formats';
import { anyJson, createRouter, pagination, problemResponses } from '../lib/validate';
import { loadLots } from '../data/planning.repo';
import { currentPlan, page, planMeta, recomputePlan } from './plan-access';

const tags = ['planning'];
const route = <Q extends z.ZodObject>(path: string, summary: string, query: Q) =>
  createRoute({ method: 'get', path, tags, summary, request: { query }, responses: { 200: anyJson(summary), ...problemResponses } });

const days = (d: number) => z.coerce.number().int().min(1).max(730).default(d);
const urgency = (a: string | null, b: string | null) => (a ?? '9999').localeCompare(b ?? '9999');

export const planningRoutes = createRouter();

planningRoutes.openapi(
  route(
    '/plan',
    'Plan totals: capital locked and at risk, status counts, recommended orders, waste by warehouse and expiry bucket.',
    z.object({}),
  ),
  async (c) => {
    const p = await currentPlan(c);
    return c.json({ ...planMeta(p), totals: p.totals, waste: p.waste, warnings: p.warnings }, 200);
  },
);

planningRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/plan/refresh',
    tags,
    summary: 'Recompute the plan now from current data (planner, admin).',
    responses: { 200: anyJson('Plan totals'), ...problemResponses },
  }),
  async (c) => {
    const p = await recomputePlan(c);
    return c.json({ ...planMeta(p), totals: p.totals, warnings: p.warnings }, 200);
  },
);

planningRoutes.openapi(
  route(
    '/reorders',
    'Reorder recommendations, most urgent first, each with its explanation and confidence.',
    pagination.extend({
      action: z.enum(['order', 'none', 'do-not-order', 'all']).default('order'),
      class: z
        .string()
        .regex(/^[ABC][XYZ]$/)
        .optional(),
    }),
  ),
  async (c) => {
    const q = c.req.valid('query');
    const p = await currentPlan(c);
    const rows = p.skus
      .filter((s) => (q.action === 'all' || s.reorder.action === q.action) && (!q.class || s.class === q.class))
      .sort(
        (a, b) =>
          urgency(a.reorder.projectedStockoutDate, b.reorder.projectedStockoutDate) ||
          b.reorder.stockoutProbability - a.reorder.stockoutProbability,
      )
      .map((s) => ({ name: s.name, class: s.class, status: s.status.status, ...s.reorder }));
    return c.json({ ...planMeta(p), ...page(rows, q.page, q.pageSize) }, 200);
  },
);

planningRoutes.openapi(
  route('/stockouts', 'SKUs projected to run out within N days without a new order.', pagination.extend({ days: days(30) })),
  async (c) => {
    const q = c.req.valid('query');
    const p = await currentPlan(c);
    const limit = addDays(p.asOf, q.days);
    const rows = p.skus
      .filter((s) => s.reorder.projectedStockoutDate !== null && s.reorder.projectedStockoutDate <= limit)
      .sort((a, b) => urgency(a.reorder.projectedStockoutDate, b.reorder.projectedStockoutDate))
      .map((s) => ({
        sku: s.sku,
        name: s.name,
        status: s.status.status,
        projectedStockoutDate: s.reorder.projectedStockoutDate,
        stockoutProbability: s.reorder.stockoutProbability,
        usableOnHand: s.reorder.usableOnHand,
        inboundUnits: s.reorder.inboundUnits,
        nextArrivalDate: s.reorder.nextArrivalDate,
        daysOfCover: s.insights.daysOfCover,
        recommendedOrder: s.reorder.quantity,
      }));
    return c.json({ ...planMeta(p), days: q.days, ...page(rows, q.page, q.pageSize) }, 200);
  },
);

planningRoutes.openapi(
  route(
    '/expiring',
    'Lots expiring within N days (soonest first) with expected unsold units, probability of waste and value at risk.',
    pagination.extend({ days: days(30), warehouse: z.string().max(64).optional() }),
  ),
  async (c) => {
    const q = c.req.valid('query');
    const p = await currentPlan(c);
    const limit = addDays(p.asOf, q.days);
    const risk = new Map(p.skus.flatMap((s) => s.waste.lots.map((l) => [l.lotId, l] as const)));
    const lots = (await loadLots(c.get('db'), c.get('auth').tenantId, { warehouse: q.warehouse }))
      .filter((l) => l.quantityOnHand > 0 && l.expirationDate <= limit)
      .sort((a, b) => a.expirationDate.localeCompare(b.expirationDate) || a.lotId.localeCompare(b.lotId))
      .map((l) => {
        const r = risk.get(l.lotId);
        const expired = l.expirationDate <= p.asOf;
        return {
          ...l,
          expired,
          expectedWasteUnits: expired ? l.quantityOnHand : (r?.expectedWasteUnits ?? null),
          probabilityOfWaste: expired ? 1 : (r?.probabilityOfWaste ?? null),
          valueAtRisk: expired ? l.quantityOnHand * l.unitCost : (r?.valueAtRisk ?? null),
          sellByDate: r?.sellByDate ?? null,
        };
      });
    const totals = lots.reduce(
      (t, l) => ({
        units: t.units + l.quantityOnHand,
        value: t.value + l.quantityOnHand * l.unitCost,
        valueAtRisk: t.valueAtRisk + (l.valueAtRisk ?? 0),
      }),
      { units: 0, value: 0, valueAtRisk: 0 },
    );
    return c.json({ ...planMeta(p), days: q.days, totals, buckets: p.waste.byBucket, ...page(lots, q.page, q.pageSize) }, 200);
  },
);

planningRoutes.openapi(
  route(
    '/insights',
    'Per-SKU status, capital locked and at risk, days of cover, lead-time deficit and aging lots; tenant totals.',
    pagination.extend({
      status: z.enum(['critical', 'warning', 'healthy']).optional(),
      sort: z.enum(['capitalAtRisk', 'daysOfCover', 'leadTimeDeficit', 'sku']).default('capitalAtRisk'),
    }),
  ),
  async (c) => {
    const q = c.req.valid('query');
    const p = await currentPlan(c);
    const rows = p.skus
      .filter((s) => !q.status || s.status.status === q.status)
      .map((s) => ({
        sku: s.sku,
        name: s.name,
        class: s.class,
        status: s.status,
        ...s.insights,
        aging: s.insights.aging.filter((a) => a.level !== 'none'),
      }));
    const key = q.sort;
    rows.sort((a, b) =>
      key === 'sku'
        ? a.sku.localeCompare(b.sku)
        : key === 'daysOfCover'
          ? (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity)
          : (b[key] as number) - (a[key] as number),
    );
    return c.json({ ...planMeta(p), totals: p.totals, ...page(rows, q.page, q.pageSize) }, 200);
  },
);

planningRoutes.openapi(
  route(
    '/anomalies',
    'Unusual sales days and stock adjustments (robust z-score), strongest first.',
    pagination.extend({ kind: z.enum(['sales', 'adjustment']).optional(), sku: z.string().max(64).optional() }),
  ),
  async (c) => {
    const q = c.req.valid('query');
    const p = await currentPlan(c);
    const rows = p.skus
      .flatMap((s) => s.anomalies)
      .filter((a) => (!q.kind || a.kind === q.kind) && (!q.sku || a.sku === q.sku))
      .sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));
    return c.json({ ...planMeta(p), ...page(rows, q.page, q.pageSize) }, 200);
  },
);
