import type { Product } from './types';

/** Turning a wanted quantity into something a supplier ships and the shelf life allows. */
export type ReorderAction = 'order' | 'none' | 'do-not-order';
export type ReorderFlag =
  | 'moq-exceeds-expiry-cap'
  | 'capped-by-expiry'
  | 'raised-to-moq'
  | 'no-demand'
  | 'late-inbound'
  | 'safety-stock-override'
  | 'reorder-point-override';

/** Whole cases, at least the MOQ, never above the expiry cap. */
export function roundOrder(
  raw: number,
  cap: number,
  p: Pick<Product, 'caseSize' | 'moq'>,
  flags: ReorderFlag[],
): { action: ReorderAction; quantity: number } {
  if (!(raw > 0)) return { action: 'none', quantity: 0 };
  const pack = p.caseSize > 0 ? p.caseSize : 1;
  const moq = minimumOrder(p);
  const capUnits = Math.floor(Math.max(0, cap) / pack) * pack;
  // The tolerance keeps float dust (raw 48.0000001) from costing a whole extra case.
  let q = Math.ceil(raw / pack - 1e-9) * pack;
  if (q <= 0) return { action: 'none', quantity: 0 };
  if (q < moq) {
    q = moq;
    flags.push('raised-to-moq');
  }
  if (q <= capUnits) return { action: 'order', quantity: q };
  if (capUnits >= moq && capUnits > 0) {
    flags.push('capped-by-expiry');
    return { action: 'order', quantity: capUnits };
  }
  flags.push('moq-exceeds-expiry-cap');
  return { action: 'do-not-order', quantity: 0 };
}

/** The smallest order a supplier accepts: the MOQ in whole cases, and at least one case. */
export function minimumOrder(p: Pick<Product, 'caseSize' | 'moq'>): number {
  const pack = p.caseSize > 0 ? p.caseSize : 1;
  return Math.max(pack, Math.ceil(Math.max(0, p.moq) / pack) * pack);
}
