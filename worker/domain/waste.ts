import { fromDay, toDay } from './dates';
import { rankFefo } from './fefo';
import { extendMean } from './projection';
import { countInverse } from './forecast/quantiles';
import type { Uncertainty } from './forecast/summary';
import { createRng, seedFrom } from './random';
import { normalQuantile } from './stats';
import type { IsoDate, Lot } from './types';

/**
 * Waste risk by Monte Carlo: many demand paths drawn from the forecast distribution are
 * consumed FEFO from a SKU's sellable lots; whatever is still on hand when a lot reaches its
 * sell-by date (expiry minus the customers' minimum remaining life) expires unsold.
 * Each path has a shared level factor (the forecast may be too high or low for weeks) and
 * daily count noise. Uniforms are drawn per path and day and turned into demand by inverse
 * CDF, so more stock or less demand can only add waste on every path (common random numbers).
 */
export type ExpiryBucket = 'within-30' | 'within-60' | 'within-90' | 'later';

export interface LotWasteRisk {
  lotId: string;
  warehouse: string;
  quantity: number;
  expirationDate: IsoDate;
  /** Last day the lot can still ship to customers. */
  sellByDate: IsoDate;
  daysToExpiry: number;
  expiryBucket: ExpiryBucket;
  expectedWasteUnits: number;
  probabilityOfWaste: number;
  valueAtRisk: number;
}

export interface SkuWasteRisk {
  sku: string;
  expectedWasteUnits: number;
  probabilityAnyWaste: number;
  valueAtRisk: number;
  /** Expired or too short-dated for customers today: certain loss. */
  unsellableUnits: number;
  unsellableValue: number;
  lots: LotWasteRisk[];
}

export interface WasteInput {
  sku: string;
  lots: readonly Lot[];
  asOf: IsoDate;
  minRemainingDays: number;
  /** Mean daily demand from asOf on; padded with its last four weeks' mean if short. */
  demandMean: ArrayLike<number>;
  uncertainty: Uncertainty;
}

export interface WasteOptions {
  paths?: number;
  seed?: number;
  /** Lots that stay sellable past this many days are not simulated further. */
  horizonCapDays?: number;
}

export function simulateWasteRisk(input: WasteInput, opts: WasteOptions = {}): SkuWasteRisk {
  const paths = Math.max(1, Math.floor(opts.paths ?? 200));
  const today = toDay(input.asOf);
  const { ranked, skipped } = rankFefo(input.lots, input.asOf, { sku: input.sku, minRemainingDays: input.minRemainingDays });
  const unsellable = skipped.filter((s) => s.code === 'expired' || s.code === 'short-life').map((s) => s.lot);
  const lots = ranked.map((r) => r.lot);
  const L = lots.length;
  const qty = Float64Array.from(lots, (l) => l.quantityOnHand);
  // First day each lot can no longer ship (same rule as FEFO: ≥ 1 day and ≥ the minimum left).
  const minLeft = Math.max(1, input.minRemainingDays);
  const sellBy = Int32Array.from(lots, (l) => toDay(l.expirationDate) - minLeft + 1 - today);
  const T = Math.min(opts.horizonCapDays ?? 365, L ? Math.max(...sellBy) : 0);
  const mean = extendMean(input.demandMean, T);
  const { dispersion, levelSd } = input.uncertainty;
  const sigma = Math.sqrt(Math.log(1 + levelSd * levelSd));
  const waste = new Float64Array(L);
  const wasted = new Float64Array(L);
  const rem = new Float64Array(L);
  let anyWaste = 0;
  const base = seedFrom(input.sku, opts.seed ?? 0);
  for (let p = 0; p < paths; p++) {
    const rng = createRng(seedFrom(String(p), base));
    const level = sigma > 0 ? Math.exp(sigma * normalQuantile(rng.next()) - (sigma * sigma) / 2) : 1;
    rem.set(qty);
    let expiring = 0;
    let cursor = 0;
    let pathWaste = false;
    for (let t = 0; t <= T; t++) {
      while (expiring < L && sellBy[expiring] <= t) {
        if (rem[expiring] > 0) {
          waste[expiring] += rem[expiring];
          wasted[expiring]++;
          pathWaste = true;
          rem[expiring] = 0;
        }
        expiring++;
      }
      if (cursor < expiring) cursor = expiring;
      while (cursor < L && rem[cursor] <= 0) cursor++;
      if (cursor >= L || t === T) break;
      const mu = mean[t] * level;
      let d = countInverse(rng.next(), mu, dispersion * mu, 30);
      while (d > 0 && cursor < L) {
        const take = Math.min(d, rem[cursor]);
        rem[cursor] -= take;
        d -= take;
        if (rem[cursor] <= 0) cursor++;
      }
    }
    if (pathWaste) anyWaste++;
  }
  const lotRisks = lots.map((l, i): LotWasteRisk => {
    const units = waste[i] / paths;
    const days = toDay(l.expirationDate) - today;
    return {
      lotId: l.lotId,
      warehouse: l.warehouse,
      quantity: l.quantityOnHand,
      expirationDate: l.expirationDate,
      sellByDate: fromDay(today + sellBy[i] - 1),
      daysToExpiry: days,
      expiryBucket: bucketOf(days),
      expectedWasteUnits: units,
      probabilityOfWaste: wasted[i] / paths,
      valueAtRisk: units * l.unitCost,
    };
  });
  return {
    sku: input.sku,
    expectedWasteUnits: lotRisks.reduce((s, l) => s + l.expectedWasteUnits, 0),
    probabilityAnyWaste: anyWaste / paths,
    valueAtRisk: lotRisks.reduce((s, l) => s + l.valueAtRisk, 0),
    unsellableUnits: unsellable.reduce((s, l) => s + Math.max(0, l.quantityOnHand), 0),
    unsellableValue: unsellable.reduce((s, l) => s + Math.max(0, l.quantityOnHand) * l.unitCost, 0),
    lots: lotRisks,
  };
}

export function bucketOf(daysToExpiry: number): ExpiryBucket {
  return daysToExpiry <= 30 ? 'within-30' : daysToExpiry <= 60 ? 'within-60' : daysToExpiry <= 90 ? 'within-90' : 'later';
}
