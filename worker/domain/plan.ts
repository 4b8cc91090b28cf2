import { classifyAbcXyz, DEFAULT_CLASSIFICATION, weeklyCv } from './abc-xyz';
import {
  adjustmentAnomalies,
  calendarFactors,
  calendarWindows,
  orderLineAnomalies,
  rankAnomalies,
  salesAnomalies,
  type Anomaly,
} from './anomalies';
import { buyingCadence, overdueCustomers } from './cadence';
import { wholeDayProduct, wholeDaysUp } from './day-counts';
import { DEFAULT_LATE_DELAY_DAYS } from './inbound';
import { allocateSku } from './allocation';
import { networkReorder, networkStatus, networkWaste } from './network';
import { loosestRule, productSegment, shelfLifeSegments } from './shelf-life';
import { regionWarehouses, warehouseDemand } from './warehouse-demand';
import { forecastConfidence } from './confidence';
import { fromDay, toDay } from './dates';
import { rankFefo } from './fefo';
import { makeCalendar } from './forecast/calendar';
import { imputeCensored } from './forecast/censored';
import { forecastSeries, type SeriesForecast } from './forecast/forecast';
import { promotionWindows } from './forecast/promotion-effect';
import { dailyPath, horizonSummaries } from './forecast/summary';
import { skuInsights } from './insights';
import type { FefoView, ForecastSummary, PlanInput, PlanSettings, SkuPlan, TenantPlan, WarehousePlan } from './plan-types';
import { recommendReorder } from './reorder';
import { stockStatus } from './status';
import type { IsoDate, Lot, Product } from './types';
import { groupBy, historyOf, horizonFor, unknownSkus } from './plan-inputs';
import { median, round } from './stats';
import { simulateWasteRisk } from './waste';
import { rollUpWaste } from './waste-rollup';

export type { PlanInput, PlanSettings, SkuPlan, TenantPlan } from './plan-types';

export const DEFAULT_PLAN_SETTINGS: PlanSettings = {
  classification: DEFAULT_CLASSIFICATION,
  reviewPeriodDays: 7,
  wastePaths: 200,
  seed: 0,
  backtestOrigins: 4,
  anomalyLookbackDays: 28,
  lateInboundDelayDays: DEFAULT_LATE_DELAY_DAYS,
  transferLeadTimeDays: 2,
  anomalyLimit: 25,
};

/**
 * The whole planning run for one tenant as of a day: pure, deterministic, no I/O.
 * Each SKU is planned per warehouse (demand share, customers' shelf-life rules, FEFO, waste,
 * reorder, status), then allocated across the warehouses as one (transfers, orders net of them,
 * what is left for markdowns: allocation.ts) and rolled up to the network (network.ts).
 */
