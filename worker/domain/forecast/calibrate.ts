import { gammaQuantiles, pitCoverage } from './quantiles';
import { cumulativeVariance, dailyBandVariance, type Uncertainty } from './summary';

/**
 * Conformal calibration of the daily interval (split-conformal idea, Vovk et al. 2005; for
 * forecasting see Stankeviciute et al. 2021): the backtest windows are a calibration set the
 * model did not see when it forecast them. A day's own band uses dispersion × c, with c the
 * factor for which the p10–p90 band of each backtest day's count distribution
 * (negative binomial, variance c·dispersion·m + (levelSd·m)²) holds 80 % of the actual days,
 * and the level error `levelSd` is set so that the gamma p10–p90 band of cumulative demand
 * holds 80 % of the backtest's running totals (1, 2, 4 weeks and the whole window from each
 * origin). Totals first: the level error also widens the daily band.
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
      inside += pitCoverage(Math.round(w.actual[k]), m, dailyBandVariance(m, u));
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

/** Running-total horizons checked from each origin, in periods (capped at the window). */
const TOTAL_HORIZONS = [7, 14, 28, 56, 90];

/** Share of (origin, horizon) running totals inside the gamma p10–p90 band under `u`. */
export function totalCoverage(windows: readonly BacktestWindow[], u: Uncertainty): number {
  return totalCounts(windows, u).share;
}

function totalCounts(windows: readonly BacktestWindow[], u: Uncertainty): { share: number; n: number } {
  let inside = 0;
  let count = 0;
  for (const w of windows) {
    let f = 0;
    let a = 0;
    let next = 0;
    for (let k = 0; k < w.actual.length && next < TOTAL_HORIZONS.length; k++) {
      f += w.forecast[k];
      a += w.actual[k];
      if (k + 1 === TOTAL_HORIZONS[next] || k + 1 === w.actual.length) {
        next = k + 1 === w.actual.length ? TOTAL_HORIZONS.length : next + 1;
        count++;
        if (!(f > 0)) {
          if (a === 0) inside++;
          continue;
        }
        const [lo, hi] = gammaQuantiles(f, cumulativeVariance(f, u), [0.1, 0.9]);
        if (a >= Math.floor(lo) && a <= Math.ceil(hi)) inside++;
      }
    }
  }
  return { share: count > 0 ? inside / count : Number.NaN, n: count };
}

/**
 * levelSd (bisection within 0 … 1) for which the running totals reach 80 % coverage. The plain
 * 80 % is used here, not the finite-sample conformal level: the running totals of one window
 * are strongly correlated, so ⌈(n+1)·0.8⌉/n over-covered (demo 28-day totals 86.6 %, Kaggle
 * 86.0 %), while the plain level keeps them at 84 % and 83 %.
 */
export function calibrateTotals(u: Uncertainty, windows: readonly BacktestWindow[]): Uncertainty {
  if (windows.length === 0) return u;
  const target = TARGET_COVERAGE;
  if (totalCoverage(windows, { ...u, levelSd: 0 }) >= target) return { ...u, levelSd: 0 };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (totalCoverage(windows, { ...u, levelSd: mid }) < target) lo = mid;
    else hi = mid;
  }
  return { ...u, levelSd: hi };
}

/** Both bands: totals (level error) first, then the daily dispersion. */
export function calibrateUncertainty(u: Uncertainty, windows: readonly BacktestWindow[]): Uncertainty {
  return calibrateDaily(calibrateTotals(u, windows), windows);
}
