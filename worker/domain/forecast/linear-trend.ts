import { periodsForDays } from './calendar';
import type { ForecastModel } from './model';

/**
 * Least-squares straight line through the last year of history, extrapolated and floored at
 * zero. Only a year, because older demand says little about today's slope.
 */
export const linearTrend: ForecastModel = {
  name: 'linear-trend',
  family: 'continuous',
  minHistory: (cal) => Math.max(6, periodsForDays(cal.freq, 28)),
  fit(y, cal) {
    const n = Math.min(y.length, cal.periodsPerYear);
    const off = y.length - n;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const v = y[off + i];
      sx += i;
      sy += v;
      sxx += i * i;
      sxy += i * v;
    }
    const den = n * sxx - sx * sx;
    const slope = den > 0 ? (n * sxy - sx * sy) / den : 0;
    const intercept = n > 0 ? (sy - slope * sx) / n : 0;
    return {
      forecast(h) {
        const f = new Float64Array(h);
        for (let i = 0; i < h; i++) f[i] = Math.max(0, intercept + slope * (n + i));
        return f;
      },
    };
  },
};
