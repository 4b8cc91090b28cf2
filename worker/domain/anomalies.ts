import { fromDay, toDay } from './dates';
import { mad, median } from './stats';
import { reasonOf } from './text';
import type { DailyDemand, OrderLine, StockAdjustment } from './types';

/**
 * Unusual sales days, order lines and stock adjustments, ranked by how surprising they are.
 *
 * Surprise is a z-score (x − expected) / scale where expected is a robust baseline (median) and
 * scale = max(1.4826·MAD, σ, √expected, 1): the robust spread (Iglewicz & Hoaglin 1993), but never
 * below the baseline's standard deviation (intermittent demand) or Poisson noise, so a SKU
 * selling a steady 3 a day does not flag 6. |z| > 3.5 flags.
 *
 * Calendar-aware: each day's expected sales are scaled by the tenant's own day factor — the
 * tenant's total units that day against the same weekday's median over the preceding weeks —
 * when that factor is itself unusual (a public holiday closes customers and moves their
 * deliveries to the next day: every SKU drops, then spikes). Consecutive such days form one
 * calendar window, and a SKU is judged on its window total against the same weekdays' totals in
 * earlier weeks: demand moved within the window is the calendar, not an anomaly of one SKU. Order lines are compared with the same customer's
 * earlier lines of the SKU (a bulk order stands out there even when the SKU's day total is
 * large). The tenant list keeps the most surprising few (PlanSettings.anomalyLimit).
 */
export interface Anomaly {
  kind: 'sales' | 'order-line' | 'adjustment';
  sku: string;
  date: string;
  value: number;
  expected: number;
  /** The surprise: (value − expected) / scale, see above. */
  robustZ: number;
  direction: 'spike' | 'drop';
  reason: string;
  /** The same reason in Korean; absent in plans stored before it was written. */
  reasonKo?: string;
  id?: string;
  customerId?: string;
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

/** Surprise of a count x against a baseline: robust spread floored at Poisson noise (see above). */
export function surprise(x: number, baseline: readonly number[], factor = 1): { z: number; expected: number } {
  const expected = median(baseline) * factor;
  // Intermittent demand has a MAD of 0 most weeks: its standard deviation keeps one case order ordinary.
  const scale = Math.max(1.4826 * mad(baseline) * factor, stdev(baseline) * factor, Math.sqrt(Math.max(0, expected)), 1);
  return { z: Math.max(-MAX_Z, Math.min(MAX_Z, (x - expected) / scale)), expected };
}

/**
 * The tenant's day factor for each day of `values` (tenant totals): the day against the median of
 * the same weekday over the preceding `weeks`, kept only when it is itself a surprise (else 1).
 */
export function calendarFactors(total: readonly number[], opts: { baselineWeeks?: number; threshold?: number } = {}): Float64Array {
  const weeks = opts.baselineWeeks ?? 8;
  const threshold = opts.threshold ?? ROBUST_Z_THRESHOLD;
  const out = new Float64Array(total.length).fill(1);
  for (let t = 7; t < total.length; t++) {
    const base: number[] = [];
    for (let k = 1; k <= weeks && t - 7 * k >= 0; k++) base.push(total[t - 7 * k]);
    const med = median(base);
    if (!(med > 0)) continue;
    const { z } = surprise(total[t], base);
    if (Math.abs(z) > threshold) out[t] = total[t] / med;
  }
  return out;
}

/** Each of the last `lookbackDays` days against the same weekday over the preceding `baselineWeeks`. */
export function salesAnomalies(
  series: DailyDemand,
  opts: {
    lookbackDays?: number;
    baselineWeeks?: number;
    threshold?: number;
    /** The tenant's calendar window (first and last epoch day) containing a day, or null. */
    calendarWindow?: (day: number) => [number, number] | null;
  } = {},
): Anomaly[] {
  const lookback = opts.lookbackDays ?? 28;
  const weeks = opts.baselineWeeks ?? 26;
  const threshold = opts.threshold ?? ROBUST_Z_THRESHOLD;
  const y = series.values;
  const start = toDay(series.startDate);
  const out: Anomaly[] = [];
  for (let t = Math.max(7 * 8, y.length - lookback); t < y.length; t++) {
    const win = opts.calendarWindow?.(start + t) ?? null;
    // A calendar window is judged once, on its total, at its first day inside the series.
    const [a, b] = win ? [Math.max(0, win[0] - start), Math.min(y.length - 1, win[1] - start)] : [t, t];
    if (win && t !== Math.max(a, y.length - lookback, 7 * 8)) continue;
    const sumOf = (from: number, to: number) => {
      let x = 0;
      for (let i = from; i <= to; i++) x += y[i];
      return x;
    };
    const base: number[] = [];
    for (let k = 1; k <= weeks && a - 7 * k >= 0; k++) base.push(sumOf(a - 7 * k, b - 7 * k));
    const x = sumOf(a, b);
    const { z, expected } = surprise(x, base);
    if (Math.abs(z) <= threshold) continue;
    const direction = z > 0 ? 'spike' : 'drop';
    const from = fromDay(start + a);
    const to = fromDay(start + b);
    const when =
      b > a
        ? {
            en: `from ${from} to ${to} (a calendar window the whole tenant moved in)`,
            ko: `${from}~${to}(회사 전체 수요가 함께 움직인 달력 구간)`,
          }
        : { en: `on this ${weekday(start + t)}`, ko: `이번 ${WEEKDAYS_KO[weekdayIndex(start + t)]}` };
    const e = round1(expected);
    const zs = z.toFixed(1);
    out.push({
      kind: 'sales',
      sku: series.sku,
      date: fromDay(start + a),
      value: x,
      expected: round1(expected),
      robustZ: z,
      direction,
      ...reasonOf({
        en: `sold ${x} against an expected ${e} ${when.en} (surprise ${zs})`,
        ko: `${when.ko} ${x}개 판매, 예상 ${e}개(이상 점수 ${zs})`,
      }),
    });
  }
  return out;
}

/**
 * Order lines of the last `lookbackDays` days before asOf against the same customer's earlier
 * lines of the SKU (at least `minHistory` of them, the last 52 used); a line flags when it is a
 * surprise and at least `minRatio` (default 4) times the customer's typical line.
 */
export function orderLineAnomalies(
  lines: readonly OrderLine[],
  asOf: string,
  opts: { lookbackDays?: number; minHistory?: number; threshold?: number; minRatio?: number } = {},
): Anomaly[] {
  const lookback = opts.lookbackDays ?? 28;
  const minRatio = opts.minRatio ?? 4;
  const minHistory = opts.minHistory ?? 5;
  const threshold = opts.threshold ?? ROBUST_Z_THRESHOLD;
  const today = toDay(asOf);
  const groups = new Map<string, OrderLine[]>();
  for (const l of lines) {
    if (!(l.quantity > 0) || toDay(l.orderDate) >= today) continue;
    const k = `${l.sku}\u0000${l.customerId}`;
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  const out: Anomaly[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => (a.orderDate < b.orderDate ? -1 : a.orderDate > b.orderDate ? 1 : 0));
    for (let i = 0; i < g.length; i++) {
      const l = g[i];
      if (toDay(l.orderDate) < today - lookback) continue;
      const base = g.slice(0, i).map((x) => x.quantity);
      if (base.length < minHistory) continue;
      const { z, expected } = surprise(l.quantity, base.slice(-52));
      if (z <= threshold || l.quantity < minRatio * Math.max(1, expected)) continue;
      out.push({
        kind: 'order-line',
        sku: l.sku,
        date: l.orderDate,
        value: l.quantity,
        expected: round1(expected),
        robustZ: z,
        direction: 'spike',
        ...reasonOf({
          en: `${l.customerId} ordered ${l.quantity}${l.orderId ? ` on ${l.orderId}` : ''}, against a typical ${round1(expected)} per order (surprise ${z.toFixed(1)})`,
          ko: `고객 ${l.customerId} 주문 ${l.quantity}개${l.orderId ? `(주문 ${l.orderId})` : ''}, 평소 주문당 ${round1(expected)}개(이상 점수 ${z.toFixed(1)})`,
        }),
        id: l.orderId,
        customerId: l.customerId,
      });
    }
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
      ...reasonOf({
        en: `adjustment of ${a.quantity} units is unusually large; typical size ${med} (robust z ${z.toFixed(1)})`,
        ko: `재고 조정 ${a.quantity}개는 이례적으로 큼; 평소 규모 ${med}개(로버스트 z ${z.toFixed(1)})`,
      }),
      id: a.id,
    });
  }
  return out;
}

