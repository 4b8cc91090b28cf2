// Per-SKU and per-customer planning views: forecast with quantiles, who buys a SKU and how
// regularly, a customer's cadence, live FEFO order, and forecast-against-actual validation.
import { createRoute, z } from '@hono/zod-openapi';
import { businessKey } from '../lib/keys';
import { notFound } from '../lib/problem';
import { createRouter, pagination, problemResponses } from '../lib/validate';
import { CUSTOMER_SPEC } from '../data/catalog.specs';
import { getRow } from '../data/crud.repo';
import { loadDailyDemand, loadOrderLines, loadPromotions, skuPromotions, skuUnitsOrdered } from '../data/planning.repo';
import { keyFold } from '../lib/keys';
import { buyingCadence } from '../domain/cadence';
import { addDays } from '../domain/dates';
import { fefoFor } from '../planning/views';
import { validateHoldout } from '../domain/forecast/holdout';
import { promotionWindows } from '../domain/forecast/promotion-effect';
import { getTenant } from '../data/tenants.repo';
import { holidaysOf } from '../planning/holidays';
import { skuPage } from '../planning/snapshot-views';
import { resolveKey, resolveKeys } from '../planning/keys';
import { currentPlan, page, planMeta, skuPlan, snapshotOf, today } from './plan-access';
import { CustomerCadenceView, FefoOrder, ForecastValidationPage, json, SkuCustomerPage, SkuForecast } from './schemas';

const tags = ['planning'];
const key = businessKey;
const get = <T extends string, R extends { params?: z.ZodObject; query?: z.ZodObject }, S extends z.ZodType>(
  path: T,
  summary: string,
  request: R,
  schema: S,
) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    request,
    responses: { 200: json(schema, summary), ...problemResponses },
  });

