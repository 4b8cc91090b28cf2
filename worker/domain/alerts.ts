import type { TenantPlan } from './plan-types';
import { toDay } from './dates';
import { pct, prefixed, type Text2 } from './text';
import { lotNumberOf } from './lot-number';

/**
 * What deserves a planner's attention today. `conditionKey` stays the same while the condition
 * lasts, so a condition alerts once, and again only after it has cleared and returned.
 */
export interface PlanAlert {
  conditionKey: string;
  kind: 'stock-critical' | 'stockout' | 'expiry';
  severity: 'warning' | 'critical';
  message: string;
  /** The same message in Korean (the alerts page on Korean pages); channels receive the English. */
  messageKo?: string;
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
  const alert = (conditionKey: string, kind: PlanAlert['kind'], severity: PlanAlert['severity'], text: Text2) =>
    out.push({ conditionKey, kind, severity, message: text.en, messageKo: text.ko });
  for (const s of plan.skus) {
    const label = s.name ? `${s.sku} (${s.name})` : s.sku;
    if (s.status.status === 'critical')
      alert(
        `stock-critical:${s.sku}`,
        'stock-critical',
        'critical',
        prefixed(label, { en: s.status.reason, ko: s.status.reasonKo ?? s.status.reason }),
      );
    const out_ = s.reorder.projectedStockoutDate;
    if (out_ && out_ <= s.reorder.nextArrivalDate) {
      const p = pct(s.reorder.stockoutProbability);
      const next = s.reorder.nextArrivalDate;
      alert(`stockout:${s.sku}`, 'stockout', 'warning', {
        en: `${label} is projected to run out on ${out_}, before the next arrival on ${next} (P ${p.en}).`,
        ko: `${label}: 다음 입고일(${next}) 전인 ${out_}에 품절될 것으로 예상됩니다(확률 ${p.ko}).`,
      });
    }
    for (const l of s.waste.lots) {
      // Certain losses (too short-dated to ship) get the short-life alert below; an empty lot has
      // nothing left to expire (written off, shipped or moved), so its condition clears.
      if (l.quantity > 0 && !l.certainLoss && l.daysToExpiry > 0 && l.daysToExpiry <= expiryDays && l.probabilityOfWaste >= minP) {
        const waste = Math.round(l.expectedWasteUnits);
        const value = `$${l.valueAtRisk.toFixed(2)}`;
        // The text names the printed lot number; the condition's key keeps the lot's API id (unique).
        const n = lotNumberOf(l.lotId);
        alert(`expiry:${l.lotId}`, 'expiry', l.probabilityOfWaste >= 0.9 ? 'critical' : 'warning', {
          en: `Lot ${n} of ${label} in ${l.warehouse} expires on ${l.expirationDate}: about ${waste} of ${l.quantity} units will not sell in time (${value} at risk).`,
          ko: `${label} 로트 ${n}(${l.warehouse}) ${l.expirationDate} 만료: ${l.quantity}개 중 약 ${waste}개가 기한 내에 팔리지 않습니다(위험 금액 ${value}).`,
        });
      }
    }
    // Below the customers' minimum remaining life: it can no longer ship, only be marked down or written off.
    for (const l of s.fefo.skipped) {
      if (l.code === 'short-life' && l.quantity > 0)
        alert(`expiry:${l.lotId}`, 'expiry', 'critical', {
          en: `Lot ${lotNumberOf(l.lotId)} of ${label} in ${l.warehouse} can no longer ship: ${l.reason}. Mark it down or write it off.`,
          ko: `${label} 로트 ${lotNumberOf(l.lotId)}(${l.warehouse}) 출고 불가: ${l.reasonKo ?? l.reason}. 할인 판매하거나 폐기 처리하세요.`,
        });
    }
  }
  return out;
}
