import { makeCalendar } from './calendar';
import { backfit, type ShapePrior } from './profile-fit';

/**
 * A group's month-of-year shape for pooling into short or sparse series (profile.ts:
 * profileWithPrior). Each series is divided by its own mean before the series are summed, so
 * every SKU counts once whatever its volume (a group shape, not the shape of the biggest SKU);
 * the sum is fitted by the profile's backfitting (month factors, smooth level). Daily series
 * only, all ending on the same day (`endDay`, exclusive). Returns undefined without demand or
 * with less than 15 months of pooled history (no annual shape to lend).
 *
 * @param series daily units from `startDay` (epoch day) on
 */
export function groupShape(series: ReadonlyArray<{ y: ArrayLike<number>; startDay: number }>, endDay: number): ShapePrior | undefined {
  const start = Math.min(...series.map((s) => s.startDay));
  if (!Number.isFinite(start) || !(endDay > start)) return undefined;
  const n = endDay - start;
  const sum = new Float64Array(n);
  let any = false;
  for (const s of series) {
    const len = Math.min(s.y.length, endDay - s.startDay);
    let total = 0;
    for (let i = 0; i < len; i++) total += s.y[i] > 0 ? s.y[i] : 0;
    if (!(total > 0)) continue;
    const mean = total / len;
    const off = s.startDay - start;
    for (let i = 0; i < len; i++) if (s.y[i] > 0) sum[off + i] += s.y[i] / mean;
    any = true;
  }
  if (!any) return undefined;
  const cal = makeCalendar('day', start, n);
  const annual = n >= 1.25 * 365;
  const c = backfit(sum, cal, 'month', 'smooth', annual, cal.year);
  return annual ? { month: Float64Array.from(c.S) } : undefined;
}
