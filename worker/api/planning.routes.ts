// Tenant-wide planning views: the plan summary, reorders, stock-outs, expiring stock with its
// waste risk, insights and anomalies. Lists read today's plan snapshot (computed if missing).
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, pagination, problemResponses } from '../lib/validate';
import { businessKey } from '../lib/keys';
import { resolveKeys } from '../planning/keys';
import {
  anomalyPage,
  expiringBuckets,
  expiringPage,
  insightPage,
  overduePage,
  reorderPage,
  stockoutPage,
  transferPage,
} from '../planning/snapshot-views';
import { currentPlan, planMeta, recomputePlan, snapshotOf } from './plan-access';
import { LIST_CACHE_SECONDS, servedView } from './view-cache';
import {
  AnomalyPage,
  ExpiringPage,
  InsightPage,
  json,
  OverdueCustomerPage,
  PlanOverview,
  PlanRefreshed,
  ReorderPage,
  StockoutPage,
  TransferPage,
} from './schemas';

const tags = ['planning'];
const route = <P extends string, Q extends z.ZodObject, S extends z.ZodType>(path: P, summary: string, query: Q, schema: S) =>
  createRoute({ method: 'get', path, tags, summary, request: { query }, responses: { 200: json(schema, summary), ...problemResponses } });

const days = (d: number) => z.coerce.number().int().min(1).max(730).default(d);

