/**
 * Forecast accuracy measures. Percentages are returned as percents (12.3 = 12.3 %).
 * Scaled errors (MASE, RMSSE) divide by the in-sample error of the seasonal naive forecast,
 * so 1.0 means "as good as repeating last season"; they are NaN when that scale is zero.
 */
type Values = ArrayLike<number>;

/** Weighted absolute percentage error: 100·Σ|F−A| / Σ|A|. */
export function wape(actual: Values, forecast: Values): number {
  let e = 0;
  let a = 0;
  for (let i = 0; i < actual.length; i++) {
    e += Math.abs(forecast[i] - actual[i]);
    a += Math.abs(actual[i]);
  }
  return a > 0 ? (100 * e) / a : e === 0 ? 0 : Number.NaN;
}

/** Kaggle's sMAPE: mean of 200·|F−A|/(|F|+|A|), a term counting 0 when both are 0. */
export function smape(actual: Values, forecast: Values): number {
  if (actual.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += smapeTerm(actual[i], forecast[i]);
  return s / actual.length;
}

export function smapeTerm(a: number, f: number): number {
  const d = Math.abs(f) + Math.abs(a);
  return d === 0 ? 0 : (200 * Math.abs(f - a)) / d;
}

/** Bias: 100·Σ(F−A)/ΣA — negative means under-forecasting. */
export function biasPct(actual: Values, forecast: Values): number {
  let e = 0;
  let a = 0;
  for (let i = 0; i < actual.length; i++) {
    e += forecast[i] - actual[i];
    a += actual[i];
  }
  return a > 0 ? (100 * e) / a : e === 0 ? 0 : Number.NaN;
}

/**
 * Mean |y_t − y_{t−m}| (power 1) or mean (y_t − y_{t−m})² (power 2) over the training data.
 * Falls back to lag 1 when the history is shorter than two seasons.
 */
export function naiveScale(train: Values, season: number, power: 1 | 2): number {
  const m = train.length > 2 * season ? season : 1;
  let s = 0;
  let c = 0;
  for (let i = m; i < train.length; i++) {
    const d = Math.abs(train[i] - train[i - m]);
    s += power === 1 ? d : d * d;
    c++;
  }
  return c > 0 ? s / c : Number.NaN;
}

/** Mean absolute scaled error (Hyndman & Koehler 2006), seasonal naive scale. */
export function mase(actual: Values, forecast: Values, train: Values, season = 7): number {
  const scale = naiveScale(train, season, 1);
  if (!(scale > 0) || actual.length === 0) return Number.NaN;
  let e = 0;
  for (let i = 0; i < actual.length; i++) e += Math.abs(forecast[i] - actual[i]);
  return e / actual.length / scale;
}

/** Root mean squared scaled error (M5 competition), same seasonal naive scale as MASE. */
export function rmsse(actual: Values, forecast: Values, train: Values, season = 7): number {
  const scale = naiveScale(train, season, 2);
  if (!(scale > 0) || actual.length === 0) return Number.NaN;
  let e = 0;
  for (let i = 0; i < actual.length; i++) e += (forecast[i] - actual[i]) ** 2;
  return Math.sqrt(e / actual.length / scale);
}

export interface CumulativeError {
  periods: number;
  forecast: number;
  actual: number;
  /** ΣF − ΣA over the first `periods` periods, in units. */
  units: number;
  /** 100·(ΣF − ΣA)/ΣA; NaN when nothing was sold. */
  pct: number;
}

/** Error of total demand over the first `periods` periods — what a reorder quantity depends on. */
export function cumulativeError(actual: Values, forecast: Values, periods: number): CumulativeError {
  const k = Math.min(periods, actual.length);
  let f = 0;
  let a = 0;
  for (let i = 0; i < k; i++) {
    f += forecast[i];
    a += actual[i];
  }
  return { periods: k, forecast: f, actual: a, units: f - a, pct: a > 0 ? (100 * (f - a)) / a : f === 0 ? 0 : Number.NaN };
}
