import { periodsForDays, type Calendar } from './calendar';
import type { FittedModel, ForecastModel } from './model';
import { backfit, type AnnualShape, type ProfileComponents, type ShapePrior, type TrendMode } from './profile-fit';

/**
 * Multiplicative profile: level × day-of-week × annual seasonality × year-over-year growth.
 *
 * The annual shape (month steps or a smooth day-of-year curve) and the way the level moves
 * (smoothly or once per calendar year) are chosen per fit by in-sample Poisson deviance plus
 * twice the parameter count (AIC) — decided on years of history, not on a short backtest.
 * The forecast level then is
 *  - smooth: a recency-weighted deseasonalised mean (half-life a quarter year) carried forward
 *    by the year-over-year growth of the deseasonalised series;
 *  - calendar: this calendar year's level, stepped at each new year by the recent year-on-year
 *    steps shrunk toward no growth by how little they agree (yearStep).
 * docs/forecasting.md has the reasoning and measurements.
 */
const MIN_YEARS_FOR_ANNUAL = 1.25;
/** Caps yearly growth at ±50 % so a short spike cannot explode a long horizon. */
const MAX_LOG_GROWTH = Math.log(1.5);

export const profileModel: ForecastModel = {
  name: 'profile',
  family: 'continuous',
  minHistory: (cal) => Math.max(6, periodsForDays(cal.freq, 28)),
  fit: (y, cal) => fitProfile(y, cal),
};

/**
 * The profile model with a group's annual shape pooled in (pooled.ts): month factors are
 * shrunk toward the group's, and a series with less than 15 months of history takes the group's
 * month shape instead of none. Same name: it is the profile model, told what its peers do.
 */
export function profileWithPrior(prior: ShapePrior): ForecastModel {
  return { ...profileModel, fit: (y, cal) => fitProfile(y, cal, prior) };
}

function fitProfile(y: Float64Array, cal: Calendar, prior?: ShapePrior): FittedModel {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];
  if (total <= 0) return { forecast: (h) => new Float64Array(h) };
  const annual = n >= MIN_YEARS_FOR_ANNUAL * cal.periodsPerYear;
  const shapes: AnnualShape[] = annual ? ['month', 'fourier'] : ['month'];
  const trends: TrendMode[] = cal.year[0] !== cal.year[n - 1] ? ['smooth', 'calendar'] : ['smooth'];
  let best: { c: ProfileComponents; trend: TrendMode } | undefined;
  let bestAic = Infinity;
  for (const shape of shapes) {
    for (const trend of trends) {
      const c = backfit(y, cal, shape, trend, annual, cal.year, prior);
      const aic = c.deviance + 2 * c.params;
      if (aic < bestAic) {
        bestAic = aic;
        best = { c, trend };
      }
    }
  }
  const { c, trend } = best!;
  const factor = (i: number): number => c.W[cal.dow[i]] * c.S[c.slotOf[i]];
  // With the group's month shape the level no longer has to follow the season itself.
  const levelAt = trend === 'smooth' ? smoothLevel(y, cal, factor, annual || prior !== undefined) : calendarLevel(c, cal, n);
  return {
    forecast(h) {
      const f = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        const v = levelAt(n + k) * factor(n + k);
        f[k] = v > 0 && Number.isFinite(v) ? v : 0;
      }
      return f;
    },
  };
}

function smoothLevel(y: Float64Array, cal: Calendar, factor: (i: number) => number, annual: boolean): (i: number) => number {
  const n = y.length;
  const P = cal.periodsPerYear;
  // Without annual factors the level must track the season itself, so it forgets faster.
  const halfLife = annual ? P / 4 : Math.max(2, periodsForDays(cal.freq, 28));
  const lambda = Math.pow(0.5, 1 / halfLife);
  let ny = 0;
  let nb = 0;
  let age = 0;
  let sw = 0;
  let w = 1;
  for (let i = n - 1; i >= Math.max(0, n - P); i--) {
    ny += w * y[i];
    nb += w * factor(i);
    age += w * (n - 1 - i);
    sw += w;
    w *= lambda;
  }
  const level = nb > 0 ? ny / nb : 0;
  const centre = n - 1 - age / sw;
  // Year-over-year growth on the same calendar stretch a year apart: up to the last year,
  // at least half a year (so 18 months of history give a growth estimate).
  const span = Math.min(P, n - P);
  const g = span >= P / 2 ? clampGrowth(Math.log(ratio(y, n - span, n, factor) / ratio(y, n - span - P, n - P, factor))) : 0;
  return (i) => level * Math.exp((g * (i - centre)) / P);
}

