import type { DemandClass } from './forecast/demand-class';
import type { ModelScore } from './forecast/backtest';
import { CONFIDENCE_KO, modelName, type Text2 } from './text';

/**
 * How much to trust a recommendation, from what the backtest measured and how much history
 * there was. Thresholds are deliberately coarse: the note is for people, not for maths.
 */
export type ConfidenceLevel = 'high' | 'medium' | 'low';

export interface Confidence {
  level: ConfidenceLevel;
  note: string;
  /** The same note in Korean; absent in plans stored before it was written. */
  noteKo?: string;
}

export function forecastConfidence(
  historyDays: number,
  demandClass: DemandClass,
  model: string,
  backtest: ModelScore | undefined,
): Confidence {
  const years = historyDays / 365;
  const span: Text2 =
    years >= 1
      ? { en: `${years.toFixed(1)} years of history`, ko: `이력 ${years.toFixed(1)}년` }
      : { en: `${historyDays} days of history`, ko: `이력 ${historyDays}일` };
  if (!backtest || !Number.isFinite(backtest.wape)) {
    return {
      level: 'low',
      note: `${span.en}, too little to backtest; ${model} forecast is a rough guide`,
      noteKo: `${span.ko}, 백테스트하기에 부족; ${modelName('ko', model)} 예측은 대략적인 참고용`,
    };
  }
  const wape = backtest.wape.toFixed(0);
  const bias = `${backtest.biasPct >= 0 ? '+' : ''}${backtest.biasPct.toFixed(1)}`;
  const intermittent = demandClass === 'intermittent' || demandClass === 'lumpy';
  let level: ConfidenceLevel = 'low';
  if (historyDays >= 365 && backtest.wape <= 30 && Math.abs(backtest.biasPct) <= 10 && !intermittent) level = 'high';
  else if (historyDays >= 90 && backtest.wape <= 60 && Math.abs(backtest.biasPct) <= 25) level = 'medium';
  const why: Text2 = intermittent
    ? { en: '; demand is intermittent, so timing of single orders is uncertain', ko: '; 수요가 간헐적이라 개별 주문 시점이 불확실' }
    : { en: '', ko: '' };
  return {
    level,
    note: `${level}: ${span.en}; backtest WAPE ${wape} %, bias ${bias} % (${model})${why.en}`,
    noteKo: `${CONFIDENCE_KO[level]}: ${span.ko}; 백테스트 WAPE ${wape}%, 편향 ${bias}% (${modelName('ko', model)})${why.ko}`,
  };
}
