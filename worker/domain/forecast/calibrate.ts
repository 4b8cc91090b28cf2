import type { CompoundShape } from './quantiles';
import type { Calendar } from './calendar';
import type { ForecastModel } from './model';
import { planBacktest } from './backtest';
import { periodCoverage, totalNoiseVariance, totalQuantiles, type Uncertainty } from './summary';

/**
 * Conformal calibration of the daily interval (split-conformal idea, Vovk et al. 2005; for
 * forecasting see Stankeviciute et al. 2021): the backtest windows are a calibration set the
 * model did not see when it forecast them. A day's own band uses dispersion × c, with c the
 * factor for which the p10–p90 band of each backtest day's count distribution
 * (negative binomial, variance c·dispersion·m + (levelSd·m)²) holds 80 % of the actual days,
 * and the level error `levelSd` is set so that the gamma p10–p90 band of cumulative demand
 * holds 80 % of the backtest's running totals (1, 2, 4 weeks and the whole window from each
 * origin). Totals first: the level error also widens the daily band. An intermittent series
 * whose backtest holds too few orders for this gets Bernoulli × size bands instead
 * (calibrateIntermittent, below).
 */
export interface BacktestWindow {
  /** Forecast made at the window's origin. */
  forecast: Float64Array;
  /** What happened (same length). */
  actual: Float64Array;
}

export const TARGET_COVERAGE = 0.8;

/**
 * Split-conformal finite-sample level: with n calibration points the band must hold
 * ⌈(n+1)·0.8⌉ of them to cover 80 % of a new point (Vovk et al. 2005; Angelopoulos & Bates 2021).
 */
export function conformalLevel(n: number, target = TARGET_COVERAGE): number {
  return n > 0 ? Math.min(1, Math.ceil((n + 1) * target) / n) : target;
}
const MIN_SCALE = 1 / 8;
const MAX_SCALE = 8;
const STEPS = 9;

/**
 * Share of backtest days whose actual lies in the p10–p90 band under `u`, counted by the
 * randomized PIT (quantiles.ts: pitCoverage) so that discrete counts can reach 80 % exactly.
 */
export function dailyCoverage(windows: readonly BacktestWindow[], u: Uncertainty): number {
  return dailyCounts(windows, u).share;
}

function dailyCounts(windows: readonly BacktestWindow[], u: Uncertainty): { share: number; n: number } {
  let inside = 0;
  let days = 0;
  for (const w of windows) {
    for (let k = 0; k < w.actual.length; k++) {
      const m = w.forecast[k];
      // A day forecast as a certain zero (a closed weekday) has no band to calibrate.
      if (!(m > 1e-6)) continue;
      days++;
      inside += periodCoverage(Math.round(w.actual[k]), m, u, k + 1);
    }
  }
  return { share: days > 0 ? inside / days : Number.NaN, n: days };
}

/**
 * Daily band scale (bisection on log c within 1/8 … 8) so that the backtest's daily p10–p90
 * coverage is as close to 80 % as the discrete counts allow. Returns `u` unchanged without a
 * backtest.
 */
export function calibrateDaily(u: Uncertainty, windows: readonly BacktestWindow[]): Uncertainty {
  if (windows.length === 0) return u;
  const at = (c: number): Uncertainty => ({ ...u, dailyBandScale: c });
  const target = conformalLevel(dailyCounts(windows, u).n);
  let lo = Math.log(MIN_SCALE);
  let hi = Math.log(MAX_SCALE);
  for (let i = 0; i < STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (dailyCoverage(windows, at(Math.exp(mid))) < target) lo = mid;
    else hi = mid;
  }
  return at(Math.exp(hi));
}

/** Running-total horizons checked from each origin, in days (capped at the window). */
const TOTAL_HORIZONS = [7, 14, 28, 56, 90];

/**
 * Calls `visit(h, forecast total, actual total)` at each checkpoint h (in periods) of each
 * window: TOTAL_HORIZONS converted to periods of `daysPerPeriod` days (weekly data: 1, 2, 4, 8,
 * 13 weeks; monthly: 1, 2, 3 months) and the window's own length.
 */
