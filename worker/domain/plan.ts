import { classifyAbcXyz, DEFAULT_CLASSIFICATION, weeklyCv } from './abc-xyz';
import { adjustmentAnomalies, salesAnomalies } from './anomalies';
import { buyingCadence } from './cadence';
import { forecastConfidence } from './confidence';
import { fromDay, toDay } from './dates';
import { rankFefo } from './fefo';
import { makeCalendar } from './forecast/calendar';
import { forecastSeries, type SeriesForecast } from './forecast/forecast';
import { dailyPath, horizonSummaries } from './forecast/summary';
import { skuInsights } from './insights';
import type { FefoView, ForecastSummary, PlanInput, PlanSettings, SkuPlan, TenantPlan } from './plan-types';
import { recommendReorder } from './reorder';
import { stockStatus } from './status';
import type { IsoDate, Lot, Product } from './types';
import { groupBy, historyOf, horizonFor, unknownSkus } from './plan-inputs';
import { round } from './stats';
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
};

/** The whole planning run for one tenant as of a day: pure, deterministic, no I/O. */
export function planTenant(input: PlanInput, asOf: IsoDate, settings: Partial<PlanSettings> = {}): TenantPlan {
  const s: PlanSettings = { ...DEFAULT_PLAN_SETTINGS, ...settings };
  const today = toDay(asOf);
  const known = new Set(input.products.map((p) => p.sku));
  const warnings = unknownSkus(input, known);
  const lotsBySku = groupBy(input.lots, (l) => l.sku);
  const inboundBySku = groupBy(input.inbound, (x) => x.sku);
  const demandBySku = groupBy(input.demand, (d) => d.sku);
  const forecasts = new Map<string, { fc: SeriesForecast; history: Float64Array; start: number }>();
  for (const p of input.products) {
    const { history, start } = historyOf(demandBySku.get(p.sku) ?? [], today);
    const horizon = horizonFor(p, lotsBySku.get(p.sku) ?? [], today);
    const cal = makeCalendar('day', start, history.length + horizon);
    forecasts.set(p.sku, { fc: forecastSeries(history, cal, horizon, { origins: s.backtestOrigins }), history, start });
  }
  const classes = classifyAbcXyz(
    input.products.map((p) => {
      const h = forecasts.get(p.sku)!.history;
      let units = 0;
      for (let i = Math.max(0, h.length - 365); i < h.length; i++) units += h[i];
      return { sku: p.sku, annualValue: units * p.unitPrice, cv: weeklyCv(h) };
    }),
    s.classification,
  );
  const cadence = buyingCadence(input.orders ?? [], asOf);
  const adjustments = groupBy(adjustmentAnomalies(input.adjustments ?? []), (a) => a.sku);
  const skus = input.products.map((p): SkuPlan => {
    const { fc, history, start } = forecasts.get(p.sku)!;
    const lots = lotsBySku.get(p.sku) ?? [];
    const inbound = inboundBySku.get(p.sku) ?? [];
    const cls = classes.get(p.sku)!;
    const forecast = summarise(fc, history.length, today);
    const reorder = recommendReorder({
      product: p,
      lots,
      inbound,
      asOf,
      demandMean: fc.mean,
      uncertainty: fc.uncertainty,
      serviceLevel: s.classification.serviceLevels[cls.class],
      reviewPeriodDays: s.reviewPeriodDays,
      classLabel: cls.class,
      confidence: forecast.confidence,
    });
    const waste = simulateWasteRisk(
      { sku: p.sku, lots, asOf, minRemainingDays: p.minRemainingShelfLifeDays, demandMean: fc.mean, uncertainty: fc.uncertainty },
      { paths: s.wastePaths, seed: s.seed },
    );
    return {
      sku: p.sku,
      name: p.name,
      forecast,
      classification: cls,
      status: stockStatus(reorder.usableOnHand, reorder.safetyStock, reorder.meanDailyDemand),
      reorder,
      waste,
      insights: skuInsights({
        lots,
        inbound,
        reorder,
        waste,
        leadTimeDays: p.leadTimeDays,
        minRemainingDays: p.minRemainingShelfLifeDays,
        asOf,
      }),
      fefo: fefoView(lots, asOf, p.minRemainingShelfLifeDays),
      customers: cadence.get(p.sku) ?? [],
      anomalies: [
        ...salesAnomalies({ sku: p.sku, startDate: fromDay(start), values: Array.from(history) }, { lookbackDays: s.anomalyLookbackDays }),
        ...(adjustments.get(p.sku) ?? []),
      ],
    };
  });
  return { asOf, skus, waste: rollUpWaste(skus.map((x) => x.waste)), totals: totalsOf(skus, input.products), warnings };
}

function summarise(fc: SeriesForecast, historyDays: number, today: number): ForecastSummary {
  const mean90 = fc.mean.subarray(0, 90);
  const daily = dailyPath(mean90, fc.uncertainty, today);
  const backtest = fc.selection.scores.find((x) => x.model === fc.selection.model.name);
  return {
    model: fc.selection.model.name,
    demandClass: fc.selection.profile.demandClass,
    reason: fc.selection.reason,
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
    })),
    skipped: r.skipped.map((x) => ({
      lotId: x.lot.lotId,
      warehouse: x.lot.warehouse,
      quantity: x.lot.quantityOnHand,
      code: x.code,
      reason: x.reason,
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
