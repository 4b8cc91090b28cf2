import { cumulativeError, mase, rmsse, smapeTerm } from './metrics';

/**
 * Accumulates holdout accuracy over many series the way the backtest report defines it:
 * sMAPE is the mean over all series × periods, WAPE and bias are ratios of totals, MASE and
 * RMSSE are means over series (skipping series whose naive scale is zero), cumulative error is
 * Σ|ΣF − ΣA| / ΣΣA at each horizon.
 */
export interface AccuracySummary {
  series: number;
  wape: number;
  smape: number;
  mase: number;
  rmsse: number;
  bias: number;
  /** Keyed by horizon in periods. */
  cumulative: Record<number, number>;
  seconds: number;
}

export class AccuracyAccumulator {
  private series = 0;
  private absErr = 0;
  private actual = 0;
  private signedErr = 0;
  private smapeSum = 0;
  private points = 0;
  private maseSum = 0;
  private maseCount = 0;
  private rmsseSum = 0;
  private rmsseCount = 0;
  private readonly cumErr: number[];
  private readonly cumAct: number[];
  seconds = 0;

  constructor(private readonly horizons: readonly number[]) {
    this.cumErr = horizons.map(() => 0);
    this.cumAct = horizons.map(() => 0);
  }

  add(actual: ArrayLike<number>, forecast: ArrayLike<number>, train: ArrayLike<number>, season: number): void {
    this.series++;
    for (let i = 0; i < actual.length; i++) {
      const a = actual[i];
      const f = forecast[i];
      this.absErr += Math.abs(f - a);
      this.signedErr += f - a;
      this.actual += a;
      this.smapeSum += smapeTerm(a, f);
      this.points++;
    }
    const m = mase(actual, forecast, train, season);
    if (Number.isFinite(m)) {
      this.maseSum += m;
      this.maseCount++;
    }
    const r = rmsse(actual, forecast, train, season);
    if (Number.isFinite(r)) {
      this.rmsseSum += r;
      this.rmsseCount++;
    }
    this.horizons.forEach((h, k) => {
      const c = cumulativeError(actual, forecast, h);
      this.cumErr[k] += Math.abs(c.units);
      this.cumAct[k] += c.actual;
    });
  }

  summary(): AccuracySummary {
    const pct = (num: number, den: number) => (den > 0 ? (100 * num) / den : Number.NaN);
    const cumulative: Record<number, number> = {};
    this.horizons.forEach((h, k) => (cumulative[h] = pct(this.cumErr[k], this.cumAct[k])));
    return {
      series: this.series,
      wape: pct(this.absErr, this.actual),
      smape: this.points > 0 ? this.smapeSum / this.points : Number.NaN,
      mase: this.maseCount > 0 ? this.maseSum / this.maseCount : Number.NaN,
      rmsse: this.rmsseCount > 0 ? this.rmsseSum / this.rmsseCount : Number.NaN,
      bias: pct(this.signedErr, this.actual),
      cumulative,
      seconds: this.seconds,
    };
  }
}
