/**
 * Traffic-light stock status: critical at or below half the safety stock, warning at or
 * below the safety stock, healthy above. Stock is usable stock on hand (sellable and expected
 * to sell before it expires).
 */
export type StockStatus = 'critical' | 'warning' | 'healthy';

export interface StatusResult {
  status: StockStatus;
  reason: string;
}

export function stockStatus(stock: number, safetyStock: number, meanDailyDemand: number): StatusResult {
  const s = Math.round(stock);
  const ss = Math.round(safetyStock);
  if (!(meanDailyDemand > 0)) return { status: 'healthy', reason: 'no demand expected' };
  if (stock <= 0) return { status: 'critical', reason: 'no usable stock on hand' };
  if (stock <= 0.5 * safetyStock) return { status: 'critical', reason: `usable stock ${s} is at most half the safety stock ${ss}` };
  if (stock <= safetyStock) return { status: 'warning', reason: `usable stock ${s} is at or below the safety stock ${ss}` };
  return { status: 'healthy', reason: `usable stock ${s} is above the safety stock ${ss}` };
}
