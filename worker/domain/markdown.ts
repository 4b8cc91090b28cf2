/**
 * The discount that lets a lot at risk sell before its sell-by date, from the demand model.
 *
 * Without a markdown the plan expects `wasteUnits` of the lot to expire unsold while the SKU sells
 * `meanDailyDemand` units a day for the `daysLeft` days the lot can still ship. Selling the waste
 * too needs demand higher by the factor 1 + u, u = wasteUnits / (meanDailyDemand · daysLeft).
 * Under constant price elasticity ε (< 0) demand scales as (price ratio)^ε, so a discount δ gives
 * (1 − δ)^ε = 1 + u, i.e. δ = 1 − (1 + u)^(1/ε). The discount is capped (a deep markdown trains
 * customers to wait); at the cap the lot still wastes wasteUnits − (((1 − δmax)^ε − 1) · d̄ · D).
 * docs/actions.md gives a worked example.
 */
export interface MarkdownInput {
  wasteUnits: number;
  meanDailyDemand: number;
  daysLeft: number;
  /** Price elasticity of demand, negative (default −2: a 10 % cut sells about 23 % more). */
  elasticity?: number;
  maxDiscount?: number;
}

export interface Markdown {
  /** Fraction off the list price, rounded up to whole percent. */
  discount: number;
  /** Demand uplift the discount must create. */
  uplift: number;
  /** Units still expected to expire at this discount. */
  residualWasteUnits: number;
  capped: boolean;
}

export const DEFAULT_ELASTICITY = -2;
export const DEFAULT_MAX_DISCOUNT = 0.5;

export function markdownFor(input: MarkdownInput): Markdown | null {
  const e = input.elasticity !== undefined && input.elasticity < 0 ? input.elasticity : DEFAULT_ELASTICITY;
  const max = Math.min(0.95, Math.max(0.01, input.maxDiscount ?? DEFAULT_MAX_DISCOUNT));
  const base = input.meanDailyDemand * input.daysLeft;
  if (!(input.wasteUnits > 0) || !(base > 0)) return null;
  const uplift = input.wasteUnits / base;
  const wanted = 1 - Math.pow(1 + uplift, 1 / e);
  const discount = Math.min(max, Math.ceil(wanted * 100 - 1e-9) / 100);
  const extraUnits = (Math.pow(1 - discount, e) - 1) * base;
  return { discount, uplift, residualWasteUnits: Math.max(0, input.wasteUnits - extraUnits), capped: wanted > max };
}