function runningTotals(windows: readonly BacktestWindow[], daysPerPeriod: number, visit: (h: number, f: number, a: number) => void): void {
  const marks = [...new Set(TOTAL_HORIZONS.map((d) => Math.max(1, Math.ceil(d / daysPerPeriod - 1e-9))))];
  for (const w of windows) {
    let f = 0;
    let a = 0;
    let next = 0;
    for (let k = 0; k < w.actual.length && next < marks.length; k++) {
      f += w.forecast[k];
      a += w.actual[k];
      if (k + 1 === marks[next] || k + 1 === w.actual.length) {
        next = k + 1 === w.actual.length ? marks.length : next + 1;
        visit(k + 1, f, a);
      }
    }
  }
}

/** Share of (origin, horizon) running totals inside the gamma p10–p90 band under `u`. */
export function totalCoverage(windows: readonly BacktestWindow[], u: Uncertainty, daysPerPeriod = 1): number {
  let inside = 0;
  let count = 0;
  runningTotals(windows, daysPerPeriod, (h, f, a) => {
    count++;
    if (!(f > 0)) {
      if (a === 0) inside++;
      return;
    }
    const [lo, hi] = totalQuantiles(f, u, h, [0.1, 0.9]);
    // Integer rounding widens a band by up to a unit each side: for a part's 3-month total of
    // two or three units that is most of the band, so compound (intermittent) bands are held to
    // their own ends, as the backtest CLI scores them.
    if (u.compound ? a >= lo && a <= hi : a >= Math.floor(lo) && a <= Math.ceil(hi)) inside++;
  });
  return count > 0 ? inside / count : Number.NaN;
}

/**
 * Level error by horizon, calibrated on the backtest's running totals. The shape comes from the
 * moments: at each checkpoint h the excess relative variance of the totals beyond count noise,
 * ((A − F)² − dispersion·F) / F², averaged over windows, is fitted by a + b·h (a, b ≥ 0, least
 * squares) — a flat level error (a) plus one that grows with the horizon (b, a drifting level).
 * The scale then comes from coverage: a common factor on a + b·h is set by bisection so that
 * the gamma p10–p90 band holds 80 % of the running totals, as the single levelSd was before
 * (no growth seen: b = 0, the former calibration exactly). At the window's length the level sd
 * is at most 1. The plain 80 % is used here, not the finite-sample conformal level: the running
 * totals of one window are strongly correlated, so ⌈(n+1)·0.8⌉/n over-covered (demo 28-day
 * totals 86.6 %, Kaggle 86.0 %).
 */
export function calibrateTotals(u: Uncertainty, windows: readonly BacktestWindow[], daysPerPeriod = 1): Uncertainty {
  if (windows.length === 0) return u;
  const base: Uncertainty = {
    dispersion: u.dispersion,
    levelSd: 0,
    ...(u.dailyBandScale ? { dailyBandScale: u.dailyBandScale } : {}),
    ...(u.compound ? { compound: u.compound } : {}),
  };
  if (totalCoverage(windows, base, daysPerPeriod) >= TARGET_COVERAGE) return base;
  const { a, b, longest } = levelShape(windows, base, daysPerPeriod);
  // The flat level error (decisions) and, when the excess grows with h, the curve (bands).
  const flat = scaleToCoverage(windows, daysPerPeriod, (sd) => ({ ...base, levelSd: sd }));
  if (!(b > 0)) return flat;
  const curve = scaleToCoverage(windows, daysPerPeriod, (sd) => {
    const c = (sd * sd) / (a + b * longest);
    return { ...flat, horizonLevel: { sd: Math.sqrt(c * a), drift: c * b } };
  });
  return curve;
}

/** Smallest sd in 0 … 1 (bisection) whose uncertainty `at(sd)` covers 80 % of the running totals. */
function scaleToCoverage(windows: readonly BacktestWindow[], daysPerPeriod: number, at: (sd: number) => Uncertainty): Uncertainty {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (totalCoverage(windows, at(mid), daysPerPeriod) < TARGET_COVERAGE) lo = mid;
    else hi = mid;
  }
  return at(hi);
}

