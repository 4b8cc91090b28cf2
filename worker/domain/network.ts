import type { ReorderRecommendation } from './reorder';
import type { StatusResult } from './status';
import { prefixed, reasonOf, type Text2 } from './text';
import type { IsoDate } from './types';
import type { SkuWasteRisk } from './waste';

/**
 * A SKU's network view from its warehouse plans. Each warehouse is planned on its own stock,
 * inbound and share of demand; the network figures are sums (quantities, safety stock, reorder
 * point, order-up-to, position, demand), the highest warehouse stock-out probability, the
 * earliest stock-out date and next arrival, and the worst status. Orders are placed per
 * warehouse: the network order is the sum of the warehouse orders, never an allocation of one
 * pooled order.
 */
export function networkReorder(parts: readonly ReorderRecommendation[]): ReorderRecommendation {
  if (parts.length === 1) return parts[0];
  const sum = (f: (r: ReorderRecommendation) => number) => parts.reduce((a, r) => a + f(r), 0);
  const minDate = (xs: (IsoDate | null)[]) => xs.filter((x): x is IsoDate => x !== null).sort()[0] ?? null;
  const first = parts[0];
  const action = parts.some((r) => r.action === 'order')
    ? 'order'
    : parts.some((r) => r.action === 'do-not-order')
      ? 'do-not-order'
      : 'none';
  const ordering = parts.filter((r) => r.action === 'order');
  const total = ordering.reduce((a, r) => a + r.quantity, 0).toLocaleString('en-US');
  const each = ordering.map((r) => `${r.warehouse ?? '?'} ${r.quantity.toLocaleString('en-US')}`).join(', ');
  // Where the supplier's minimum order would expire unsold, the head says so: that is not "no order needed".
  const blocked = parts.filter((r) => r.action === 'do-not-order').map((r) => r.warehouse ?? '?');
  const head = [
    action === 'order' ? `Order ${total} units in total: ${each}.` : blocked.length ? '' : 'No warehouse needs an order now.',
    blocked.length ? `Do not order for ${blocked.join(', ')}: the supplier's minimum order would expire before it sells.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const headKo = [
    action === 'order' ? `합계 ${total}개 주문: ${each}.` : blocked.length ? '' : '지금 주문이 필요한 창고가 없습니다.',
    blocked.length ? `${blocked.join(', ')}에는 주문하지 마세요: 공급사 최소 주문량이 다 팔리기 전에 유통기한이 지납니다.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    sku: first.sku,
    action,
    quantity: sum((r) => r.quantity),
    cases: sum((r) => r.cases),
    rawQuantity: sum((r) => r.rawQuantity),
    expiryCap: sum((r) => r.expiryCap),
    safetyStock: sum((r) => r.safetyStock),
    reorderPoint: sum((r) => r.reorderPoint),
    orderUpTo: sum((r) => r.orderUpTo),
    serviceLevel: first.serviceLevel,
    z: first.z,
    leadTimeDays: first.leadTimeDays,
    reviewPeriodDays: first.reviewPeriodDays,
    protectionIntervalDays: first.protectionIntervalDays,
    meanDailyDemand: sum((r) => r.meanDailyDemand),
    sdDailyDemand: Math.sqrt(sum((r) => r.sdDailyDemand ** 2)),
    usableOnHand: sum((r) => r.usableOnHand),
    expiringUnsold: sum((r) => r.expiringUnsold),
    inboundUnits: sum((r) => r.inboundUnits),
    lateInboundUnits: sum((r) => r.lateInboundUnits),
    inventoryPosition: sum((r) => r.inventoryPosition),
    ...(parts.some((r) => r.transferInUnits) ? { transferInUnits: sum((r) => r.transferInUnits ?? 0) } : {}),
    ...(parts.some((r) => r.transferOutUnits) ? { transferOutUnits: sum((r) => r.transferOutUnits ?? 0) } : {}),
    arrivalDate: first.arrivalDate,
    nextArrivalDate: minDate(parts.map((r) => r.nextArrivalDate)) ?? first.nextArrivalDate,
    stockoutProbability: Math.max(...parts.map((r) => (r.meanDailyDemand > 0 ? r.stockoutProbability : 0))),
    projectedStockoutDate: minDate(parts.map((r) => r.projectedStockoutDate)),
    flags: [...new Set(parts.flatMap((r) => r.flags))],
    explanation: [head, ...parts.map((r) => `${r.warehouse ?? '?'}: ${r.explanation}`)].join(' '),
    explanationKo: [headKo, ...parts.map((r) => `${r.warehouse ?? '?'}: ${r.explanationKo ?? r.explanation}`)].join(' '),
    confidence: first.confidence,
  };
}

