import type { ExpiryBucket, SkuWasteRisk } from './waste';

/**
 * Waste risk added up by warehouse and by expiry bucket, for dashboards. Every lot priced by the
 * waste simulation counts once in the total, once in its warehouse and once in its bucket
 * (expired lots in `within-30`), so value at risk reconciles to the cent:
 * total = Σ buckets = Σ warehouses = Σ lots (expected waste value + certain loss).
 * Sums are taken in whole cents of the lots' rounded values.
 */
export interface WasteTotals {
  onHandUnits: number;
  expectedWasteUnits: number;
  /** Expected waste value + certain loss, to the cent. */
  valueAtRisk: number;
  /** The part of valueAtRisk that is certain (expired or too short-dated for the buyers). */
  certainLossValue: number;
}

export interface WasteRollUp {
  total: WasteTotals & { unsellableUnits: number; unsellableValue: number };
  byWarehouse: Record<string, WasteTotals>;
  byBucket: Record<ExpiryBucket, WasteTotals>;
}

interface Acc {
  units: number;
  waste: number;
  cents: number;
  lossCents: number;
}

const acc = (): Acc => ({ units: 0, waste: 0, cents: 0, lossCents: 0 });
const out = (a: Acc): WasteTotals => ({
  onHandUnits: a.units,
  expectedWasteUnits: a.waste,
  valueAtRisk: a.cents / 100,
  certainLossValue: a.lossCents / 100,
});

export function rollUpWaste(skus: readonly SkuWasteRisk[]): WasteRollUp {
  const byWarehouse: Record<string, Acc> = {};
  const byBucket: Record<ExpiryBucket, Acc> = { 'within-30': acc(), 'within-60': acc(), 'within-90': acc(), later: acc() };
  const total = acc();
  let unsellableUnits = 0;
  for (const s of skus) {
    unsellableUnits += s.unsellableUnits;
    for (const l of s.lots) {
      const c = Math.round(l.valueAtRisk * 100);
      for (const t of [(byWarehouse[l.warehouse] ??= acc()), byBucket[l.expiryBucket], total]) {
        t.units += l.quantity;
        t.waste += l.expectedWasteUnits;
        t.cents += c;
        if (l.certainLoss) t.lossCents += c;
      }
    }
  }
  const t = out(total);
  return {
    total: { ...t, unsellableUnits, unsellableValue: t.certainLossValue },
    byWarehouse: Object.fromEntries(
      Object.entries(byWarehouse)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([k, v]) => [k, out(v)]),
    ),
    byBucket: {
      'within-30': out(byBucket['within-30']),
      'within-60': out(byBucket['within-60']),
      'within-90': out(byBucket['within-90']),
      later: out(byBucket.later),
    },
  };
}
