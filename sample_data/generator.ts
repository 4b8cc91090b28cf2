/**
 * Seeded, deterministic sample-data generator for Lotwise.
 *
 * `generateTenant({ seed, anchorDate, profile })` returns plain rows whose keys are exactly the
 * import-template columns (see `ENTITY_COLUMNS`). It is a pure function: no I/O, no clock, no
 * locale — only a seeded PRNG (mulberry32) — so the same seed + anchor + profile give the same
 * rows (and, through `toCsv`, byte-identical CSV) in Node and in workerd alike.
 *
 * The generation model (seasonality, trends, promotions, intermittency, expiry mix) is
 * documented in docs/sample-data.md.
 */
import { isoOfDay, parseIsoDay, round2 } from './calendar';
import { makeCustomers } from './customers';
import { recentDemand, shapeDemand } from './demand';
import { makeLots } from './lots';
import { makeOrders } from './orders';
import { applyOverrides, makeProducts } from './products';
import { PROFILES } from './profiles';
import type { GenerateOptions, GenerationTruth, TenantData } from './rows';
import { makeShipments } from './shipments';
import { genContext } from './work';

export * from './rows';
export { PROFILE_NAMES } from './profiles';
export { Rng } from './rng';
export { csvField, tenantToCsv, toCsv } from './csv';

export function generateTenant(opts: GenerateOptions): TenantData {
  return generateTenantDetailed(opts).data;
}

/**
 * The tenant's rows and the truth behind them (patterns, seasons, promotions, scenarios, cadences,
 * planted anomalies), stage by stage: products, demand, customers, orders, recent demand,
 * overrides, lots, shipments. Errors: a non-finite seed, an unknown profile.
 */
export function generateTenantDetailed(opts: GenerateOptions): {
  data: TenantData;
  truth: GenerationTruth;
} {
  if (!Number.isFinite(opts.seed)) throw new Error('seed must be a finite number');
  const spec = PROFILES[opts.profile];
  if (!spec) throw new Error(`unknown profile "${String(opts.profile)}"`);
  const seed = Math.trunc(opts.seed);
  const anchor = parseIsoDay(opts.anchorDate);
  const ctx = genContext(spec, seed, anchor);
  const { start } = ctx;

  const skus = makeProducts(ctx);
  shapeDemand(ctx, skus);
  const customers = makeCustomers(ctx, skus);
  const { orderRows, anomalies, expectedDailyUnits, expectedBySkuCustomer } = makeOrders(ctx, skus, customers);
  const recent = recentDemand(ctx, skus, customers, orderRows);
  applyOverrides(ctx, skus, recent);
  const lotRows = makeLots(ctx, skus, recent);
  const shipmentRows = makeShipments(ctx, skus, recent);

  /* ---------------- assemble ---------------- */
  const customerRows = customers.map((c) => c.row).sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
  const data: TenantData = {
    warehouses: spec.warehouses.map((w) => ({ code: w.code, name: w.name, region: w.region })),
    products: skus.map((s) => s.row),
    lots: lotRows,
    customers: customerRows,
    orders: orderRows,
    inboundShipments: shipmentRows,
  };

  const firstLast = new Map<string, { first: string; last: string }>();
  for (const r of orderRows) {
    const fl = firstLast.get(r.customer_id);
    if (!fl) firstLast.set(r.customer_id, { first: r.order_date, last: r.order_date });
    else fl.last = r.order_date;
  }
  const truth: GenerationTruth = {
    profile: spec.id,
    seed,
    anchorDate: opts.anchorDate,
    historyStart: isoOfDay(start),
    historyEnd: isoOfDay(anchor - 1),
    skus: skus.map((s) => ({
      sku: s.row.sku,
      pattern: s.pattern,
      baseDailyUnits: round2(s.base),
      trendPerYear: s.trend,
      ...(s.launchIdx !== null ? { launchDate: isoOfDay(start + s.launchIdx) } : {}),
      season: s.season,
      promotions: s.promos.map((p) => ({ start: isoOfDay(start + p.start), end: isoOfDay(start + p.end), lift: p.lift })),
      stockScenario: s.scenario,
      customerIds: s.carriers.map((ci) => customers[ci].row.customer_id),
    })),
    customers: customers
      .map((c) => ({
        customer_id: c.row.customer_id,
        cadence: c.cadence.label,
        orderWeekdays: c.cadence.days.slice(),
        periodWeeks: c.cadence.period,
        lifecycle: c.lifecycle,
        firstOrderDate: firstLast.get(c.row.customer_id)?.first ?? null,
        lastOrderDate: firstLast.get(c.row.customer_id)?.last ?? null,
        buysFullCases: c.caseBuyer,
        skus: Array.from(c.rates.keys())
          .map((i) => skus[i].row.sku)
          .sort(),
      }))
      .sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1)),
    anomalies,
    expectedDailyUnits,
    expectedBySkuCustomer,
  };
  return { data, truth };
}

/** Seed used for the committed files and by the product's start-up seeding. */
export const DEFAULT_SEED = 20261121;
/** Anchor ("today") of the committed sample files. */
export const DEFAULT_ANCHOR = '2026-11-21';