export function planTenant(input: PlanInput, asOf: IsoDate, settings: Partial<PlanSettings> = {}): TenantPlan {
  const s: PlanSettings = { ...DEFAULT_PLAN_SETTINGS, ...settings };
  const today = toDay(asOf);
  const known = new Set(input.products.map((p) => p.sku));
  const warnings = unknownSkus(input, known);
  // Products as given (explanations quote their day counts) once their day counts are valid.
  const products: Product[] = [];
  const whole = new Map<string, Product>();
  for (const raw of input.products) {
    try {
      whole.set(raw.sku, wholeDayProduct(raw));
      products.push(raw);
    } catch (e) {
      warnings.push(`product skipped: ${(e as Error).message}`);
    }
  }
  const lotsBySku = groupBy(input.lots, (l) => l.sku);
  const inboundBySku = groupBy(input.inbound, (x) => x.sku);
  const demandBySku = groupBy(input.demand, (d) => d.sku);
  const ordersBySku = groupBy(input.orders ?? [], (o) => o.sku);
  const promotionsBySku = groupBy(input.promotions ?? [], (x) => x.sku);
  const customers = new Map((input.customers ?? []).map((c) => [c.customerId, c]));
  const regionWh = regionWarehouses(input.warehouses ?? []);
  const tenantWarehouses = [...new Set([...(input.warehouses ?? []).map((w) => w.code), ...input.lots.map((l) => l.warehouse)])].sort();
  const fallbackWarehouse = tenantWarehouses[0] ?? 'network';
  const lateDelay = lateDelayOf(input.lateShipmentDelays, s.lateInboundDelayDays);
  const ownRules = (input.customers ?? [])
    .filter((c) => c.minRemainingShelfLifeDays !== null && c.minRemainingShelfLifeDays !== undefined)
    .map((c) => ({ customerId: c.customerId, minRemainingDays: wholeDaysUp(c.minRemainingShelfLifeDays ?? 0) }))
    .sort((a, b) => a.minRemainingDays - b.minRemainingDays || (a.customerId < b.customerId ? -1 : 1));
  const forecasts = new Map<string, { fc: SeriesForecast; history: Float64Array; start: number }>();
  for (const p of products) {
    const raw = historyOf(demandBySku.get(p.sku) ?? [], today);
    // Days that began out of stock and sold nothing are missing demand, not zero (censored.ts).
    const { y: history } = imputeCensored(raw.history, raw.stockedOut);
    const start = raw.start;
    const horizon = horizonFor(whole.get(p.sku)!, lotsBySku.get(p.sku) ?? [], today);
    const cal = makeCalendar('day', start, history.length + horizon);
    forecasts.set(p.sku, {
      fc: forecastSeries(history, cal, horizon, {
        origins: s.backtestOrigins,
        holidays: s.holidays,
        promotions: promotionWindows(promotionsBySku.get(p.sku) ?? []),
      }),
      history,
      start,
    });
  }
  const classes = classifyAbcXyz(
    products.map((p) => {
      const h = forecasts.get(p.sku)!.history;
      let units = 0;
      for (let i = Math.max(0, h.length - 365); i < h.length; i++) units += h[i];
      return { sku: p.sku, annualValue: units * p.unitPrice, cv: weeklyCv(h) };
    }),
    s.classification,
  );
  const cadence = buyingCadence(input.orders ?? [], asOf);
  const adjustments = groupBy(adjustmentAnomalies(input.adjustments ?? []), (a) => a.sku);
  const lineAnomalies = groupBy(orderLineAnomalies(input.orders ?? [], asOf, { lookbackDays: s.anomalyLookbackDays }), (a) => a.sku);
  const calendarWindow = tenantCalendar(forecasts, today, s.anomalyLookbackDays);
  const skus = products.map((p): SkuPlan => {
    const { fc, history, start } = forecasts.get(p.sku)!;
    const lots = lotsBySku.get(p.sku) ?? [];
    const inbound = inboundBySku.get(p.sku) ?? [];
    const cls = s.classes?.get(p.sku) ?? classes.get(p.sku)!;
    const forecast = summarise(fc, history.length, today);
    const serviceLevel = s.classification.serviceLevels[cls.class];
    const candidates = [
      ...new Set([...lots.map((l) => l.warehouse), ...inbound.flatMap((x) => (x.warehouse ? [x.warehouse] : []))]),
    ].sort();
    const split = warehouseDemand({
      lines: ordersBySku.get(p.sku) ?? [],
      asOf,
      customers,
      regionWarehouse: regionWh,
      lots,
      candidates,
      fallbackWarehouse,
    });
    const whs = [...new Set([...candidates, ...split.shares.keys()])].sort();
    const rules = new Map(
      whs.map((w) => {
        const units = split.units.get(w);
        const segs = units
          ? shelfLifeSegments(units, (id) => customers.get(id)?.minRemainingShelfLifeDays, p.minRemainingShelfLifeDays)
          : productSegment(p.minRemainingShelfLifeDays);
        return [w, segs] as const;
      }),
    );
    const parts = whs.map((w): WarehousePlan => {
      const share = split.shares.get(w) ?? 0;
      const mean = scaled(fc.mean, share);
      const wLots = lots.filter((l) => l.warehouse === w);
      // Inbound without a destination is allocated to the warehouses by demand share.
      const wInbound = inbound.flatMap((x) =>
        x.warehouse
          ? x.warehouse === w
            ? [x]
            : []
          : share > 0
            ? [{ ...x, quantity: x.quantity * share, quantityReceived: (x.quantityReceived ?? 0) * share }]
            : [],
      );
      const segments = rules.get(w)!;
      const reorder = recommendReorder({
        product: p,
        lots: wLots,
        inbound: wInbound,
        asOf,
        demandMean: mean,
        uncertainty: fc.uncertainty,
        serviceLevel,
        reviewPeriodDays: s.reviewPeriodDays,
        segments,
        lateDelayDays: lateDelay.days,
        warehouse: w,
        classLabel: cls.class,
        confidence: forecast.confidence,
      });
      const waste = simulateWasteRisk(
        {
          sku: p.sku,
          lots: wLots,
          asOf,
          minRemainingDays: p.minRemainingShelfLifeDays,
          segments,
          demandMean: mean,
          uncertainty: fc.uncertainty,
          alternatives: {
            customers: ownRules,
            warehouses: whs
              .filter((o) => o !== w && (split.shares.get(o) ?? 0) > 0)
              .map((o) => ({ warehouse: o, minRemainingDays: loosestRule(rules.get(o)!) })),
            transferLeadTimeDays: s.transferLeadTimeDays,
          },
        },
        { paths: s.wastePaths, seed: s.seed },
      );
      return {
        warehouse: w,
        demandShare: share,
        demandBasis: split.basis,
        shelfLifeRules: segments,
        status: stockStatus({
          usableOnHand: reorder.usableOnHand,
          safetyStock: reorder.safetyStock,
          meanDailyDemand: reorder.meanDailyDemand,
          stockoutProbability: reorder.stockoutProbability,
          serviceLevel,
          daysToNextArrival: toDay(reorder.nextArrivalDate) - today,
        }),
        reorder,
        waste,
        fefo: fefoView(wLots, asOf, loosestRule(segments)),
      };
    });
    // One allocation across the warehouses (allocation.ts): transfers, the orders net of them and
    // the lots' units left for markdowns, decided together.
    const cost = new Map(lots.map((l) => [`${l.warehouse}|${l.lotId}`, l.unitCost]));
    const allocation = allocateSku({
      sku: p.sku,
      sides: parts.map((x) => ({
        warehouse: x.warehouse,
        reorder: x.reorder,
        waste: x.waste,
        segments: x.shelfLifeRules,
        unitCost: (lotId: string) => cost.get(`${x.warehouse}|${lotId}`) ?? p.unitCost,
      })),
      asOf,
      transferLeadTimeDays: s.transferLeadTimeDays,
      product: p,
    });
    allocation.sides.forEach((a, i) => {
      parts[i].reorder = a.reorder;
      parts[i].waste = a.waste;
    });
    const transfers = allocation.transfers;
    const reorder = networkReorder(parts.map((x) => x.reorder));
    const waste = networkWaste(
      p.sku,
      parts.map((x) => x.waste),
    );
    return {
      sku: p.sku,
      name: p.name,
      forecast,
      classification: cls,
      status: networkStatus(parts),
      reorder,
      waste,
      insights: skuInsights({
        lots,
        inbound,
        reorder,
        waste,
        leadTimeDays: whole.get(p.sku)!.leadTimeDays,
        minRemainingDays: whole.get(p.sku)!.minRemainingShelfLifeDays,
        asOf,
        lateDelayDays: lateDelay.days,
      }),
      fefo: { ranked: parts.flatMap((x) => x.fefo.ranked), skipped: parts.flatMap((x) => x.fefo.skipped) },
      customers: cadence.get(p.sku) ?? [],
      anomalies: [
        ...salesAnomalies(
          { sku: p.sku, startDate: fromDay(start), values: Array.from(history) },
          { lookbackDays: s.anomalyLookbackDays, calendarWindow },
        ),
        ...(lineAnomalies.get(p.sku) ?? []),
        ...(adjustments.get(p.sku) ?? []),
      ],
      warehouses: parts,
      transfers,
    };
  });
  // Few enough to read: the tenant's most surprising anomalies only.
  const kept = new Set<Anomaly>(
    rankAnomalies(
      skus.flatMap((x) => x.anomalies),
      s.anomalyLimit,
    ),
  );
  for (const x of skus) x.anomalies = x.anomalies.filter((a) => kept.has(a)).sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));
  return {
    asOf,
    skus,
    waste: rollUpWaste(skus.map((x) => x.waste)),
    transfers: skus.flatMap((x) => x.transfers),
    overdueCustomers: overdueCustomers(cadence),
    lateInboundDelay: lateDelay,
    totals: totalsOf(skus, products),
    warnings,
  };
}

