import type { Calendar } from './calendar';
import { periodsForDays } from './calendar';
import { naiveScale } from './metrics';
import type { BacktestWindow } from './calibrate';
import type { ForecastModel, ModelName } from './model';

/**
 * Rolling-origin evaluation: refit each model at several past origins and score its forecast
 * of the following window against what actually happened. Only data before an origin is used
 * to forecast from it.
 */
export interface BacktestPlan {
  /** Training lengths, oldest first. */
  origins: number[];
  /** Periods forecast from each origin. */
  horizon: number;
  /** Lead time + review period in periods (≤ horizon): the demand a decision uses. */
  protection: number;
}

export interface ModelScore {
  model: ModelName;
  /**
   * Selection score (lower is better), fractions:
   * RMSSE + ½(|bias| + mean cumulative error over the window + mean cumulative error over the
   * protection interval) — the last is the demand over lead time + review period that an order
   * quantity is computed from.
   */
  score: number;
  rmsse: number;
  /** 100·Σ(F−A)/ΣA over all backtest windows. */
  biasPct: number;
  /** Mean over windows of 100·|ΣF − ΣA| / ΣA. */
  cumErrorPct: number;
  /** Mean over windows of 100·|ΣF − ΣA| / ΣA over the first `protection` periods. */
  protectionErrorPct: number;
  wape: number;
  /** Squared error per unit forecast (quasi-Poisson dispersion) — daily noise for quantiles. */
  dispersion: number;
  /** Relative error of window totals beyond daily noise — level uncertainty for quantiles. */
  levelSd: number;
}

/** Four 90-day windows cover a whole year, so every season is tested once. */
export const DEFAULT_ORIGINS = 4;
/** Lead time + review period assumed when the caller does not say (two weeks + one week review). */
export const DEFAULT_PROTECTION_DAYS = 21;

/** Up to `origins` non-overlapping windows of ≤ 90 days ending at the last observation. */
export function planBacktest(
  n: number,
  cal: Calendar,
  origins = DEFAULT_ORIGINS,
  horizonDays = 90,
  protectionDays = DEFAULT_PROTECTION_DAYS,
): BacktestPlan | undefined {
  const minTrain = Math.max(periodsForDays(cal.freq, 28), 2 * cal.season);
  const minWindow = cal.freq === 'day' ? 14 : cal.freq === 'week' ? 4 : 2;
  const horizon = Math.min(periodsForDays(cal.freq, horizonDays), Math.floor((n - minTrain) / origins));
  if (horizon < minWindow) return undefined;
  const list: number[] = [];
  for (let k = origins; k >= 1; k--) list.push(n - k * horizon);
  return { origins: list, horizon, protection: Math.max(1, Math.min(horizon, periodsForDays(cal.freq, protectionDays))) };
}

export function backtestModel(
  model: ForecastModel,
  y: Float64Array,
  cal: Calendar,
  plan: BacktestPlan,
  scaleSq: number,
  /** When given, receives each window's forecast and actuals (for interval calibration). */
  keep?: BacktestWindow[],
): ModelScore | undefined {
  if (model.minHistory(cal) > plan.origins[0]) return undefined;
  let sq = 0;
  let abs = 0;
  let sumF = 0;
  let sumA = 0;
  let points = 0;
  let cumRel = 0;
  let relSq = 0;
  let protRel = 0;
  let windows = 0;
  const K = plan.origins.length;
  for (let j = 0; j < K; j++) {
    const o = plan.origins[j];
    // Later windows weigh more (1/K … 1): their history length is closest to the real forecast's.
    const w = (j + 1) / K;
    const f = model.fit(y.subarray(0, o), cal).forecast(plan.horizon);
    keep?.push({ forecast: f, actual: y.subarray(o, o + plan.horizon) });
    let wf = 0;
    let wa = 0;
    for (let k = 0; k < plan.horizon; k++) {
      if (k === plan.protection) protRel += w * relative(wf - wa, wa, wf);
      const a = y[o + k];
      const e = f[k] - a;
      sq += w * e * e;
      abs += w * Math.abs(e);
      wf += f[k];
      wa += a;
    }
    if (plan.protection >= plan.horizon) protRel += w * relative(wf - wa, wa, wf);
    sumF += w * wf;
    sumA += w * wa;
    points += w * plan.horizon;
    cumRel += w * relative(wf - wa, wa, wf);
    if (wf > 0) relSq += w * ((wf - wa) / wf) ** 2;
    windows += w;
  }
  const rmsse = scaleSq > 0 ? Math.sqrt(sq / points / scaleSq) : Math.sqrt(sq / points);
  const bias = relative(sumF - sumA, sumA, sumF);
  const cum = cumRel / windows;
  const prot = protRel / windows;
  const dispersion = sumF > 0 ? Math.max(0.25, sq / sumF) : 1;
  // Window totals vary by dispersion·ΣF from daily noise alone; the rest is level error.
  const meanWindowF = sumF / windows;
  const levelVar = meanWindowF > 0 ? relSq / windows - dispersion / meanWindowF : 0;
  return {
    model: model.name,
    score: rmsse + 0.5 * (Math.abs(bias) + cum + prot),
    rmsse,
    biasPct: 100 * (sumA > 0 ? (sumF - sumA) / sumA : bias),
    cumErrorPct: 100 * cum,
    protectionErrorPct: 100 * prot,
    wape: sumA > 0 ? (100 * abs) / sumA : Number.NaN,
    dispersion,
    levelSd: Math.sqrt(Math.min(1, Math.max(0, levelVar))),
  };
}

/** |diff| relative to actual; with no actual demand any forecast is a full miss. */
function relative(diff: number, actual: number, forecast: number): number {
  if (actual > 0) return Math.abs(diff) / actual;
  return forecast > 0 ? 1 : 0;
}

export function backtestScale(y: Float64Array, cal: Calendar, plan: BacktestPlan): number {
  return naiveScale(y.subarray(0, plan.origins[0]), cal.season, 2);
}
