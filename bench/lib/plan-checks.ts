// Whether a plan contradicts itself across warehouses (ADR 030), counted the same way by
// scripts/allocation-figures.ts and test/domain/allocation.test.ts: SKUs moved both ways between two
// warehouses, and lots that the plan's actions (transfers, markdowns, sales, write-offs) ask more
// of than they hold.
import { candidatesFromPlan, type ActionCandidate } from '../../worker/actions/plan-adapter';
import type { PlanInput, TenantPlan } from '../../worker/domain/plan-types';

/** The plan's action candidates, with the products, lots and customers of the plan's own input. */
export function planCandidates(input: PlanInput, plan: TenantPlan): ActionCandidate[] {
  return candidatesFromPlan(plan, {
    products: new Map(input.products.map((p) => [p.sku, { supplier: '', ...p }])),
    lots: new Map(
      input.lots.map((l) => [
        l.lotId,
        { quantity: l.quantityOnHand, unitCost: l.unitCost, expirationDate: l.expirationDate, warehouse: l.warehouse },
      ]),
    ),
    customers: (input.customers ?? []).map((c) => ({
      customerId: c.customerId,
      minRemainingShelfLifeDays: c.minRemainingShelfLifeDays ?? null,
    })),
  });
}

/** Pairs of transfers moving one SKU both ways between two warehouses, as `sku|a|b` (a < b). */
export function circularMoves(plan: TenantPlan): string[] {
  const moves = new Set(plan.transfers.map((t) => `${t.sku}|${t.fromWarehouse}|${t.toWarehouse}`));
  return [...moves].filter((k) => {
    const [sku, from, to] = k.split('|');
    return from < to && moves.has(`${sku}|${to}|${from}`);
  });
}

/** Lots (`warehouse|lotId`, units asked) whose actions ask more units than the lot holds. */
export function overCommittedLots(input: PlanInput, candidates: readonly ActionCandidate[]): [string, number][] {
  const held = new Map(input.lots.map((l) => [`${l.warehouse}|${l.lotId}`, l.quantityOnHand]));
  const asked = new Map<string, number>();
  for (const c of candidates) {
    if (!c.lotId || c.kind === 'reorder') continue;
    const k = `${c.warehouse}|${c.lotId}`;
    asked.set(k, (asked.get(k) ?? 0) + c.quantity);
  }
  return [...asked].filter(([k, q]) => q > (held.get(k) ?? 0) + 1e-9);
}
