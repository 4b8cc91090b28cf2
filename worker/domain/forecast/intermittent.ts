import type { FittedModel, ForecastModel } from './model';
import { flatForecast } from './model';

/**
 * Croston (1972), SBA (Syntetos & Boylan 2005) and TSB (Teunter, Syntetos & Babai 2011) for
 * intermittent demand. All forecast a flat, non-negative demand rate; smoothing constants come
 * from a small grid by one-step in-sample squared error.
 */
const ALPHAS = [0.05, 0.1, 0.2, 0.3];
const TSB_PROB_ALPHAS = [0.02, 0.05, 0.1, 0.2];
const TSB_SIZE_ALPHAS = [0.05, 0.1, 0.2];

interface Start {
  size: number;
  interval: number;
  first: number;
}

/** Initial size = first demand, initial interval = mean gap between demands. */
function start(y: Float64Array): Start | undefined {
  let first = -1;
  let count = 0;
  let last = -1;
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 0) {
      if (first < 0) first = i;
      last = i;
      count++;
    }
  }
  if (first < 0) return undefined;
  const interval = count > 1 ? (last - first) / (count - 1) : first + 1;
  return { size: y[first], interval: Math.max(1, interval), first };
}

/** Croston recursion; returns [size, interval, in-sample SSE of the rate forecast]. */
function croston(y: Float64Array, s: Start, a: number, debias: number): [number, number, number] {
  let z = s.size;
  let p = s.interval;
  let gap = 1;
  let sse = 0;
  for (let i = s.first + 1; i < y.length; i++) {
    const e = y[i] - (debias * z) / p;
    sse += e * e;
    if (y[i] > 0) {
      z += a * (y[i] - z);
      p += a * (gap - p);
      gap = 1;
    } else gap++;
  }
  return [z, p, sse];
}

function crostonFamily(debiased: boolean): (y: Float64Array) => FittedModel {
  return (y) => {
    const s = start(y);
    if (!s) return flatForecast(0);
    let best = { sse: Infinity, rate: 0 };
    for (const a of ALPHAS) {
      const debias = debiased ? 1 - a / 2 : 1;
      const [z, p, sse] = croston(y, s, a, debias);
      if (sse < best.sse) best = { sse, rate: (debias * z) / p };
    }
    return flatForecast(best.rate);
  };
}

export const crostonModel: ForecastModel = {
  name: 'croston',
  family: 'intermittent',
  minHistory: () => 28,
  fit: crostonFamily(false),
};

export const sbaModel: ForecastModel = {
  name: 'sba',
  family: 'intermittent',
  minHistory: () => 28,
  fit: crostonFamily(true),
};

/** TSB updates the demand probability every period, so a dying SKU's forecast decays. */
export const tsbModel: ForecastModel = {
  name: 'tsb',
  family: 'intermittent',
  minHistory: () => 28,
  fit(y) {
    const s = start(y);
    if (!s) return flatForecast(0);
    let best = { sse: Infinity, rate: 0 };
    for (const ap of TSB_PROB_ALPHAS) {
      for (const az of TSB_SIZE_ALPHAS) {
        let p = 1 / s.interval;
        let z = s.size;
        let sse = 0;
        for (let i = s.first + 1; i < y.length; i++) {
          const e = y[i] - p * z;
          sse += e * e;
          if (y[i] > 0) {
            p += ap * (1 - p);
            z += az * (y[i] - z);
          } else p -= ap * p;
        }
        if (sse < best.sse) best = { sse, rate: p * z };
      }
    }
    return flatForecast(best.rate);
  },
};
