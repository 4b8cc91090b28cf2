import { minimumOrder } from './order-rounding';
import type { ReorderRecommendation } from './reorder';
import type { Product } from './types';

/** A planner-readable account of a reorder recommendation: the numbers and where they came from. */
export function explainReorder(r: ReorderRecommendation, p: Product, classLabel?: string, givenLeadTimeDays = p.leadTimeDays): string {
  const u = (x: number) => fmt(x);
  const parts: string[] = [];
  if (r.action === 'order') {
    parts.push(
      `Order ${u(r.quantity)} units${r.warehouse ? ` for ${r.warehouse}` : ''} (${u(r.cases)} case${r.cases === 1 ? '' : 's'} of ${p.caseSize}) to arrive about ${r.arrivalDate}.`,
    );
  } else if (r.action === 'do-not-order') {
    parts.push(
      `Do not order: the smallest order the supplier takes (${u(minimumOrder(p))} units) is more than the ${u(r.expiryCap)} a new lot could sell before its sell-by date; ask for a smaller MOQ, a transfer or a shorter-dated lot.`,
    );
  } else if (r.flags.includes('no-demand')) {
    parts.push('No order: no demand is expected over lead time and review period.');
  } else {
    parts.push(`No order yet: stock position ${u(r.inventoryPosition)} is above the reorder point ${u(r.reorderPoint)}.`);
  }
  const stock = [`usable stock ${u(r.usableOnHand)}`];
  if (r.expiringUnsold > 0) stock.push(`after ${u(r.expiringUnsold)} expected to expire before selling`);
  if (r.inboundUnits > 0) stock.push(`plus ${u(r.inboundUnits)} inbound`);
  if (r.lateInboundUnits > 0) stock.push(`of which ${u(r.lateInboundUnits)} late, arrival unknown`);
  parts.push(`Position: ${stock.join(', ')}.`);
  parts.push(
    `Demand ${fmt(r.meanDailyDemand, 1)}/day (sd ${fmt(r.sdDailyDemand, 1)}); lead time ${givenLeadTimeDays === r.leadTimeDays ? r.leadTimeDays : `${givenLeadTimeDays} (planned as ${r.leadTimeDays} whole)`} ± ${p.leadTimeSdDays} days; review every ${r.reviewPeriodDays} days, so stock must cover ${r.protectionIntervalDays} days.`,
  );
  const target = `${(r.serviceLevel * 100).toFixed(1)} % service${classLabel ? ` for class ${classLabel}` : ''}`;
  parts.push(
    `Safety stock ${u(r.safetyStock)} (${r.flags.includes('safety-stock-override') ? 'planner override' : target}); reorder point ${u(r.reorderPoint)}; order up to ${u(r.orderUpTo)}.`,
  );
  if (r.action === 'order' && r.quantity !== Math.ceil(r.rawQuantity)) {
    const why = r.flags.includes('capped-by-expiry')
      ? `capped at ${u(r.expiryCap)} units that can sell before a new lot's sell-by date`
      : r.flags.includes('raised-to-moq')
        ? `raised to the MOQ of ${u(p.moq)}`
        : `rounded up to whole cases`;
    parts.push(`Need is ${u(r.rawQuantity)} units, ${why}.`);
  }
  parts.push(`Risk of running out before the next arrival (${r.nextArrivalDate}): ${(r.stockoutProbability * 100).toFixed(0)} %.`);
  if (r.projectedStockoutDate) parts.push(`Without a new order stock runs out around ${r.projectedStockoutDate}.`);
  if (r.flags.includes('late-inbound'))
    parts.push('An inbound shipment is late (past its ETA, not received): arrival unknown, counted only from the expected delay on.');
  if (r.confidence) parts.push(`Confidence ${r.confidence.note}.`);
  return parts.join(' ');
}

function fmt(x: number, digits = 0): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : 'n/a';
}
