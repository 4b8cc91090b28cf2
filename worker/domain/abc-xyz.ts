import type { AbcClass, AbcXyz, XyzClass } from './types';

/**
 * ABC by share of yearly sales value (Pareto), XYZ by the coefficient of variation of weekly
 * demand (how forecastable). The class sets the target service level, hence safety stock.
 */
export interface ClassificationSettings {
  /** Cumulative value share that closes A and B (default 80 %, 95 %). */
  abcCutoffs: readonly [number, number];
  /** Weekly-demand CV that closes X and Y (default 0.5, 1.0). */
  xyzCutoffs: readonly [number, number];
  serviceLevels: Record<AbcXyz, number>;
}

export const DEFAULT_CLASSIFICATION: ClassificationSettings = {
  abcCutoffs: [0.8, 0.95],
  xyzCutoffs: [0.5, 1.0],
  serviceLevels: {
    AX: 0.99,
    AY: 0.98,
    AZ: 0.97,
    BX: 0.98,
    BY: 0.97,
    BZ: 0.95,
    CX: 0.95,
    CY: 0.93,
    CZ: 0.9,
  },
};

export interface ClassifiedSku {
  sku: string;
  abc: AbcClass;
  xyz: XyzClass;
  class: AbcXyz;
  valueShare: number;
  cv: number;
}

/** CV of weekly totals over the last `weeks` whole weeks of a daily series (Infinity if no demand). */
export function weeklyCv(daily: ArrayLike<number>, weeks = 52): number {
  const w = Math.min(weeks, Math.floor(daily.length / 7));
  const totals: number[] = [];
  for (let k = 0; k < w; k++) {
    let s = 0;
    const end = daily.length - 7 * k;
    for (let i = end - 7; i < end; i++) s += daily[i];
    totals.push(s);
  }
  return cvOfWeeklyTotals(totals);
}

/**
 * Sample CV (standard deviation over mean) of weekly totals, most recent week first: Infinity with
 * fewer than two weeks or no demand. Shared by weeklyCv and the refresh's whole-tenant class pass,
 * which gets the weekly totals from D1, so both give the same number.
 */
export function cvOfWeeklyTotals(totals: readonly number[]): number {
  const w = totals.length;
  if (w < 2) return Infinity;
  const m = totals.reduce((a, b) => a + b, 0) / w;
  if (m <= 0) return Infinity;
  const v = totals.reduce((a, b) => a + (b - m) ** 2, 0) / (w - 1);
  return Math.sqrt(v) / m;
}

export function classifyAbcXyz(
  items: ReadonlyArray<{ sku: string; annualValue: number; cv: number }>,
  settings: ClassificationSettings = DEFAULT_CLASSIFICATION,
): Map<string, ClassifiedSku> {
  const total = items.reduce((s, x) => s + Math.max(0, x.annualValue), 0);
  const sorted = [...items].sort((a, b) => b.annualValue - a.annualValue || (a.sku < b.sku ? -1 : 1));
  const out = new Map<string, ClassifiedSku>();
  let before = 0;
  for (const it of sorted) {
    const value = Math.max(0, it.annualValue);
    // A SKU is A while the value ranked before it has not yet reached the A cut-off.
    const shareBefore = total > 0 ? before / total : 1;
    const abc: AbcClass =
      total > 0 && value > 0 && shareBefore < settings.abcCutoffs[0]
        ? 'A'
        : total > 0 && value > 0 && shareBefore < settings.abcCutoffs[1]
          ? 'B'
          : 'C';
    const xyz: XyzClass = it.cv <= settings.xyzCutoffs[0] ? 'X' : it.cv <= settings.xyzCutoffs[1] ? 'Y' : 'Z';
    out.set(it.sku, { sku: it.sku, abc, xyz, class: `${abc}${xyz}`, valueShare: total > 0 ? value / total : 0, cv: it.cv });
    before += value;
  }
  return out;
}