/**
 * Moment fit of the excess relative variance of running totals beyond their count noise
 * (summary.ts: totalNoiseVariance — dispersion·F, or the compound variance), a + b·h over the checkpoints
 * (TOTAL_HORIZONS, capped at the window). Returns b = 0 when the windows are too short to show
 * a trend (a single checkpoint) or the excess does not grow.
 */
export function levelShape(
  windows: readonly BacktestWindow[],
  u: Uncertainty,
  daysPerPeriod = 1,
): { a: number; b: number; longest: number } {
  const sum = new Map<number, { e: number; n: number }>();
  runningTotals(windows, daysPerPeriod, (h, f, a) => {
    if (!(f > 0)) return;
    const s = sum.get(h) ?? { e: 0, n: 0 };
    s.e += ((a - f) ** 2 - totalNoiseVariance(f, u, h)) / (f * f);
    s.n++;
    sum.set(h, s);
  });
  const pts = [...sum.entries()].map(([h, s]) => [h, s.e / s.n] as const);
  const longest = pts.length ? Math.max(...pts.map(([h]) => h)) : 1;
  if (pts.length === 0) return { a: 1, b: 0, longest };
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const flat = { a: Math.max(0, mean(pts.map(([, e]) => e))), b: 0, longest };
  if (pts.length < 2) return flat.a > 0 ? flat : { a: 1, b: 0, longest };
  const mh = mean(pts.map(([h]) => h));
  const me = mean(pts.map(([, e]) => e));
  let sxy = 0;
  let sxx = 0;
  for (const [h, e] of pts) {
    sxy += (h - mh) * (e - me);
    sxx += (h - mh) ** 2;
  }
  let b = sxx > 0 ? sxy / sxx : 0;
  let a = me - b * mh;
  if (b <= 0) return flat.a > 0 ? flat : { a: 1, b: 0, longest };
  if (a < 0) {
    // Through the origin: b = Σ h·e / Σ h².
    a = 0;
    b = pts.reduce((s, [h, e]) => s + h * e, 0) / pts.reduce((s, [h]) => s + h * h, 0);
    if (!(b > 0)) return { a: 1, b: 0, longest };
  }
  return { a, b, longest };
}

/** Both bands: totals (level error) first, then the daily dispersion. */
export function calibrateUncertainty(u: Uncertainty, windows: readonly BacktestWindow[], daysPerPeriod = 1): Uncertainty {
  return calibrateDaily(calibrateTotals(u, windows, daysPerPeriod), windows);
}

/** Fewest periods with demand from which a size distribution is read (compoundShapeOf). */
export const MIN_SIZES = 4;

/**
 * Mean and variance of the demand of the history's periods that have demand (the size of a
 * compound Bernoulli × size distribution, quantiles.ts: CompoundShape). Undefined with fewer
 * than MIN_SIZES such periods. Units and units².
 */
export function compoundShapeOf(y: ArrayLike<number>): CompoundShape | undefined {
  let n = 0;
  let s = 0;
  let ss = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v > 0) {
      n++;
      s += v;
      ss += v * v;
    }
  }
  if (n < MIN_SIZES) return undefined;
  const size = s / n;
  return { size, sizeVar: Math.max(0, (ss - n * size * size) / (n - 1)) };
}

/** Days in one period of `freq` (monthly: the mean Gregorian month). */
export function daysPerPeriod(freq: Calendar['freq']): number {
  return freq === 'day' ? 1 : freq === 'week' ? 7 : 30.4375;
}

/**
 * The chosen model's forecasts from the selection's backtest origins (backtest.ts:
 * planBacktest, default origins): the windows select.ts calibrated the band on, made again for
 * the chosen model only. Empty when the history is too short to backtest.
 */