/** Median observed delay of late shipments (needs ≥ 3), else the default (docs/planning.md). */
export function lateDelayOf(delays: readonly number[] | undefined, fallback: number): { days: number; basis: 'history' | 'default' } {
  const xs = (delays ?? []).filter((d) => Number.isFinite(d) && d > 0);
  if (xs.length < 3) return { days: Math.max(1, Math.ceil(fallback)), basis: 'default' };
  return { days: Math.max(1, Math.ceil(median(xs))), basis: 'history' };
}

/** The tenant's calendar windows over the anomaly lookback (anomalies.ts). */
function tenantCalendar(
  forecasts: ReadonlyMap<string, { history: Float64Array; start: number }>,
  today: number,
  lookbackDays: number,
): (day: number) => [number, number] | null {
  const origin = today - lookbackDays - 7 * 9;
  const total = new Array<number>(today - origin).fill(0);
  for (const { history, start } of forecasts.values()) {
    for (let d = Math.max(origin, start); d < today; d++) {
      const v = history[d - start];
      if (v !== undefined) total[d - origin] += v;
    }
  }
  const f = calendarFactors(total);
  // Only the lookback is judged; earlier factors only served as baselines.
  for (let i = 0; i < f.length - lookbackDays; i++) f[i] = 1;
  return calendarWindows(f, origin);
}

