// `npx tsx scripts/allocation-figures.ts [asOf]`: whether the demo tenant's plan contradicts itself
// across warehouses (ADR 030): transfers, SKUs moved both ways between two warehouses, lots the
// plan's actions (transfers, markdowns, sales, write-offs) ask more of than they hold, and
// warehouses that receive a transfer and are still ordered more than their need.
import { generateTenant } from '../sample_data/generator';
import { circularMoves, overCommittedLots, planCandidates } from '../bench/lib/plan-checks';
import { planInputFrom } from '../bench/lib/refresh-input';
import { roundOrder } from '../worker/domain/order-rounding';
import { planTenant } from '../worker/domain/plan';

const asOf = process.argv[2] ?? new Date().toISOString().slice(0, 10);
const data = generateTenant({ seed: 20261121, anchorDate: asOf, profile: 'demo' });
const input = planInputFrom(data, asOf);
const plan = planTenant(input, asOf);
const candidates = planCandidates(input, plan);
const circular = circularMoves(plan);
const over = overCommittedLots(input, candidates);
// Receivers whose order is not net of what they receive: the order placed is more than the need
// left after the transfers, rounded to case pack and MOQ within the expiry cap.
const products = new Map(input.products.map((p) => [p.sku, p]));
let notNetted = 0;
for (const s of plan.skus) {
  for (const w of s.warehouses) {
    const received = s.transfers.filter((t) => t.toWarehouse === w.warehouse).reduce((a, t) => a + t.quantity, 0);
    if (!received) continue;
    const r = w.reorder;
    const gross = r.rawQuantity + (r.transferInUnits ?? 0);
    const cap = r.expiryCap + (r.transferInUnits ?? 0);
    const net = roundOrder(Math.max(0, gross - received), Math.max(0, cap - received), products.get(s.sku)!, []);
    if ((r.action === 'order' ? r.quantity : 0) > net.quantity) notNetted++;
  }
}
// Senders that give away units their position counts and so fall to (or stay at) their reorder point.
let short = 0;
for (const s of plan.skus) {
  for (const w of s.warehouses) {
    const certain = new Set(w.waste.lots.filter((l) => l.certainLoss).map((l) => l.lotId));
    const sent = s.transfers.filter((t) => t.fromWarehouse === w.warehouse && !certain.has(t.lotId)).reduce((a, t) => a + t.quantity, 0);
    const r = w.reorder;
    const out = r.transferOutUnits ?? Math.max(0, sent - r.expiringUnsold);
    const before = r.inventoryPosition + out;
    if (out > 0 && r.meanDailyDemand > 0 && before - out <= r.reorderPoint) short++;
  }
}
const count = (k: string) => candidates.filter((c) => c.kind === k).length;
console.log(`demo tenant as of ${asOf}: ${plan.skus.length} SKUs, ${input.lots.length} lots`);
console.log(`  transfers: ${plan.transfers.length} (${plan.transfers.reduce((a, t) => a + t.quantity, 0)} units)`);
console.log(`  circular pairs (SKU moved both ways between two warehouses): ${circular.length}`);
console.log(`  over-committed lots (actions ask more than the lot holds): ${over.length}`);
console.log(`  receivers whose order is not net of what they receive: ${notNetted}`);
console.log(`  senders left at or below their reorder point by what they send: ${short}`);
console.log(
  `  actions: reorder ${count('reorder')}, transfer ${count('transfer')}, markdown ${count('markdown')}, sell ${count('sell')}, write_off ${count('write_off')}`,
);