export function calibrationWindows(model: ForecastModel, y: Float64Array, cal: Calendar): BacktestWindow[] {
  const plan = planBacktest(y.length, cal);
  if (!plan || model.minHistory(cal) > plan.origins[0]) return [];
  return plan.origins.map((o) => ({
    forecast: model.fit(y.subarray(0, o), cal).forecast(plan.horizon),
    actual: y.subarray(o, o + plan.horizon),
  }));
}

/**
 * Periods with demand in the calibration windows below which an intermittent series' bands
 * use the compound shape: a per-series scale on the negative binomial cannot be fitted from a
 * handful of orders (four 3-month windows of a monthly part hold 12 months, 1–7 of them with
 * demand: the scale ran into its cap of 8 for 241 of 299 parts and still covered 73 %).
 */
export const MIN_DEMAND_PERIODS = 30;

/**
 * Bands of an intermittent series (demand class intermittent, lumpy or no demand in the last
 * year) whose calibration windows hold fewer than MIN_DEMAND_PERIODS periods with demand:
 * Bernoulli × size (summary.ts: Uncertainty.compound) with the size read from the whole
 * history (compoundShapeOf), no per-series scale on it, and the level error of the bands
 * (`horizonLevel`) as the larger of
 *  - the conformal fit on the backtest's running totals (calibrateTotals, compound noise), and
 *  - the model's own estimation error: a forecast that moves by w per unit of the latest period
 *    is, for exponential weights, an average over (2 − w)/w periods, so its relative variance is
 *    at least Var(y)/m² · w/(2 − w) (Brown 1959; the variance of SES is α/(2 − α)·σ²), with
 *    Var(y) = m·E[S²]/size − m² for Bernoulli × size. Four windows of three months cannot show a
 *    level error the size of the count noise of a year (spare parts: 77 % → 80 % of 12-month
 *    totals covered with it).
 * `u` keeps its `dispersion` and `levelSd` (decisions: safety stock, newsvendor cap) and loses its
 * `dailyBandScale`. Undefined (keep `u`) when the history has fewer than MIN_SIZES periods with
 * demand, cannot be backtested, or the windows hold enough demand for the usual calibration.
 */
export function calibrateIntermittent(u: Uncertainty, model: ForecastModel, y: Float64Array, cal: Calendar): Uncertainty | undefined {
  const compound = compoundShapeOf(y);
  if (!compound) return undefined;
  const windows = calibrationWindows(model, y, cal);
  if (windows.length === 0) return undefined;
  let withDemand = 0;
  for (const w of windows) for (let i = 0; i < w.actual.length; i++) if (w.actual[i] > 0) withDemand++;
  if (withDemand >= MIN_DEMAND_PERIODS) return undefined;
  const fit = calibrateTotals({ dispersion: u.dispersion, levelSd: 0, compound }, windows, daysPerPeriod(cal.freq));
  const fitted = fit.horizonLevel ? fit.horizonLevel.sd ** 2 : fit.levelSd ** 2;
  const floor = estimationVariance(model, y, cal, compound);
  return {
    dispersion: u.dispersion,
    levelSd: u.levelSd,
    compound,
    horizonLevel: { sd: Math.sqrt(Math.min(1, Math.max(fitted, floor))), drift: fit.horizonLevel?.drift ?? 0 },
  };
}

/**
 * Relative variance of the model's level from its own estimation error (calibrateIntermittent):
 * the weight w of the latest period is read by refitting with one more order of mean size in it.
 */
export function estimationVariance(model: ForecastModel, y: Float64Array, cal: Calendar, shape: CompoundShape): number {
  if (y.length === 0) return 0;
  const m = model.fit(y, cal).forecast(1)[0];
  if (!(m > 0)) return 0;
  const size = Math.max(1, shape.size);
  const bumped = Float64Array.from(y);
  bumped[bumped.length - 1] += size;
  const w = Math.min(1, Math.max(0, (model.fit(bumped, cal).forecast(1)[0] - m) / size));
  const relVar = Math.max(0, (shape.sizeVar + size * size) / (size * m) - 1);
  return (relVar * w) / (2 - w);
}
