import type { LotRow } from './movements.repo';
export function allocateFefo(lots: LotRow[], qty: number, asOf: string, opts: { minRemainingDays: number }) {
  const min = new Date(Date.parse(asOf + 'T00:00:00Z') + opts.minRemainingDays * 86400000).toISOString().slice(0, 10);
  let left = qty;
  const picks: { lotId: string; quantity: number }[] = [];
  for (const l of lots) {
    if (left <= 0) break;
    if (l.status !== 'available' || l.expirationDate <= asOf || l.expirationDate < min || l.quantityOnHand <= 0) continue;
    const q = Math.min(left, l.quantityOnHand);
    picks.push({ lotId: l.lotId, quantity: q });
    left -= q;
  }
  return { picks, shortage: left };
}
