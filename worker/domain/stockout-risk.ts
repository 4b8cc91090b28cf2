import { gammaExceedance } from './forecast/quantiles';
import type { Uncertainty } from './forecast/summary';
import type { LotOutcome } from './projection';

/**
 * P(stockout before day `arrival`): demand over days [0, arrival) against the stock on hand that
 * can still be sold by then (lots past their last selling day count what they are projected to
 * sell). Demand over the window is treated as gamma with the forecast's mean and variance
 * (count dispersion + level uncertainty, + d̄²·σL² when the window ends with an order's lead time).
 */
export function stockoutRiskBefore(
  arrival: number,
  leadTimeRisk: boolean,
  mean: Float64Array,
  u: Uncertainty,
  dbar: number,
  sdL: number,
  lots: readonly { quantity: number; availableFrom: number; unsellableFrom: number }[],
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
