// `npx tsx scripts/plan-figures.ts [asOf]`: headline planning figures for the demo tenant as the
// start-up seed generates it for `asOf` (default today): value at risk of lots expiring within 30
// days (as GET /api/expiring?days=30 totals it) and the SKUs at stock-out risk (as
// GET /api/stockouts?days=30 lists them, and those with P(stock-out before the next arrival) ≥ 50 %).
import { generateTenant } from '../sample_data/generator';
import { planInputFrom } from '../bench/lib/refresh-input';
import { addDays } from '../worker/domain/dates';
import { planTenant } from '../worker/domain/plan';

const asOf = process.argv[2] ?? new Date().toISOString().slice(0, 10);
const data = generateTenant({ seed: 20261121, anchorDate: asOf, profile: 'demo' });
const input = planInputFrom(data, asOf);
const plan = planTenant(input, asOf);
const limit = addDays(asOf, 30);
const risk = new Map(plan.skus.flatMap((s) => s.waste.lots.map((l) => [`${l.warehouse}|${l.lotId}`, l] as const)));
let valueAtRisk = 0;
let unpriced = 0;
for (const l of input.lots) {
  if (!(l.quantityOnHand > 0) || l.expirationDate > limit) continue;
  const r = risk.get(`${l.warehouse}|${l.lotId}`);
  if (l.expirationDate <= asOf) valueAtRisk += l.quantityOnHand * l.unitCost;
  else if (r) valueAtRisk += r.valueAtRisk;
  else unpriced++;
}
const stockouts = plan.skus.filter((s) => s.reorder.projectedStockoutDate !== null && s.reorder.projectedStockoutDate <= limit);
const today = plan.skus.filter((s) => s.reorder.projectedStockoutDate === asOf);
const highRisk = plan.skus.filter((s) => s.reorder.stockoutProbability >= 0.5);
const healthyAtRisk = highRisk.filter((s) => s.status.status === 'healthy');
console.log(`demo tenant as of ${asOf}: ${plan.skus.length} SKUs, ${input.lots.length} lots`);
console.log(
  `  value at risk, lots expiring within 30 days: ${valueAtRisk.toFixed(2)} (${unpriced} lots without a price: held, or not priced by this version)`,
);
console.log(`  SKUs projected to stock out within 30 days: ${stockouts.length}`);
console.log(`  of which out of stock today (in at least one warehouse): ${today.length}`);
console.log(`  SKUs with P(stock-out before next arrival) >= 50 %: ${highRisk.length} (${healthyAtRisk.length} of them "healthy")`);
console.log(
  `  plan waste total value at risk: ${plan.waste.total.valueAtRisk.toFixed(2)}; unsellable ${plan.waste.total.unsellableValue?.toFixed(2)}`,
);
