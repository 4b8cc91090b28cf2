import { wholeDaysUp } from './day-counts';

/**
 * Customers' own shelf-life rules. A SKU's demand (in one warehouse) is split into segments by
 * the minimum remaining shelf life the buying customers require (their own rule, or the
 * product's when they have none), weighted by the units they bought. A lot can serve a segment
 * while its days to expiry are at least max(1, rule) — a lot is never sold on its expiration
 * date; it stays sellable at all while it meets the loosest segment's rule.
 */
export interface ShelfLifeSegment {
  /** Whole days of shelf life the segment's customers require at delivery. */
  minRemainingDays: number;
  /** Share of the SKU's demand in this segment (segments sum to 1). */
  share: number;
  /** Customers in the segment, biggest buyers first (empty: the product's default rule). */
  customers: string[];
}

/** Days to expiry a lot needs to serve a segment. */
export const daysNeeded = (minRemainingDays: number): number => Math.max(1, minRemainingDays);

/**
 * Segments from units bought per customer. `ruleOf(customerId)` is the customer's own rule or
 * null; `productRule` applies otherwise. Without any buyer, one segment with the product's rule.
 */
export function shelfLifeSegments(
  unitsByCustomer: ReadonlyMap<string, number>,
  ruleOf: (customerId: string) => number | null | undefined,
  productRule: number,
): ShelfLifeSegment[] {
  const byRule = new Map<number, { units: number; customers: { id: string; units: number }[] }>();
  let total = 0;
  for (const [id, units] of unitsByCustomer) {
    if (!(units > 0)) continue;
    const own = ruleOf(id);
    const rule = own === null || own === undefined ? wholeDaysUp(productRule) : wholeDaysUp(own);
    const seg = byRule.get(rule) ?? { units: 0, customers: [] };
    seg.units += units;
    seg.customers.push({ id, units });
    byRule.set(rule, seg);
    total += units;
  }
  if (total <= 0) return [{ minRemainingDays: wholeDaysUp(productRule), share: 1, customers: [] }];
  return [...byRule.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rule, s]) => ({
      minRemainingDays: rule,
      share: s.units / total,
      customers: s.customers.sort((a, b) => b.units - a.units || (a.id < b.id ? -1 : 1)).map((c) => c.id),
    }));
}

/** The loosest rule among segments: below it no buying customer takes the lot. */
export function loosestRule(segments: readonly ShelfLifeSegment[]): number {
  return segments.length ? Math.min(...segments.map((s) => s.minRemainingDays)) : 0;
}

/** One segment with the product's rule (callers that know no customers). */
export function productSegment(minRemainingDays: number): ShelfLifeSegment[] {
  return [{ minRemainingDays: wholeDaysUp(minRemainingDays), share: 1, customers: [] }];
}
