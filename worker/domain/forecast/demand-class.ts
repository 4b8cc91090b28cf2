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

/** Classifies on the most recent `window` periods (a year by default). */
export function classifyDemand(y: ArrayLike<number>, window = y.length): DemandProfile {
  const start = Math.max(0, y.length - window);
  const n = y.length - start;
  let count = 0;
  let s = 0;
  let ss = 0;
  for (let i = start; i < y.length; i++) {
    const v = y[i];
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

export function isIntermittent(c: DemandClass): boolean {
  return c === 'intermittent' || c === 'lumpy';
}