export const planningRoutes = createRouter()
  .openapi(
    route(
      '/plan',
      'Plan totals: capital locked and at risk, status counts, recommended orders, waste by warehouse and expiry bucket.',
      z.object({}),
      PlanOverview,
    ),
    async (c) => {
      const p = await currentPlan(c);
      return c.json(
        {
          ...planMeta(p),
          totals: p.totals,
          waste: p.waste,
          transfers: p.counts.transfers,
          lateInboundDelay: p.lateInboundDelay,
          warnings: p.warnings,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/plan/refresh',
      tags,
      summary: 'Recompute the plan now from current data (planner, admin).',
      responses: { 200: json(PlanRefreshed, 'Plan totals'), ...problemResponses },
    }),
    async (c) => {
      const p = await recomputePlan(c);
      return c.json({ ...planMeta(p), totals: p.totals, warnings: p.warnings }, 200);
    },
  )
  .openapi(
    route(
      '/reorders',
      'Reorder recommendations, most urgent first, each with its explanation and confidence.',
      pagination.extend({
        action: z.enum(['order', 'none', 'do-not-order', 'all']).default('order'),
        class: z
          .string()
          .regex(/^[ABC][XYZ]$/)
          .optional(),
        // sku: one row per SKU (the sum of its warehouse orders); warehouse: one row per SKU and warehouse.
        level: z.enum(['sku', 'warehouse']).default('sku'),
        warehouse: businessKey.optional(),
      }),
      ReorderPage,
    ),
    async (c) => {
      const q = await resolveKeys(c.get('db'), c.get('auth').tenantId, c.req.valid('query'), { warehouse: 'warehouse' });
      const p = await currentPlan(c);
      return servedView(c, 'reorders', p.version, q, LIST_CACHE_SECONDS, async () => ({
        ...planMeta(p),
        ...(await reorderPage(snapshotOf(c, p), q, q.page, q.pageSize)),
      })) as never;
    },
  )
  .openapi(
    route(
      '/stockouts',
      'SKUs projected to run out within N days without a new order (in any warehouse; out of stock today included).',
      pagination.extend({ days: days(30) }),
      StockoutPage,
    ),
    async (c) => {
      const q = c.req.valid('query');
      const p = await currentPlan(c);
      return servedView(c, 'stockouts', p.version, q, LIST_CACHE_SECONDS, async () => ({
        ...planMeta(p),
        days: q.days,
        ...(await stockoutPage(snapshotOf(c, p), p.asOf, q.days, q.page, q.pageSize)),
      })) as never;
    },
  )
  .openapi(
    route(
      '/expiring',
      'Lots expiring within N days (soonest first) with expected unsold units, probability of waste and value at risk; q: text in the lot number, SKU or warehouse (totals are of the lots found).',
      pagination.extend({ days: days(30), warehouse: businessKey.optional(), q: z.string().trim().max(200).optional() }),
      ExpiringPage,
    ),
    async (c) => {
      const q = await resolveKeys(c.get('db'), c.get('auth').tenantId, c.req.valid('query'), { warehouse: 'warehouse' });
      const p = await currentPlan(c);
      return servedView(c, 'expiring', p.version, q, LIST_CACHE_SECONDS, async () => {
        const { totals, page } = await expiringPage(snapshotOf(c, p), p.asOf, q, q.page, q.pageSize);
        // Every window of the warehouse asked for (or the tenant), counted as the dashboard counts them.
        return { ...planMeta(p), days: q.days, totals, buckets: expiringBuckets(p, q.warehouse), ...page };
      }) as never;
    },
  )
  .openapi(
    route(
      '/insights',
      'Per-SKU status, capital locked and at risk, days of cover, lead-time deficit and aging lots; tenant totals.',
      pagination.extend({
        status: z.enum(['critical', 'warning', 'healthy']).optional(),
        sort: z.enum(['capitalAtRisk', 'daysOfCover', 'leadTimeDeficit', 'sku']).default('capitalAtRisk'),
      }),
      InsightPage,
    ),
    async (c) => {
      const q = c.req.valid('query');
      const p = await currentPlan(c);
      return servedView(c, 'insights', p.version, q, LIST_CACHE_SECONDS, async () => ({
        ...planMeta(p),
        totals: p.totals,
        ...(await insightPage(snapshotOf(c, p), q, q.page, q.pageSize)),
      })) as never;
    },
  )
  .openapi(
    route(
      '/anomalies',
      'The most surprising sales days, order lines and stock adjustments (calendar-aware), most surprising first.',
      pagination.extend({ kind: z.enum(['sales', 'order-line', 'adjustment']).optional(), sku: businessKey.optional() }),
      AnomalyPage,
    ),
    async (c) => {
      const q = await resolveKeys(c.get('db'), c.get('auth').tenantId, c.req.valid('query'), { sku: 'sku' });
      const p = await currentPlan(c);
      return servedView(c, 'anomalies', p.version, q, LIST_CACHE_SECONDS, async () => ({
        ...planMeta(p),
        ...(await anomalyPage(snapshotOf(c, p), q, q.page, q.pageSize)),
      })) as never;
    },
  )
  .openapi(
    route(
      '/transfers',
      'Recommended transfers: stock one warehouse is expected to waste that another needs, with the transfer lead time.',
      pagination.extend({ sku: businessKey.optional(), from: businessKey.optional(), to: businessKey.optional() }),
      TransferPage,
    ),
    async (c) => {
      const q = await resolveKeys(c.get('db'), c.get('auth').tenantId, c.req.valid('query'), {
        sku: 'sku',
        from: 'warehouse',
        to: 'warehouse',
      });
      const p = await currentPlan(c);
      return servedView(c, 'transfers', p.version, q, LIST_CACHE_SECONDS, async () => ({
        ...planMeta(p),
        ...(await transferPage(snapshotOf(c, p), q, q.page, q.pageSize)),
      })) as never;
    },
  )
  .openapi(
    route(
      '/overdue-customers',
      'Customers overdue on their buying cadence for any SKU (tenant-wide call list), most overdue first.',
      pagination.extend({ minOverdueDays: z.coerce.number().int().min(0).max(3650).default(0) }),
      OverdueCustomerPage,
    ),
    async (c) => {
      const q = c.req.valid('query');
      const p = await currentPlan(c);
      return servedView(c, 'overdue-customers', p.version, q, LIST_CACHE_SECONDS, async () => ({
        ...planMeta(p),
        ...(await overduePage(snapshotOf(c, p), q.minOverdueDays, q.page, q.pageSize)),
      })) as never;
    },
  );
