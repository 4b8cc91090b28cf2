import type { DemandClass } from './demand-class';
import { isIntermittent } from './demand-class';
import { holtWinters } from './holt-winters';
import { crostonModel, sbaModel, tsbModel } from './intermittent';
import { linearTrend } from './linear-trend';
import type { ForecastModel, ModelName } from './model';
import { movingAverage } from './moving-average';
import { profileModel } from './profile';
import { seasonalNaive } from './seasonal-naive';
import { ses } from './ses';

/** Every model, simplest first: on a tied backtest score the simpler model wins. */
export const MODELS: readonly ForecastModel[] = [
  movingAverage,
  ses,
  seasonalNaive,
  linearTrend,
  holtWinters,
  profileModel,
  crostonModel,
  sbaModel,
  tsbModel,
];

export function modelByName(name: ModelName): ForecastModel {
  const m = MODELS.find((x) => x.name === name);
  if (!m) throw new RangeError(`unknown model: ${name}`);
  return m;
}

/**
 * Intermittent and lumpy series are only offered Croston-type methods: continuous methods
 * smooth zeros into a small daily rate that backtests well on squared error but misstates
 * how demand arrives (and the all-zero forecast must never win on MAE).
 */
export function candidatesFor(c: DemandClass): ForecastModel[] {
  const family = isIntermittent(c) ? 'intermittent' : 'continuous';
  return MODELS.filter((m) => m.family === family);
}