/**
 * The few worth reading: one per SKU, day and kind (an order line explains its day's spike, so
 * a sales spike on a day with a flagged line of the SKU is dropped), most surprising first, at
 * most `limit`.
 */
export function rankAnomalies(all: readonly Anomaly[], limit: number): Anomaly[] {
  const lineDays = new Set(all.filter((a) => a.kind === 'order-line').map((a) => `${a.sku}|${a.date}`));
  return all
    .filter((a) => !(a.kind === 'sales' && a.direction === 'spike' && lineDays.has(`${a.sku}|${a.date}`)))
    .sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ) || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.date < b.date ? -1 : 1))
    .slice(0, Math.max(0, limit));
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS_KO = ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'];
const weekdayIndex = (day: number) => (((day + 4) % 7) + 7) % 7;
function weekday(day: number): string {
  return DAYS[weekdayIndex(day)];
}

function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Consecutive days with a calendar factor ≠ 1 as windows: day → [first, last] (epoch days). */
export function calendarWindows(factors: ArrayLike<number>, origin: number): (day: number) => [number, number] | null {
  const win = new Map<number, [number, number]>();
  for (let i = 0; i < factors.length; i++) {
    if (factors[i] === 1) continue;
    let j = i;
    while (j + 1 < factors.length && factors[j + 1] !== 1) j++;
    const w: [number, number] = [origin + i, origin + j];
    for (let k = i; k <= j; k++) win.set(origin + k, w);
    i = j;
  }
  return (day) => win.get(day) ?? null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
