import type { TenantPlan } from './plan-types';
import { toDay } from './dates';

/**
 * What deserves a planner's attention today. `conditionKey` stays the same while the condition
 * lasts, so a condition alerts once, and again only after it has cleared and returned.
 */
export interface PlanAlert {
  conditionKey: string;
  kind: 'stock-critical' | 'stockout' | 'expiry';
  severity: 'warning' | 'critical';
  message: string;
}

/** ISO-8601 week label (e.g. 2026-W47) of a yyyy-mm-dd date. */
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
  const out: PlanAlert[] = [];
  for (const s of plan.skus) {
    const label = s.name ? `${s.sku} (${s.name})` : s.sku;
    if (s.status.status === 'critical')
      out.push({
        conditionKey: `stock-critical:${s.sku}`,
        kind: 'stock-critical',
        severity: 'critical',
        message: `${label}: ${s.status.reason}`,
      });
    const out_ = s.reorder.projectedStockoutDate;
    if (out_ && out_ <= s.reorder.nextArrivalDate)
      out.push({
        conditionKey: `stockout:${s.sku}`,
        kind: 'stockout',
        severity: 'warning',
        message: `${label} is projected to run out on ${out_}, before the next arrival on ${s.reorder.nextArrivalDate} (P ${Math.round(s.reorder.stockoutProbability * 100)} %).`,
      });
    for (const l of s.waste.lots) {
      // Certain losses (too short-dated to ship) get the short-life alert below; an empty lot has
      // nothing left to expire (written off, shipped or moved), so its condition clears.
      if (l.quantity > 0 && !l.certainLoss && l.daysToExpiry > 0 && l.daysToExpiry <= expiryDays && l.probabilityOfWaste >= minP)
        out.push({
          conditionKey: `expiry:${l.lotId}`,
          kind: 'expiry',
          severity: l.probabilityOfWaste >= 0.9 ? 'critical' : 'warning',
          message: `Lot ${l.lotId} of ${label} in ${l.warehouse} expires on ${l.expirationDate}: about ${Math.round(l.expectedWasteUnits)} of ${l.quantity} units will not sell in time ($${l.valueAtRisk.toFixed(2)} at risk).`,
        });
    }
    // Below the customers' minimum remaining life: it can no longer ship, only be marked down or written off.
    for (const l of s.fefo.skipped) {
      if (l.code === 'short-life' && l.quantity > 0)
        out.push({
          conditionKey: `expiry:${l.lotId}`,
          kind: 'expiry',
          severity: 'critical',
          message: `Lot ${l.lotId} of ${label} in ${l.warehouse} can no longer ship: ${l.reason}. Mark it down or write it off.`,
        });
    }
  }
  return out;
}
