import type { ForecastModel } from './model';
import { flatForecast } from './model';

/** Mean of the last four weeks (or the equivalent span): whole weeks cancel the weekday pattern. */
export const movingAverage: ForecastModel = {
  name: 'moving-average',
  family: 'continuous',
  minHistory: (cal) => window(cal.freq),
  fit(y, cal) {
    const w = Math.min(y.length, window(cal.freq));
    let s = 0;
    for (let i = y.length - w; i < y.length; i++) s += y[i];
    return flatForecast(w > 0 ? s / w : 0);
  },
};

function window(freq: 'day' | 'week' | 'month'): number {
  return freq === 'day' ? 28 : freq === 'week' ? 8 : 3;
}
