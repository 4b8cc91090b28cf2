import { toDay } from './dates';
import type { ReorderRecommendation } from './reorder';
import type { SkuWasteRisk } from './waste';
import { inboundTiming } from './inbound';
import { pct, reasonOf } from './text';
import type { InboundShipment, IsoDate, Lot } from './types';

/**
 * Money and time views of one SKU's stock: what is tied up, what is at risk, how long it
 * lasts, whether it lasts through the lead time, and which lots are ageing dangerously.
 */
export type AgingLevel = 'none' | 'watch' | 'high' | 'critical' | 'expired';

export interface LotAging {
  lotId: string;
  warehouse: string;
  ageDays: number;
  /** Share of the lot's shelf life already used (0-1). */
  lifeUsed: number;
  daysToExpiry: number;
  probabilityOfWaste: number;
  level: AgingLevel;
  reason: string;
  /** The same reason in Korean; absent in plans stored before it was written. */
  reasonKo?: string;
}

export interface SkuInsights {
  capitalLocked: number;
  capitalAtRisk: number;
  /** Usable stock ÷ mean daily demand; null without demand. */
  daysOfCover: number | null;
  /** Units short of lead-time demand + safety stock, counting inbound due within the lead time. */
  leadTimeDeficit: number;
  aging: LotAging[];
}

export function skuInsights(args: {
  lots: readonly Lot[];
  inbound: readonly InboundShipment[];
  reorder: ReorderRecommendation;
  waste: SkuWasteRisk;
  leadTimeDays: number;
  minRemainingDays: number;
  asOf: IsoDate;
  lateDelayDays?: number;
}): SkuInsights {
  const { lots, reorder, waste, asOf } = args;
  const today = toDay(asOf);
  const held = lots.filter((l) => l.status !== 'consumed' && l.quantityOnHand > 0);
  const capitalLocked = held.reduce((s, l) => s + l.quantityOnHand * l.unitCost, 0);
  const arriving = args.inbound
    .map((s) => inboundTiming(s, today, args.lateDelayDays))
    .filter((x) => x !== null && x.availableFrom <= args.leadTimeDays)
    .reduce((s, x) => s + (x?.quantity ?? 0), 0);
  const leadDemand = reorder.meanDailyDemand * args.leadTimeDays;
  const risk = new Map(waste.lots.map((l) => [`${l.warehouse}|${l.lotId}`, l]));
  const aging = held.map((l): LotAging => {
    const age = today - toDay(l.receivedDate);
    const life = Math.max(1, toDay(l.expirationDate) - toDay(l.receivedDate));
    const left = toDay(l.expirationDate) - today;
    const r = risk.get(`${l.warehouse}|${l.lotId}`);
    const p = r?.probabilityOfWaste ?? 0;
    return {
      lotId: l.lotId,
      warehouse: l.warehouse,
      ageDays: age,
      lifeUsed: Math.min(1, Math.max(0, age / life)),
      daysToExpiry: left,
      probabilityOfWaste: p,
      ...agingLevel(left, p, r !== undefined, l.status === 'available' ? args.minRemainingDays : undefined, r?.certainLoss === true),
    };
  });
  return {
    capitalLocked,
    // valueAtRisk already includes the certain losses (expired and too short-dated lots).
    capitalAtRisk: waste.valueAtRisk,
    daysOfCover: reorder.meanDailyDemand > 0 ? reorder.usableOnHand / reorder.meanDailyDemand : null,
    leadTimeDeficit: Math.max(0, leadDemand + reorder.safetyStock - (reorder.usableOnHand + arriving)),
    aging: aging.sort((a, b) => rank(b.level) - rank(a.level) || a.daysToExpiry - b.daysToExpiry),
  };
}

/** Levels from the simulated chance the lot expires unsold and how soon that happens. */
function agingLevel(
  daysLeft: number,
  pWaste: number,
  simulated: boolean,
  minRemaining: number | undefined,
  certainLoss = false,
): { level: AgingLevel; reason: string; reasonKo: string } {
  const p = pct(pWaste);
  const is = (level: AgingLevel, en: string, ko: string) => ({ level, ...reasonOf({ en, ko }) });
  if (daysLeft <= 0) return is('expired', 'past its expiration date', '유통기한 경과');
  if (certainLoss)
    return is(
      'critical',
      `${daysLeft} days left, below what the customers who buy it require: cannot ship`,
      `${daysLeft}일 남음, 구매 고객이 요구하는 잔여 유통기한 미달: 출고 불가`,
    );
  if (minRemaining !== undefined && daysLeft < minRemaining) {
    return is(
      'critical',
      `${daysLeft} days left, below the ${minRemaining} customers require: cannot ship`,
      `${daysLeft}일 남음, 고객이 요구하는 ${minRemaining}일 미달: 출고 불가`,
    );
  }
  if (!simulated) return is('none', 'not sellable now (held); see FEFO', '현재 판매 불가(보류): FEFO 참조');
  if (pWaste >= 0.5 && daysLeft <= 30)
    return is('critical', `${p.en} chance to expire unsold within ${daysLeft} days`, `${daysLeft}일 안에 팔리지 않고 만료될 확률 ${p.ko}`);
  if (pWaste >= 0.5) return is('high', `${p.en} chance to expire unsold`, `팔리지 않고 만료될 확률 ${p.ko}`);
  if (pWaste >= 0.1) return is('watch', `${p.en} chance to expire unsold`, `팔리지 않고 만료될 확률 ${p.ko}`);
  return is('none', 'expected to sell before expiry', '유통기한 전 판매 예상');
}

function rank(l: AgingLevel): number {
  return { none: 0, watch: 1, high: 2, critical: 3, expired: 4 }[l];
}
