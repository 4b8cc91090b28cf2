/**
 * Censored demand: a day with no sellable stock and no sales says nothing about demand — it is
 * missing, not zero. Fitting on those zeros would teach the model that demand fell, and the
 * next order would be smaller still. Missing days are filled with the mean of the same weekday
 * over the nearest observed weeks before it (up to `weeks` of them), else the mean of the
 * observed days in the last four weeks, else left at 0. Days with sales are kept as recorded
 * (a partial day's sales are a lower bound; we do not inflate them).
 */
export const IMPUTE_WEEKS = 4;

/**
 * @param y units sold per day (not modified)
 * @param stockedOut 1 where the day began with no sellable stock (same length or shorter)
 * @returns a copy with censored days imputed, and how many days were imputed
 */
export function imputeCensored(
  y: Float64Array,
  stockedOut: ArrayLike<number> | undefined,
  weeks = IMPUTE_WEEKS,
): { y: Float64Array; imputed: number } {
  if (!stockedOut) return { y, imputed: 0 };
  const out = Float64Array.from(y);
  const missing = (i: number) => i < stockedOut.length && stockedOut[i] > 0 && y[i] === 0;
  let imputed = 0;
  for (let i = 0; i < y.length; i++) {
    if (!missing(i)) continue;
    let s = 0;
    let n = 0;
    for (let j = i - 7; j >= 0 && n < weeks && j >= i - 7 * 3 * weeks; j -= 7) {
      if (missing(j)) continue;
      s += y[j];
      n++;
    }
    if (n === 0) {
      for (let j = Math.max(0, i - 28); j < i; j++) {
        if (missing(j)) continue;
        s += y[j];
        n++;
      }
    }
    if (n > 0) {
      out[i] = s / n;
      imputed++;
    }
  }
  return { y: out, imputed };
}
