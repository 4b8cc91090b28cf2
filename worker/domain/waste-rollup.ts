import type { ExpiryBucket, SkuWasteRisk } from './waste';

/** Waste risk added up by warehouse and by expiry bucket, for dashboards. */
export interface WasteTotals {
  onHandUnits: number;
  expectedWasteUnits: number;
  valueAtRisk: number;
}

export interface WasteRollUp {
  total: WasteTotals & { unsellableUnits: number; unsellableValue: number };
  byWarehouse: Record<string, WasteTotals>;
  byBucket: Record<ExpiryBucket, WasteTotals>;
}

function empty(): WasteTotals {
  return { onHandUnits: 0, expectedWasteUnits: 0, valueAtRisk: 0 };
}

export function rollUpWaste(skus: readonly SkuWasteRisk[]): WasteRollUp {
  const byWarehouse: Record<string, WasteTotals> = {};
  const byBucket: Record<ExpiryBucket, WasteTotals> = { 'within-30': empty(), 'within-60': empty(), 'within-90': empty(), later: empty() };
  const total = { ...empty(), unsellableUnits: 0, unsellableValue: 0 };
  for (const s of skus) {
    total.unsellableUnits += s.unsellableUnits;
    total.unsellableValue += s.unsellableValue;
    for (const l of s.lots) {
      for (const t of [(byWarehouse[l.warehouse] ??= empty()), byBucket[l.expiryBucket], total]) {
        t.onHandUnits += l.quantity;
        t.expectedWasteUnits += l.expectedWasteUnits;
        t.valueAtRisk += l.valueAtRisk;
      }
    }
  }
  return { total, byWarehouse, byBucket };
}
