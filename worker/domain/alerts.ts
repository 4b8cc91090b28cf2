import type { TenantPlan } from './plan-types';
import { toDay } from './dates';

/** What deserves a planner's attention today, each with a key that stays stable while it lasts. */
export interface PlanAlert {
  dedupeKey: string;
  kind: 'stock-critical' | 'stockout' | 'expiry';
  severity: 'warning' | 'critical';
  message: string;
}

/** ISO-8601 week label (e.g. 2026-W47): one stock alert per SKU per week, not one per refresh. */
export function isoWeek(iso: string): string {
  const day = toDay(iso);
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday = 0 (1970-01-01 was a Thursday)
  const thursday = day - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - toDay(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function planAlerts(plan: TenantPlan, opts: { expiryDays?: number; wasteProbability?: number } = {}): PlanAlert[] {
  const expiryDays = opts.expiryDays ?? 7;
  const minP = opts.wasteProbability ?? 0.5;
  const week = isoWeek(plan.asOf);
  const out: PlanAlert[] = [];
  for (const s of plan.skus) {
    const label = s.name ? `${s.sku} (${s.name})` : s.sku;
    if (s.status.status === 'critical')
      out.push({
        dedupeKey: `stock-critical:${s.sku}:${week}`,
        kind: 'stock-critical',
        severity: 'critical',
        message: `${label}: ${s.status.reason}`,
      });
    const out_ = s.reorder.projectedStockoutDate;
    if (out_ && out_ <= s.reorder.nextArrivalDate)
      out.push({
        dedupeKey: `stockout:${s.sku}:${week}`,
        kind: 'stockout',
        severity: 'warning',
        message: `${label} is projected to run out on ${out_}, before the next arrival on ${s.reorder.nextArrivalDate} (P ${Math.round(s.reorder.stockoutProbability * 100)} %).`,
      });
    for (const l of s.waste.lots) {
      // Certain losses (too short-dated to ship) get the short-life alert below.
      if (!l.certainLoss && l.daysToExpiry > 0 && l.daysToExpiry <= expiryDays && l.probabilityOfWaste >= minP)
        out.push({
          dedupeKey: `expiry:${l.lotId}`,
          kind: 'expiry',
          severity: l.probabilityOfWaste >= 0.9 ? 'critical' : 'warning',
          message: `Lot ${l.lotId} of ${label} in ${l.warehouse} expires on ${l.expirationDate}: about ${Math.round(l.expectedWasteUnits)} of ${l.quantity} units will not sell in time ($${l.valueAtRisk.toFixed(2)} at risk).`,
        });
    }
    // Below the customers' minimum remaining life: it can no longer ship, only be marked down or written off.
    for (const l of s.fefo.skipped) {
      if (l.code === 'short-life')
        out.push({
          dedupeKey: `expiry:${l.lotId}`,
          kind: 'expiry',
          severity: 'critical',
          message: `Lot ${l.lotId} of ${label} in ${l.warehouse} can no longer ship: ${l.reason}. Mark it down or write it off.`,
        });
    }
  }
  return out;
}
