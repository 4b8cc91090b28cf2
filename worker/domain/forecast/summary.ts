import { fromDay, type EpochDay } from '../dates';
import { round } from '../stats';
import { countQuantiles, gammaQuantiles } from './quantiles';

/** Uncertainty of a forecast, estimated from its backtest (see backtest.ts). */
export interface Uncertainty {
  /** Daily variance per unit of mean demand. */
  dispersion: number;
  /** Relative standard deviation of the demand level (correlated across days). */
  levelSd: number;
  /**
   * Factor on `dispersion` for one day's own band (daily quantiles only; calibrate.ts). Totals
   * and safety stock use the unscaled dispersion, which the running totals were calibrated with.
   */
  dailyBandScale?: number;
  /**
   * The level error by horizon for the quantile bands: relative level variance at h periods
   * ahead is sd² + drift·h. A forecast's level drifts away from the truth the further out it
   * looks — on the demo orders one flat level error covered 80 % of 7-day totals but 72 % of
   * 90-day totals. Decisions (safety stock, newsvendor cap, stock-out risk) keep the flat
   * `levelSd`: with the curve the demo replay lost 0.6 pt of fill. Absent: flat. calibrate.ts.
   */
  horizonLevel?: { sd: number; drift: number };
}

export interface Quantiles {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface HorizonSummary {
  days: number;
  /** Total demand over the horizon (quantiles of the sum, not sums of quantiles). */
  cumulative: Quantiles;
  /** Daily demand averaged over the horizon: mean and the mean of each day's quantiles. */
  daily: Quantiles;
}

export interface DailyPath {
  startDate: string;
  mean: number[];
  p10: number[];
  p50: number[];
  p90: number[];
}

export const SUMMARY_HORIZONS = [30, 60, 90] as const;
const PROBS = [0.1, 0.5, 0.9] as const;

/** Relative level variance h periods ahead: the horizon curve when known and h > 0, else levelSd². */
export function levelVariance(u: Uncertainty, h = 0): number {
  const c = u.horizonLevel;
  return c && h > 0 ? c.sd * c.sd + c.drift * h : u.levelSd * u.levelSd;
}

/**
 * Variance of one day's demand: count noise plus level uncertainty, the latter as it stands
 * `ahead` periods out (horizonLevel; 0 = the flat level error).
 */
export function dailyVariance(mean: number, u: Uncertainty, ahead = 0): number {
  return u.dispersion * mean + levelVariance(u, ahead) * mean * mean;
}

/**
 * Variance of one day's demand for its own quantile band (dailyBandScale applied); `ahead` is
 * the day's distance from the forecast origin in periods (1 = the first forecast day).
 */
export function dailyBandVariance(mean: number, u: Uncertainty, ahead = 0): number {
  return (u.dailyBandScale ?? 1) * u.dispersion * mean + levelVariance(u, ahead) * mean * mean;
}

/**
 * Variance of total demand with total mean `total` over the first `periods` periods (level
 * error is shared by all days and, for bands, grows with the horizon: horizonLevel).
 */
export function cumulativeVariance(total: number, u: Uncertainty, periods = 0): number {
  return u.dispersion * total + levelVariance(u, periods) * total * total;
}

export function dailyPath(mean: ArrayLike<number>, u: Uncertainty, firstDay: EpochDay, digits = 3): DailyPath {
  const path: DailyPath = { startDate: fromDay(firstDay), mean: [], p10: [], p50: [], p90: [] };
  for (let i = 0; i < mean.length; i++) {
    const [p10, p50, p90] = countQuantiles(mean[i], dailyBandVariance(mean[i], u, i + 1), PROBS);
    path.mean.push(round(mean[i], digits));
    path.p10.push(p10);
    path.p50.push(p50);
    path.p90.push(p90);
  }
  return path;
}

export function horizonSummaries(path: DailyPath, meanRaw: ArrayLike<number>, u: Uncertainty): HorizonSummary[] {
  return SUMMARY_HORIZONS.filter((h) => h <= meanRaw.length).map((days) => {
    let total = 0;
    let q10 = 0;
    let q50 = 0;
    let q90 = 0;
    for (let i = 0; i < days; i++) {
      total += meanRaw[i];
      q10 += path.p10[i];
      q50 += path.p50[i];
      q90 += path.p90[i];
    }
    const [c10, c50, c90] = gammaQuantiles(total, cumulativeVariance(total, u, days), PROBS);
    return {
      days,
      cumulative: { mean: round(total), p10: round(c10), p50: round(c50), p90: round(c90) },
      daily: { mean: round(total / days, 3), p10: round(q10 / days, 3), p50: round(q50 / days, 3), p90: round(q90 / days, 3) },
    };
  });
}