/** The worst warehouse status (ties: the higher stock-out risk), its reason prefixed with the warehouse. */
export function networkStatus(
  parts: readonly { warehouse: string; status: StatusResult; reorder?: { stockoutProbability: number } }[],
): StatusResult {
  if (parts.length === 1) return parts[0].status;
  const rank = { critical: 2, warning: 1, healthy: 0 } as const;
  const risk = (x: (typeof parts)[number]) => x.reorder?.stockoutProbability ?? 0;
  const worst = [...parts].sort((a, b) => rank[b.status.status] - rank[a.status.status] || risk(b) - risk(a))[0];
  const { reason, reasonKo } = worst.status;
  return { status: worst.status.status, ...reasonOf(prefixed(worst.warehouse, { en: reason, ko: reasonKo ?? reason })) };
}

/** One SKU's warehouse waste risks as one: lots side by side, sums to the cent, P(any) = 1 − Π(1 − pᵢ). */
export function networkWaste(sku: string, parts: readonly SkuWasteRisk[]): SkuWasteRisk {
  if (parts.length === 1) return parts[0];
  const cents = (f: (w: SkuWasteRisk) => number) => parts.reduce((a, w) => a + Math.round(f(w) * 100), 0) / 100;
  return {
    sku,
    expectedWasteUnits: parts.reduce((a, w) => a + w.expectedWasteUnits, 0),
    probabilityAnyWaste: 1 - parts.reduce((a, w) => a * (1 - w.probabilityAnyWaste), 1),
    valueAtRisk: cents((w) => w.valueAtRisk),
    unsellableUnits: parts.reduce((a, w) => a + w.unsellableUnits, 0),
    unsellableValue: cents((w) => w.unsellableValue),
    lots: parts.flatMap((w) => w.lots),
  };
}

/**
 * A transfer where one warehouse will waste what another runs short of. The allocation of each
 * SKU across its warehouses (allocation.ts) decides them together with the warehouses' orders and
 * what is left for markdowns: the receiver's order is net of what it receives.
 */
export interface TransferRecommendation {
  sku: string;
  lotId: string;
  fromWarehouse: string;
  toWarehouse: string;
  quantity: number;
  expirationDate: IsoDate;
  transferLeadTimeDays: number;
  arrivalDate: IsoDate;
  /** Cost value of the units moved (waste avoided if they sell at the receiver). */
  value: number;
  /** Whole units of the lot the sender is expected to waste that no earlier transfer takes: the figure the reason quotes. */
  senderWasteUnits: number;
  reason: string;
  /** The same reason in Korean. */
  reasonKo?: string;
}

/** Why a lot moves: the sender's expected waste of it and the receiver's need (before the transfer). */
export function transferReason(
  l: Pick<SkuWasteRisk['lots'][number], 'warehouse' | 'expectedWasteUnits' | 'lotId' | 'expirationDate'>,
  to: string,
  r: Pick<ReorderRecommendation, 'rawQuantity' | 'projectedStockoutDate'>,
): Text2 {
  const waste = l.expectedWasteUnits.toFixed(0);
  const need = Math.floor(r.rawQuantity);
  const out = r.projectedStockoutDate;
  return {
    en: `${l.warehouse} is expected to waste ${waste} units of lot ${l.lotId} (expires ${l.expirationDate}); ${to} needs ${need} units${out ? ` and runs out around ${out}` : ''}`,
    ko: `${l.warehouse}에서 로트 ${l.lotId}(유통기한 ${l.expirationDate}) 중 ${waste}개가 폐기될 것으로 예상; ${to}에 ${need}개 필요${out ? `, ${out}경 재고 소진 예상` : ''}`,
  };
}
