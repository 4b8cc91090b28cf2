import { fromDay, type EpochDay } from '../dates';
import { round } from '../stats';
import {
  compoundInverse,
  compoundPitCoverage,
  countQuantiles,
  gammaQuantiles,
  hurdleGammaQuantiles,
  pitCoverage,
  type CompoundShape,
} from './quantiles';

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
  /**
   * Intermittent demand (quantile bands only): a period has demand with probability mean / size
   * and then a size of this mean and variance, measured on the history's periods with demand
   * (quantiles.ts: CompoundShape; calibrate.ts: calibrateIntermittent). Daily bands and totals then have
   * the no-demand mass a negative binomial or gamma of the same mean and variance lacks.
   * Decisions keep `dispersion` and `levelSd`. Absent: negative binomial and gamma bands.
   */
  compound?: CompoundShape;
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

/**
 * The compound shape of one period's band `ahead` periods out: the size variance scaled by
 * dailyBandScale, plus the level error on the size (a mean that is off by a factor is a size
 * that is off by it; an occurrence that is off leaves a period's marginal unchanged).
 */
export function periodShape(u: Uncertainty & { compound: CompoundShape }, ahead = 0): CompoundShape {
  const { size, sizeVar } = u.compound;
  return { size, sizeVar: (u.dailyBandScale ?? 1) * sizeVar + levelVariance(u, ahead) * size * size };
}

/** Quantiles of one period's demand for its band (compound when known, else count: dailyBandVariance). */
export function periodQuantiles(mean: number, u: Uncertainty, ahead: number, probs: readonly number[]): number[] {
  if (u.compound) {
    const shape = periodShape(u as Uncertainty & { compound: CompoundShape }, ahead);
    return probs.map((p) => compoundInverse(p, mean, shape));
  }
  return countQuantiles(mean, dailyBandVariance(mean, u, ahead), probs);
}

/**
 * Share of an actual count's randomized PIT inside the p10–p90 band of its period (quantiles.ts:
 * pitCoverage; compoundPitCoverage when the demand is intermittent).
 */
export function periodCoverage(actual: number, mean: number, u: Uncertainty, ahead: number): number {
  if (u.compound) return compoundPitCoverage(actual, mean, periodShape(u as Uncertainty & { compound: CompoundShape }, ahead));
  return pitCoverage(actual, mean, dailyBandVariance(mean, u, ahead));
}

/**
 * Count noise of a total with mean `total` over `periods` periods: dispersion·total, or for
 * compound demand the variance of a sum of Bernoulli × size periods,
 * Σ p·E[S²] − Σ (p·size)² = total·E[S²]/size − total²/periods (equal periods).
 */
export function totalNoiseVariance(total: number, u: Uncertainty, periods = 0): number {
  const c = u.compound;
  if (!c) return u.dispersion * total;
  const size = Math.max(1, c.size);
  const second = c.sizeVar + size * size;
  return Math.max(0, (total * second) / size - (periods > 0 ? (total * total) / periods : 0));
}

/**
 * Probability that an intermittent series has no demand at all over `periods` periods with
 * total mean `total`: Π(1 − p) = e^(−P), P = −periods·ln(1 − p), and with a relative level
 * variance v on the rate (gamma-mixed, as a negative binomial's zero) (1 + v·P)^(−1/v).
 */
export function noDemandProbability(total: number, u: Uncertainty, periods: number): number {
  const c = u.compound;
  if (!c || !(total > 0) || !(periods > 0)) return 0;
  const p = Math.min(0.999, total / periods / Math.max(1, c.size));
  const P = -periods * Math.log1p(-p);
  const v = levelVariance(u, periods);
  return v > 1e-9 ? Math.pow(1 + v * P, -1 / v) : Math.exp(-P);
}

/**
 * Quantiles of total demand over the first `periods` periods for the bands: a gamma with the
 * count noise and the level error at that horizon, with the no-demand mass of an intermittent
 * series (hurdleGammaQuantiles) when `compound` is known.
 */
export function totalQuantiles(total: number, u: Uncertainty, periods: number, probs: readonly number[]): number[] {
  const variance = totalNoiseVariance(total, u, periods) + levelVariance(u, periods) * total * total;
  if (!u.compound) return gammaQuantiles(total, variance, probs);
  return hurdleGammaQuantiles(total, variance, noDemandProbability(total, u, periods), probs);
}

export function dailyPath(mean: ArrayLike<number>, u: Uncertainty, firstDay: EpochDay, digits = 3): DailyPath {
  const path: DailyPath = { startDate: fromDay(firstDay), mean: [], p10: [], p50: [], p90: [] };
  for (let i = 0; i < mean.length; i++) {
    const [p10, p50, p90] = periodQuantiles(mean[i], u, i + 1, PROBS);
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
    const [c10, c50, c90] = totalQuantiles(total, u, days, PROBS);
    return {
      days,
      cumulative: { mean: round(total), p10: round(c10), p50: round(c50), p90: round(c90) },
      daily: { mean: round(total / days, 3), p10: round(q10 / days, 3), p50: round(q50 / days, 3), p90: round(q90 / days, 3) },
    };
  });
}
