import type { ForecastModel } from './model';
import { flatForecast } from './model';

const ALPHAS = [0.01, 0.03, 0.1, 0.2, 0.3, 0.5];

/**
 * Simple exponential smoothing; alpha picked from a small grid by one-step in-sample squared
 * error (a grid keeps the fit deterministic and cheap enough for thousands of SKUs).
 */
export const ses: ForecastModel = {
  name: 'ses',
  family: 'continuous',
  minHistory: () => 14,
  fit(y) {
    const n = y.length;
    const init = initialLevel(y);
    let bestLevel = init;
    let bestSse = Infinity;
    for (const a of ALPHAS) {
      let level = init;
      let sse = 0;
      for (let i = 0; i < n; i++) {
        const e = y[i] - level;
        sse += e * e;
        level += a * e;
      }
      if (sse < bestSse) {
        bestSse = sse;
        bestLevel = level;
      }
    }
    return flatForecast(bestLevel);
  },
};

function initialLevel(y: Float64Array): number {
  const k = Math.min(y.length, 14);
  let s = 0;
  for (let i = 0; i < k; i++) s += y[i];
  return k > 0 ? s / k : 0;
}
