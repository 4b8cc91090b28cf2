import type { DemandClass } from './forecast/demand-class';
import type { ModelScore } from './forecast/backtest';

/**
 * How much to trust a recommendation, from what the backtest measured and how much history
 * there was. Thresholds are deliberately coarse: the note is for people, not for maths.
 */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

export interface Confidence {
  level: ConfidenceLevel;
  note: string;
}

export function forecastConfidence(
  historyDays: number,
  demandClass: DemandClass,
  model: string,
  backtest: ModelScore | undefined,
): Confidence {
  const years = historyDays / 365;
  const span = years >= 1 ? `${years.toFixed(1)} years of history` : `${historyDays} days of history`;
  if (!backtest || !Number.isFinite(backtest.wape)) {
    return { level: 'low', note: `${span}, too little to backtest; ${model} forecast is a rough guide` };
  }
  const measured = `backtest WAPE ${backtest.wape.toFixed(0)} %, bias ${backtest.biasPct >= 0 ? '+' : ''}${backtest.biasPct.toFixed(1)} % (${model})`;
  const intermittent = demandClass === 'intermittent' || demandClass === 'lumpy';
  let level: ConfidenceLevel = 'low';
  if (historyDays >= 365 && backtest.wape <= 30 && Math.abs(backtest.biasPct) <= 10 && !intermittent) level = 'high';
  else if (historyDays >= 90 && backtest.wape <= 60 && Math.abs(backtest.biasPct) <= 25) level = 'medium';
  const why = intermittent ? '; demand is intermittent, so timing of single orders is uncertain' : '';
  return { level, note: `${level}: ${span}; ${measured}${why}` };
}