export const skusRoutes = createRouter()
  .openapi(
    get(
      '/skus/{sku}/forecast',
      'Demand history, the daily forecast mean and p10/p50/p90, the chosen model and its backtest accuracy.',
      {
        params: z.object({ sku: key }),
        query: z.object({
          horizon: z.enum(['30', '60', '90']).default('90'),
          historyDays: z.coerce.number().int().min(0).max(1095).default(180),
        }),
      },
      SkuForecast,
    ),
    async (c) => {
      const sku = await resolveKey(c.get('db'), c.get('auth').tenantId, 'sku', c.req.valid('param').sku);
      const q = c.req.valid('query');
      const h = Number(q.horizon);
      const { plan, sku: s } = await skuPlan(c, sku);
      const [[demand], promotions] = await Promise.all([
        loadDailyDemand(c.get('db'), c.get('auth').tenantId, plan.asOf, [sku]),
        skuPromotions(
          c.get('db'),
          c.get('auth').tenantId,
          s.sku,
          addDays(plan.asOf, -q.historyDays),
          addDays(s.forecast.daily.startDate, h - 1),
        ),
      ]);
      const values = demand?.values ?? [];
      const keep = Math.min(values.length, q.historyDays);
      const f = s.forecast;
      return c.json(
        {
          ...planMeta(plan),
          sku,
          name: s.name,
          model: f.model,
          demandClass: f.demandClass,
          reason: f.reason,
          reasonKo: f.reasonKo,
          confidence: f.confidence,
          backtest: f.backtest ?? null,
          history: { startDate: addDays(plan.asOf, -keep), values: values.slice(values.length - keep) },
          forecast: {
            startDate: f.daily.startDate,
            mean: f.daily.mean.slice(0, h),
            p10: f.daily.p10.slice(0, h),
            p50: f.daily.p50.slice(0, h),
            p90: f.daily.p90.slice(0, h),
          },
          horizon: f.horizons.find((x) => x.days === h) ?? null,
          horizons: f.horizons,
          promotions,
        },
        200,
      );
    },
  )
  .openapi(
    get(
      '/skus/{sku}/customers',
      'Who buys this SKU, how often, and who is overdue.',
      { params: z.object({ sku: key }), query: pagination },
      SkuCustomerPage,
    ),
    async (c) => {
      const sku = await resolveKey(c.get('db'), c.get('auth').tenantId, 'sku', c.req.valid('param').sku);
      const q = c.req.valid('query');
      const { plan, sku: s } = await skuPlan(c, sku);
      // `share` of the engine is the customer's part of this SKU's units: named so in the answer.
      const rows = s.customers.map(({ share, ...x }) => ({ ...x, shareOfSkuUnits: share }));
      return c.json({ ...planMeta(plan), sku, ...page(rows, q.page, q.pageSize) }, 200);
    },
  )
  .openapi(
    get(
      '/customers/{id}/cadence',
      "A customer's buying cadence per SKU: median interval, next expected order, overdue or lapsed.",
      { params: z.object({ id: key }) },
      CustomerCadenceView,
    ),
    async (c) => {
      const db = c.get('db');
      const tenantId = c.get('auth').tenantId;
      const id = await resolveKey(db, tenantId, 'customer', c.req.valid('param').id);
      const customer = await getRow(db, CUSTOMER_SPEC, tenantId, id);
      if (!customer) throw notFound('Customer');
      const asOf = await today(c);
      const since = addDays(asOf, -365);
      const orders = await loadOrderLines(db, tenantId, since, { customerId: id });
      const rows = [...buyingCadence(orders, asOf).entries()].map(([sku, list]) => ({ sku, ...list.find((x) => x.customerId === id)! }));
      // Shares named for what they divide: this customer's part of each SKU's units (every customer's
      // orders of the SKU, as /api/skus/{sku}/customers), and the SKU's part of this customer's units.
      const skuUnits = await skuUnitsOrdered(
        db,
        tenantId,
        since,
        asOf,
        rows.map((r) => r.sku),
      );
      const customerUnits = rows.reduce((t, r) => t + r.units, 0);
      const skus = rows
        .map(({ share: _own, ...r }) => {
          const all = skuUnits.get(keyFold(r.sku)) ?? r.units;
          return {
            ...r,
            shareOfSkuUnits: all > 0 ? r.units / all : 0,
            shareOfCustomerUnits: customerUnits > 0 ? r.units / customerUnits : 0,
          };
        })
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.units - a.units);
      return c.json({ asOf, customerId: id, name: customer.name, overdue: skus.filter((s) => s.overdue).length, skus }, 200);
    },
  )
  .openapi(
    get(
      '/fefo',
      "Live FEFO order of sellable lots for a SKU (in a warehouse, under a customer's own shelf-life rule), with the reason for each rank and for each lot skipped.",
      {
        query: z.object({
          sku: key,
          warehouse: key.optional(),
          minRemainingDays: z.coerce.number().int().min(0).max(3650).optional(),
          // The customer's own shelf-life rule (and warehouse) when it has one.
          customerId: key.optional(),
        }),
      },
      FefoOrder,
    ),
    async (c) => {
      const db = c.get('db');
      const tenantId = c.get('auth').tenantId;
      const q = await resolveKeys(db, tenantId, c.req.valid('query'), { sku: 'sku', warehouse: 'warehouse', customerId: 'customer' });
      return c.json(await fefoFor(db, tenantId, q), 200);
    },
  )
  .openapi(
    get(
      '/forecast-validation',
      'Per-SKU holdout accuracy: each SKU forecast on history before the last N days, against what actually sold.',
      { query: pagination.extend({ holdoutDays: z.coerce.number().int().min(7).max(90).default(28), sku: key.optional() }) },
      ForecastValidationPage,
    ),
    async (c) => {
      const q = await resolveKeys(c.get('db'), c.get('auth').tenantId, c.req.valid('query'), { sku: 'sku' });
      const p = await currentPlan(c);
      const slice = await skuPage(snapshotOf(c, p), q.sku, q.page, q.pageSize);
      if (q.sku && !slice.total) throw notFound('SKU');
      const { tenantId } = c.get('auth');
      const skus = slice.items.map((s) => s.sku);
      const [demand, promotions, tenant] = await Promise.all([
        loadDailyDemand(c.get('db'), tenantId, p.asOf, skus),
        loadPromotions(c.get('db'), tenantId, p.asOf, skus),
        getTenant(c.get('db'), tenantId),
      ]);
      const bySku = new Map(demand.map((d) => [d.sku, d]));
      // The holidays and promotions the plan's forecasts used: the holdout judges the same forecast.
      const holidays = holidaysOf(tenant, p.asOf);
      const items = slice.items.map((s) => {
        const d = bySku.get(s.sku);
        const own = promotionWindows(promotions.filter((x) => x.sku === s.sku));
        const result = d ? validateHoldout(d, q.holdoutDays, { holidays, promotions: own }) : null;
        // The daily series are only worth their weight when one SKU is asked for.
        const holdout = result && !q.sku ? { ...result, actual: undefined, forecast: undefined } : result;
        return { sku: s.sku, name: s.name, planModel: s.forecast.model, backtest: s.forecast.backtest ?? null, holdout };
      });
      return c.json({ ...planMeta(p), holdoutDays: q.holdoutDays, ...slice, items }, 200);
    },
  );
