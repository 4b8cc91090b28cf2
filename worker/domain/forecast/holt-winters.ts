import type { Calendar } from './calendar';
import type { ForecastModel } from './model';

/**
 * Additive Holt-Winters with a damped trend and two seasonal cycles — day of week and day of
 * year (Taylor 2003, "double seasonal" exponential smoothing). The yearly cycle switches on
 * once two years of history exist; weekly/monthly data use only the yearly cycle.
 * Parameters come from a small grid by one-step in-sample squared error.
 */
const ALPHAS = [0.05, 0.2];
const TRENDS: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0.01, 0.98],
];
const GAMMAS = [0.02, 0.1];
const DELTAS = [0, 0.05];

export const holtWinters: ForecastModel = {
  name: 'holt-winters',
  family: 'continuous',
  minHistory: (cal) => (cal.freq === 'day' ? 28 : 2 * cal.periodsPerYear),
  fit(y, cal) {
    const n = y.length;
    const P = cal.periodsPerYear;
    const weekly = cal.freq === 'day';
    const yearly = !weekly || n >= 2 * P;
    const init = initialState(y, cal, weekly, yearly);
    const w = new Float64Array(7);
    const a = new Float64Array(P);
    let best = { sse: Infinity, l: 0, b: 0, phi: 1, w: new Float64Array(7), a: new Float64Array(P) };
    for (const alpha of ALPHAS) {
      for (const [beta, phi] of TRENDS) {
        for (const gamma of weekly ? GAMMAS : [0]) {
          for (const delta of yearly ? DELTAS : [0]) {
            w.set(init.w);
            a.set(init.a);
            let l = init.level;
            let b = 0;
            let sse = 0;
            for (let i = 0; i < n; i++) {
              const d = cal.dow[i];
              const s = cal.yearSlot[i];
              const e = y[i] - (l + phi * b + w[d] + a[s]);
              if (i >= init.warmup) sse += e * e;
              l = l + phi * b + alpha * e;
              b = phi * b + beta * e;
              w[d] += gamma * e;
              a[s] += delta * e;
            }
            if (sse < best.sse) best = { sse, l, b, phi, w: w.slice(), a: a.slice() };
          }
        }
      }
    }
    const fit = best;
    return {
      forecast(h) {
        const f = new Float64Array(h);
        let damp = 0;
        let pk = 1;
        for (let k = 0; k < h; k++) {
          pk *= fit.phi;
          damp += pk;
          const i = n + k;
          const v = fit.l + damp * fit.b + fit.w[cal.dow[i]] + fit.a[cal.yearSlot[i]];
          f[k] = v > 0 ? v : 0;
        }
        return f;
      },
    };
  },
};

interface State {
  level: number;
  w: Float64Array;
  a: Float64Array;
  warmup: number;
}

/** Starting level and seasonal offsets from the first season (first year when yearly is on). */
function initialState(y: Float64Array, cal: Calendar, weekly: boolean, yearly: boolean): State {
  const P = cal.periodsPerYear;
  const k = Math.min(y.length, yearly ? P : 28);
  let level = 0;
  for (let i = 0; i < k; i++) level += y[i];
  level /= k;
  const w = new Float64Array(7);
  if (weekly) {
    const cnt = new Float64Array(7);
    for (let i = 0; i < k; i++) {
      w[cal.dow[i]] += y[i] - level;
      cnt[cal.dow[i]]++;
    }
    for (let d = 0; d < 7; d++) w[d] = cnt[d] > 0 ? w[d] / cnt[d] : 0;
  }
  const a = new Float64Array(P);
  if (yearly) {
    // Daily slots get a ±7-day centred mean: one noisy day should not seed a year of forecasts.
    const half = weekly ? 7 : 0;
    for (let i = 0; i < k; i++) {
      let s = 0;
      let c = 0;
      for (let j = Math.max(0, i - half); j <= Math.min(k - 1, i + half); j++) {
        s += y[j] - w[cal.dow[j]];
        c++;
      }
      a[cal.yearSlot[i]] = s / c - level;
    }
  }
  return { level, w, a, warmup: Math.min(k, y.length >> 1) };
}