function scaled(mean: ArrayLike<number>, share: number): Float64Array {
  const out = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) out[i] = mean[i] * share;
  return out;
}

function summarise(fc: SeriesForecast, historyDays: number, today: number): ForecastSummary {
  const mean90 = fc.mean.subarray(0, 90);
  const daily = dailyPath(mean90, fc.uncertainty, today);
  const backtest = fc.selection.scores.find((x) => x.model === fc.selection.model.name);
  return {
    model: fc.selection.model.name,
    demandClass: fc.selection.profile.demandClass,
    reason: fc.selection.reason,
    reasonKo: fc.selection.reasonKo,
    historyDays,
    uncertainty: fc.uncertainty,
    daily,
    horizons: horizonSummaries(daily, mean90, fc.uncertainty),
    backtest,
    confidence: forecastConfidence(historyDays, fc.selection.profile.demandClass, fc.selection.model.name, backtest),
  };
}

function fefoView(lots: readonly Lot[], asOf: IsoDate, minRemainingDays: number): FefoView {
  const r = rankFefo(lots, asOf, { minRemainingDays });
  return {
    ranked: r.ranked.map((x) => ({
      rank: x.rank,
      lotId: x.lot.lotId,
      warehouse: x.lot.warehouse,
      quantity: x.lot.quantityOnHand,
      expirationDate: x.lot.expirationDate,
      daysToExpiry: x.daysToExpiry,
      reason: x.reason,
      reasonKo: x.reasonKo,
    })),
    skipped: r.skipped.map((x) => ({
      lotId: x.lot.lotId,
      warehouse: x.lot.warehouse,
      quantity: x.lot.quantityOnHand,
      code: x.code,
      reason: x.reason,
      reasonKo: x.reasonKo,
    })),
  };
}

function totalsOf(skus: SkuPlan[], products: readonly Product[]): TenantPlan['totals'] {
  const status = { critical: 0, warning: 0, healthy: 0 };
  const cost = new Map(products.map((p) => [p.sku, p.unitCost]));
  let orderValue = 0;
  for (const x of skus) {
    status[x.status.status]++;
    orderValue += x.reorder.quantity * (cost.get(x.sku) ?? 0);
  }
  return {
    skus: skus.length,
    // Money to the cent: sums of float products otherwise show as 371171.02000000025.
    capitalLocked: round(
      skus.reduce((a, x) => a + x.insights.capitalLocked, 0),
      2,
    ),
    capitalAtRisk: round(
      skus.reduce((a, x) => a + x.insights.capitalAtRisk, 0),
      2,
    ),
    status,
    ordersRecommended: skus.filter((x) => x.reorder.action === 'order').length,
    orderValue: round(orderValue, 2),
  };
}
