import type { EpochDay } from '../dates';
import type { Uncertainty } from '../forecast/summary';
import { DEFAULT_CLASSIFICATION } from '../abc-xyz';
import { cellKey, engineOrder, forecastHorizon, serviceLevels } from './lotwise';
import type { Cell } from './simulate';
import type { PolicyView, ReplayPolicy } from './types';

/**
 * The expected demand of one SKU–warehouse as the process that generated it knew it: units/day
 * from `startDay` on. Only a generated tenant has one (sample_data/generator.ts,
 * `GenerationTruth.expectedBySkuCustomer`); no forecaster can.
 */
export interface KnownDemand {
  startDay: EpochDay;
  daily: Float64Array;
}

/** Days of the known expectation the oracle repeats past its last day (whole weeks keep the weekdays). */
const REPEAT_DAYS = 28;

/**
 * A bound, not a policy anyone can run: the engine's ordering (`recommendReorder`, through
 * lotwise.ts `engineOrder`, the same service levels: ABC/XYZ or `opts.serviceLevel`) fed the generating process's own expected demand
 * instead of a forecast, and an uncertainty with no level error — only the order lines' noise
 * around that expectation over lead time + review period (`knownUncertainty`). What it reaches is what perfect forecasting would give
 * the engine; the gap between it and Lotwise is what forecasting can still win, and a goal beyond
 * it needs a different ordering policy or different data, not a better forecast.
 *
 * Past the expectation's last day the last 28 days repeat. Cells without a known expectation order
 * nothing.
 */
export function oraclePolicy(
  cells: readonly Cell[],
  startDay: EpochDay,
  known: (sku: string, warehouse: string) => KnownDemand | undefined,
  opts: { serviceLevel?: number } = {},
): ReplayPolicy {
  const serviceLevel = serviceLevels(cells, startDay);
  return {
    name: 'oracle',
    orderQuantity(view: PolicyView): number {
      const p = view.product;
      const k = known(p.sku, view.warehouse);
      if (!k || k.daily.length === 0) return 0;
      const at = (day: EpochDay) => {
        let i = day - k.startDay;
        if (i >= k.daily.length) i = k.daily.length - REPEAT_DAYS + ((i - k.daily.length) % REPEAT_DAYS);
        return i < 0 ? 0 : k.daily[i];
      };
      const horizon = forecastHorizon(p, view.reviewPeriodDays);
      const mean = new Float64Array(horizon);
      for (let i = 0; i < horizon; i++) mean[i] = at(view.today + i);
      return engineOrder(
        view,
        mean,
        knownUncertainty(view, at, Math.max(0, p.leadTimeDays) + view.reviewPeriodDays),
        opts.serviceLevel ?? serviceLevel.get(cellKey(p.sku, view.warehouse)) ?? DEFAULT_CLASSIFICATION.serviceLevels.BY,
      );
    },
  };
}

/**
 * Noise of the order lines around the known expectation, no level error: the variance-to-mean
 * ratio of the totals of consecutive `windowDays`-day windows over the last 365 days before the
 * review (Σ (ordered − expected)² / Σ expected over windows, at least 1: Poisson or wider). On
 * totals, not days, because safety stock covers a protection interval's total: a customer that
 * orders a week's needs on Mondays makes single days lumpy but their sums smooth.
 */
export function knownUncertainty(
  view: Pick<PolicyView, 'ordered' | 'historyStart'>,
  expectedOn: (day: EpochDay) => number,
  windowDays = 1,
): Uncertainty {
  const w = Math.max(1, Math.round(windowDays));
  const n = view.ordered.length;
  const from = Math.max(0, n - Math.max(w, Math.floor(365 / w) * w));
  let squares = 0;
  let expected = 0;
  for (let i = n - w; i >= from; i -= w) {
    let o = 0;
    let e = 0;
    for (let j = i; j < i + w; j++) {
      o += view.ordered[j];
      e += expectedOn(view.historyStart + j);
    }
    squares += (o - e) ** 2;
    expected += e;
  }
  return { dispersion: expected > 0 ? Math.max(1, squares / expected) : 1, levelSd: 0 };
}
