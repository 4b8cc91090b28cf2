/**
 * Syntetos–Boylan–Croston demand classification: average inter-demand interval (ADI) and the
 * squared coefficient of variation of non-zero sizes (CV²), cut-offs 1.32 and 0.49
 * (Syntetos, Boylan & Croston 2005). Decides which model family is worth backtesting.
 */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no-demand';

export interface DemandProfile {
  demandClass: DemandClass;
  adi: number;
  cv2: number;
  nonZeroShare: number;
}

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/** A weekday whose share of selling days is below this fraction of the best weekday's is "closed". */
export const CLOSED_WEEKDAY_SHARE = 0.5;
export const MIN_WEEKS_FOR_WEEKDAYS = 8;

/**
 * Classifies on the most recent `window` periods (a year by default). With `dow` (day of week
 * per period, daily data) the inter-demand interval is measured on open weekdays only: a
 * distributor whose customers never order on Sundays has zero Sundays, which is a weekly
 * pattern for a seasonal model to learn, not intermittent demand for Croston.
 */
export function classifyDemand(y: ArrayLike<number>, window = y.length, dow?: ArrayLike<number>): DemandProfile {
  const start = Math.max(0, y.length - window);
  // Weekday shares need several weeks before a zero weekday means "closed".
  const open = dow && y.length - start >= MIN_WEEKS_FOR_WEEKDAYS * 7 ? openWeekdays(y, start, dow) : undefined;
  let n = 0;
  let count = 0;
  let s = 0;
  let ss = 0;
  for (let i = start; i < y.length; i++) {
    const v = y[i];
    if (open && dow && !open[dow[i]]) continue;
    n++;
    if (v > 0) {
      count++;
      s += v;
      ss += v * v;
    }
  }
  if (count === 0) return { demandClass: 'no-demand', adi: Infinity, cv2: 0, nonZeroShare: 0 };
  const adi = n / count;
  const m = s / count;
  const cv2 = count > 1 ? Math.max(0, (ss / count - m * m) * (count / (count - 1))) / (m * m) : 0;
  const intermittent = adi >= ADI_CUTOFF;
  const variable = cv2 >= CV2_CUTOFF;
  const demandClass: DemandClass = intermittent ? (variable ? 'lumpy' : 'intermittent') : variable ? 'erratic' : 'smooth';
  return { demandClass, adi, cv2, nonZeroShare: count / n };
}

/** Weekdays with at least CLOSED_WEEKDAY_SHARE of the busiest weekday's share of selling days. */
export function openWeekdays(y: ArrayLike<number>, start: number, dow: ArrayLike<number>): boolean[] {
  const days = new Array<number>(7).fill(0);
  const selling = new Array<number>(7).fill(0);
  for (let i = start; i < y.length; i++) {
    days[dow[i]]++;
    if (y[i] > 0) selling[dow[i]]++;
  }
  const share = days.map((d, k) => (d > 0 ? selling[k] / d : 0));
  const best = Math.max(...share);
  return share.map((x) => best > 0 && x >= CLOSED_WEEKDAY_SHARE * best);
}

export function isIntermittent(c: DemandClass): boolean {
  return c === 'intermittent' || c === 'lumpy';
}