/** Σy / Σfactor over [a, b): the deseasonalised level of that stretch. */
function ratio(y: Float64Array, a: number, b: number, factor: (i: number) => number): number {
  let s = 0;
  let d = 0;
  for (let i = a; i < b; i++) {
    s += y[i];
    d += factor(i);
  }
  return s > 0 && d > 0 ? s / d : Number.NaN;
}

function calendarLevel(c: ProfileComponents, cal: Calendar, n: number): (i: number) => number {
  const quarter = cal.periodsPerYear / 4;
  // Levels of each calendar year in the history, newest last, with their lengths.
  const blocks: { level: number; count: number }[] = [];
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && cal.year[j] === cal.year[i]) j++;
    blocks.push({ level: c.T[i], count: j - i });
    i = j;
  }
  const logs: number[] = [];
  for (let k = blocks.length - 1; k > 0 && logs.length < 2; k--) {
    const a = blocks[k];
    const b = blocks[k - 1];
    if (a.count >= quarter && b.count >= quarter && a.level > 0 && b.level > 0) logs.push(Math.log(a.level / b.level));
  }
  const g = clampGrowth(yearStep(logs));
  const last = blocks[blocks.length - 1];
  const prev = blocks[blocks.length - 2];
  // A year only a few weeks old is too noisy alone: lean on last year's level × growth.
  const w = Math.min(1, last.count / quarter);
  const current = prev ? w * last.level + (1 - w) * prev.level * Math.exp(g) : last.level;
  const lastYear = cal.year[n - 1];
  return (i) => current * Math.exp(g * (cal.year[i] - lastYear));
}

/**
 * The log step to expect at the next new year from the recent year-on-year log steps
 * `steps` = d_1…d_K (ln of one calendar year's level over the year before; K = 1 or 2, newest
 * first; any K works). Returns 0 without steps.
 *
 * Their mean m is shrunk toward no growth by how well the steps pin the drift down: the steps
 * are read as d_k ~ N(μ, σ²) around a drift μ with prior N(0, m²) — a drift is as uncertain as
 * it is large — and the result is the posterior mean of μ (normal–normal conjugate update,
 * Gelman et al., *Bayesian Data Analysis*, 3rd ed., §2.5):
 *
 *   g = m · m² / (m² + σ̂²/K),   σ̂² = (Σ(d_k − m)² + m²) / K
 *
 * σ̂² is the steps' own variance with one prior degree of freedom at m²: a single step says
 * nothing about how much steps vary, so it is taken as large as the step and halved; two steps
 * that agree keep 80 % of their mean, two that disagree less. The mean alone carried a level
 * step forward whole though a year's step is barely predictable from the last two (store-item:
 * steps +15 %, +4.4 %, +8.6 %, then +3.6 %; Q1 2017 bias +2.4 % → +1.0 %; ADR 023).
 */
export function yearStep(steps: readonly number[]): number {
  const k = steps.length;
  if (k === 0) return 0;
  let m = 0;
  for (const d of steps) m += d;
  m /= k;
  const m2 = m * m;
  if (!(m2 > 0) || !Number.isFinite(m2)) return 0;
  let ss = 0;
  for (const d of steps) ss += (d - m) * (d - m);
  const sigma2 = (ss + m2) / k;
  return (m * m2) / (m2 + sigma2 / k);
}

function clampGrowth(g: number): number {
  return Number.isFinite(g) ? Math.max(-MAX_LOG_GROWTH, Math.min(MAX_LOG_GROWTH, g)) : 0;
}
