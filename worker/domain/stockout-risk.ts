import { gammaExceedance } from './forecast/quantiles';
import type { Uncertainty } from './forecast/summary';
import type { LotOutcome, ProjectedLot } from './projection';

/** P(stockout before day `arrival`): demand then versus stock that can still be sold by then. */
export function stockoutRiskBefore(
  arrival: number,
  leadTimeRisk: boolean,
  mean: Float64Array,
  u: Uncertainty,
  dbar: number,
  sdL: number,
  lots: readonly ProjectedLot[],
  outcomes: readonly LotOutcome[],
): number {
  let m = 0;
  for (let t = 0; t < arrival; t++) m += mean[t];
  let stock = 0;
  lots.forEach((l, i) => {
    if (l.availableFrom > 0) return;
    stock += l.unsellableFrom >= arrival ? l.quantity : Math.min(l.quantity, outcomes[i].sold);
  });
  const variance = u.dispersion * m + (u.levelSd * m) ** 2 + (leadTimeRisk ? dbar * dbar * sdL * sdL : 0);
  return gammaExceedance(stock, m, variance);
}
