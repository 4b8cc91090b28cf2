import { fromDay, toDay } from './dates';
import { mad, median } from './stats';
import type { DailyDemand, StockAdjustment } from './types';

/**
 * Unusual sales days and stock adjustments by robust z-score, 0.6745·(x − median)/MAD
 * (Iglewicz & Hoaglin 1993; |z| > 3.5 flags an outlier). Median and MAD ignore the outliers
 * they are looking for, unlike mean and standard deviation.
 */
export interface Anomaly {
  kind: 'sales' | 'adjustment';
  sku: string;
  date: string;
  value: number;
  expected: number;
  robustZ: number;
  direction: 'spike' | 'drop';
  reason: string;
  id?: string;
}

export const ROBUST_Z_THRESHOLD = 3.5;
/** Reported instead of ±∞ when the baseline has no spread at all. */
const MAX_Z = 99;

/** z of x against a baseline; MAD of 0 falls back to the mean absolute deviation (×1.2533 ≈ σ). */
export function robustZ(x: number, baseline: readonly number[]): { z: number; med: number } {
  const med = median(baseline);
  const m = mad(baseline);
  if (m > 0) return { z: (0.6745 * (x - med)) / m, med };
  const meanAbs = baseline.reduce((s, v) => s + Math.abs(v - med), 0) / Math.max(1, baseline.length);
  if (meanAbs > 0) return { z: (x - med) / (1.2533 * meanAbs), med };
  return { z: x === med ? 0 : Math.sign(x - med) * MAX_Z, med };
}

/** Each of the last `lookbackDays` days against the same weekday over the preceding `baselineWeeks`. */
export function salesAnomalies(
  series: DailyDemand,
  opts: { lookbackDays?: number; baselineWeeks?: number; threshold?: number } = {},
): Anomaly[] {
  const lookback = opts.lookbackDays ?? 28;
  const weeks = opts.baselineWeeks ?? 26;
  const threshold = opts.threshold ?? ROBUST_Z_THRESHOLD;
  const y = series.values;
  const start = toDay(series.startDate);
  const out: Anomaly[] = [];
  for (let t = Math.max(7 * 8, y.length - lookback); t < y.length; t++) {
    const base: number[] = [];
    for (let k = 1; k <= weeks && t - 7 * k >= 0; k++) base.push(y[t - 7 * k]);
    const { z, med } = robustZ(y[t], base);
    if (Math.abs(z) <= threshold) continue;
    const direction = z > 0 ? 'spike' : 'drop';
    out.push({
      kind: 'sales',
      sku: series.sku,
      date: fromDay(start + t),
      value: y[t],
      expected: med,
      robustZ: z,
      direction,
      reason: `sold ${y[t]} against a typical ${med} on this weekday (robust z ${z.toFixed(1)})`,
    });
  }
  return out;
}

/** Adjustment sizes against the SKU's own history (or the tenant's, with under five of its own). */
export function adjustmentAnomalies(adjustments: readonly StockAdjustment[], opts: { threshold?: number } = {}): Anomaly[] {
  const threshold = opts.threshold ?? ROBUST_Z_THRESHOLD;
  const all = adjustments.map((a) => Math.abs(a.quantity));
  const bySku = new Map<string, number[]>();
  for (const a of adjustments) {
    const list = bySku.get(a.sku) ?? [];
    list.push(Math.abs(a.quantity));
    bySku.set(a.sku, list);
  }
  const out: Anomaly[] = [];
  for (const a of adjustments) {
    const own = bySku.get(a.sku) ?? [];
    const base = own.length >= 5 ? own : all;
    if (base.length < 5) continue;
    const { z, med } = robustZ(Math.abs(a.quantity), base);
    if (z <= threshold) continue;
    out.push({
      kind: 'adjustment',
      sku: a.sku,
      date: a.date,
      value: a.quantity,
      expected: med,
      robustZ: z,
      direction: a.quantity < 0 ? 'drop' : 'spike',
      reason: `adjustment of ${a.quantity} units is unusually large; typical size ${med} (robust z ${z.toFixed(1)})`,
      id: a.id,
    });
  }
  return out;
}
