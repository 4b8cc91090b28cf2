import { addDays } from './dates';
import { transferReason, type TransferRecommendation } from './network';
import { roundOrder, type ReorderFlag } from './order-rounding';
import type { ReorderRecommendation } from './reorder';
import { daysNeeded, loosestRule, type ShelfLifeSegment } from './shelf-life';
import { reasonOf, type Text2 } from './text';
import type { IsoDate, Product } from './types';
import type { LotWasteRisk, SkuWasteRisk } from './waste';

/**
 * One allocation per SKU across its warehouses (ADR 030): transfers, the warehouses' orders and
 * what is left for markdowns are decided together, so the plan never contradicts itself.
 *
 * - A warehouse either receives or sends a SKU, never both: no SKU moves both ways between two
 *   warehouses, and no stock passes through one warehouse on its way to another. Receivers are
 *   served most urgent stock-out first; a warehouse that has already sent is no receiver.
 * - A lot's units are committed once: a transfer takes at most the lot's expected waste (whole
 *   units) that no earlier transfer took; a markdown only applies to what stays (`transferUnits`
 *   on the lot, markdownRemainder below).
 * - The sender keeps what it needs over lead time + review period: it sends units its position
 *   already excludes (expected to expire unsold, or below every buyer's rule) and, of the units
 *   its position counts, only what keeps it above its reorder point. Its order never grows.
 * - Lots go FEFO (earliest expiry first) and only as many units as the receiver's buyers can take
 *   before the lot's sell-by date there, under their own shelf-life rules, after the receiver's own
 *   earlier-dated stock and earlier transfers — in whole cases.
 * - The receiver's order is for what the transfers do not cover: its position rises by what it
 *   receives, the order is recomputed from it and rounded again to case pack and MOQ, and the
 *   expiry cap falls by the received units (they sell first).
 */
export interface AllocationSide {
  warehouse: string;
  reorder: ReorderRecommendation;
  waste: SkuWasteRisk;
  /** The SKU's demand at this warehouse by its buyers' shelf-life rules. */
  segments: readonly ShelfLifeSegment[];
  unitCost: (lotId: string) => number;
}

export interface AllocationInput {
  sku: string;
  sides: readonly AllocationSide[];
  asOf: IsoDate;
  transferLeadTimeDays: number;
  product: Pick<Product, 'caseSize' | 'moq'>;
}

export interface SkuAllocation {
  transfers: TransferRecommendation[];
  /** Each side's reorder and waste after the allocation, in the input's order. */
  sides: { warehouse: string; reorder: ReorderRecommendation; waste: SkuWasteRisk }[];
}

const EPS = 1e-9;
const lotKey = (l: Pick<LotWasteRisk, 'warehouse' | 'lotId'>) => `${l.warehouse}|${l.lotId}`;

export function allocateSku(input: AllocationInput): SkuAllocation {
  const { sku, sides, asOf } = input;
  const pack = Math.max(1, Math.floor(input.product.caseSize));
  const lead = Math.max(0, Math.ceil(input.transferLeadTimeDays));
  const transfers: TransferRecommendation[] = [];
  const left = new Map<string, number>();
  for (const s of sides) for (const l of s.waste.lots) left.set(lotKey(l), Math.min(l.quantity, Math.floor(l.expectedWasteUnits + EPS)));
  const sent = new Set<string>();
  const received = new Set<string>();
  // Units of simulated (sellable) lots each warehouse has sent: beyond what it expects to waste they
  // come out of its position, and only down to just above its reorder point.
  const sentSellable = new Map<string, number>();
  const budget = new Map(sides.map((s) => [s.warehouse, sendBudget(s.reorder)]));
  if (sides.length >= 2) {
    const receivers = sides
      .filter((s) => s.reorder.rawQuantity > 0 && s.reorder.meanDailyDemand > 0)
      .sort(
        (a, b) =>
          (a.reorder.projectedStockoutDate ?? '9999').localeCompare(b.reorder.projectedStockoutDate ?? '9999') ||
          (a.warehouse < b.warehouse ? -1 : 1),
      );
    for (const r of receivers) {
      if (sent.has(r.warehouse)) continue;
      let need = Math.floor(r.reorder.rawQuantity + EPS);
      const loosest = loosestRule(r.segments);
      const incoming: { daysToExpiry: number; quantity: number }[] = [];
      const donors = sides
        .filter((s) => s.warehouse !== r.warehouse && !received.has(s.warehouse))
        .flatMap((s) => s.waste.lots)
        .filter((l) => l.daysToExpiry - lead >= daysNeeded(loosest) && (left.get(lotKey(l)) ?? 0) >= 1)
        .sort(
          (a, b) =>
            a.daysToExpiry - b.daysToExpiry ||
            (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0) ||
            (a.lotId < b.lotId ? -1 : 1),
        );
      for (const donor of donors) {
        if (need < 1) break;
        const key = lotKey(donor);
        const free = left.get(key) ?? 0;
        const giverRoom = donor.certainLoss
          ? Infinity
          : Math.floor((budget.get(donor.warehouse) ?? 0) - (sentSellable.get(donor.warehouse) ?? 0) + EPS);
        const canSell = sellableAt(r, donor.daysToExpiry, lead, incoming);
        const qty = Math.floor(Math.min(free, need, canSell, giverRoom) / pack) * pack;
        if (qty < 1) continue;
        left.set(key, free - qty);
        need -= qty;
        incoming.push({ daysToExpiry: donor.daysToExpiry, quantity: qty });
        if (!donor.certainLoss) sentSellable.set(donor.warehouse, (sentSellable.get(donor.warehouse) ?? 0) + qty);
        sent.add(donor.warehouse);
        received.add(r.warehouse);
        const unitCost = sides.find((s) => s.warehouse === donor.warehouse)?.unitCost(donor.lotId) ?? 0;
        transfers.push({
          sku,
          lotId: donor.lotId,
          fromWarehouse: donor.warehouse,
          toWarehouse: r.warehouse,
          quantity: qty,
          expirationDate: donor.expirationDate,
          transferLeadTimeDays: lead,
          arrivalDate: addDays(asOf, lead),
          value: Math.round(qty * unitCost * 100) / 100,
          senderWasteUnits: free,
          ...reasonOf(transferReason({ ...donor, expectedWasteUnits: free }, r.warehouse, r.reorder)),
        });
      }
    }
  }
  return {
    transfers,
    sides: sides.map((s) => ({
      warehouse: s.warehouse,
      reorder: netReorder(s, transfers, input.product),
      waste: markTransferred(s.waste, transfers),
    })),
  };
}

/**
 * Units a warehouse can send out of its simulated lots without ordering more: what its position
 * already leaves out as expiring unsold, and of the rest only what keeps it above its reorder point
 * (none when it already orders).
 */
function sendBudget(r: ReorderRecommendation): number {
  const slack =
    r.rawQuantity > 0 ? 0 : r.meanDailyDemand > 0 ? Math.max(0, Math.ceil(r.inventoryPosition - r.reorderPoint - EPS) - 1) : Infinity;
  return Math.max(0, r.expiringUnsold) + slack;
}

/**
 * Units of a lot expiring in `daysToExpiry` days the receiver's buyers can take, arriving after
 * `lead` days: over the days it still meets each buyer segment's rule, that segment's share of the
 * receiver's daily demand, less what its own earlier-dated stock (expected to sell) and earlier
 * transfers take first (FEFO).
 */
function sellableAt(
  r: AllocationSide,
  daysToExpiry: number,
  lead: number,
  incoming: readonly { daysToExpiry: number; quantity: number }[],
): number {
  const d = r.reorder.meanDailyDemand;
  let window = 0;
  let upToExpiry = 0;
  for (const g of r.segments) {
    const last = daysToExpiry - daysNeeded(g.minRemainingDays);
    window += g.share * d * Math.max(0, last - lead + 1);
    upToExpiry += g.share * d * Math.max(0, last + 1);
  }
  let ahead = 0;
  for (const l of r.waste.lots)
    if (!l.certainLoss && l.daysToExpiry <= daysToExpiry) ahead += Math.max(0, l.quantity - l.expectedWasteUnits);
  for (const x of incoming) if (x.daysToExpiry <= daysToExpiry) ahead += x.quantity;
  return Math.max(0, Math.floor(Math.min(window, upToExpiry - ahead) + EPS));
}

const ROUNDING_FLAGS: readonly ReorderFlag[] = ['raised-to-moq', 'capped-by-expiry', 'moq-exceeds-expiry-cap'];

/** A warehouse's order after the transfers: position ± the units moved, order recomputed and rounded again. */
export function netReorder(
  s: Pick<AllocationSide, 'warehouse' | 'reorder' | 'waste'>,
  transfers: readonly TransferRecommendation[],
  product: Pick<Product, 'caseSize' | 'moq'>,
): ReorderRecommendation {
  const r = s.reorder;
  const certain = new Set(s.waste.lots.filter((l) => l.certainLoss).map(lotKey));
  const inUnits = transfers.filter((t) => t.toWarehouse === s.warehouse).reduce((a, t) => a + t.quantity, 0);
  const outSellable = transfers
    .filter((t) => t.fromWarehouse === s.warehouse && !certain.has(`${t.fromWarehouse}|${t.lotId}`))
    .reduce((a, t) => a + t.quantity, 0);
  const outUnits = Math.max(0, outSellable - Math.max(0, r.expiringUnsold));
  if (inUnits === 0 && outUnits === 0) return r;
  const position = r.inventoryPosition + inUnits - outUnits;
  const rawQuantity = position <= r.reorderPoint && r.meanDailyDemand > 0 ? Math.max(0, r.orderUpTo - position) : 0;
  const expiryCap = Math.max(0, r.expiryCap - inUnits);
  const flags = r.flags.filter((f) => !ROUNDING_FLAGS.includes(f));
  const { action, quantity } = roundOrder(rawQuantity, expiryCap, product, flags);
  const next: ReorderRecommendation = {
    ...r,
    action,
    quantity,
    cases: quantity / Math.max(1, product.caseSize),
    rawQuantity,
    expiryCap,
    inventoryPosition: position,
    flags,
    ...(inUnits > 0 ? { transferInUnits: inUnits } : {}),
    ...(outUnits > 0 ? { transferOutUnits: outUnits } : {}),
  };
  const note = netNote(r, next, inUnits, outUnits);
  // The warehouse's own account was written before the transfers: the net result comes first, and
  // where the order changed, the account is marked as the one before them (it names the old quantity).
  const changed = next.action !== r.action || next.quantity !== r.quantity;
  return {
    ...next,
    explanation: changed ? `${note.en} Before the transfers: ${r.explanation}` : `${r.explanation} ${note.en}`,
    explanationKo: changed
      ? `${note.ko} 이동 전 계산: ${r.explanationKo ?? r.explanation}`
      : `${r.explanationKo ?? r.explanation} ${note.ko}`,
  };
}

function netNote(before: ReorderRecommendation, after: ReorderRecommendation, inUnits: number, outUnits: number): Text2 {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const was = before.action === 'order' ? n(before.quantity) : '0';
  const now = after.action === 'order' ? n(after.quantity) : '0';
  const en: string[] = [];
  const ko: string[] = [];
  if (inUnits > 0 && now !== was) {
    en.push(`Transfers bring ${n(inUnits)} units, so the order covers only the rest: ${now} units instead of ${was}.`);
    ko.push(`이동으로 ${n(inUnits)}개가 들어오므로 주문은 나머지만 채웁니다: ${was}개 대신 ${now}개.`);
  } else if (inUnits > 0 && after.action === 'order') {
    // The rest is smaller than what the supplier takes: rounding it up gives the same order.
    const rest = n(Math.max(0, after.rawQuantity));
    en.push(
      `Transfers bring ${n(inUnits)} units; the ${rest} units still needed round up to the supplier's case pack and minimum, so the order stays ${now} units.`,
    );
    ko.push(
      `이동으로 ${n(inUnits)}개가 들어오지만, 남은 필요량 ${rest}개를 공급사의 케이스·최소 주문량으로 올리면 주문은 그대로 ${now}개입니다.`,
    );
  } else if (inUnits > 0) {
    en.push(`Transfers bring ${n(inUnits)} units.`);
    ko.push(`이동으로 ${n(inUnits)}개가 들어옵니다.`);
  }
  if (outUnits > 0) {
    en.push(`Transfers send ${n(outUnits)} units it could sell; it keeps its need over lead time and review period (order ${now} units).`);
    ko.push(`판매 가능한 ${n(outUnits)}개를 이동으로 보내도 리드타임과 검토 주기 동안의 필요량은 남깁니다(주문 ${now}개).`);
  }
  if (after.action === 'do-not-order' && before.action !== 'do-not-order') {
    en.push("What is left to order is below the supplier's minimum that can sell before expiry: do not order.");
    ko.push('남은 주문량이 유통기한 전에 팔 수 있는 공급사 최소 주문량에 못 미칩니다: 주문하지 마세요.');
  }
  return { en: en.join(' '), ko: ko.join(' ') };
}

/** The sender's lots with the units the transfers take from each (`transferUnits`). */
function markTransferred(w: SkuWasteRisk, transfers: readonly TransferRecommendation[]): SkuWasteRisk {
  const moved = new Map<string, number>();
  for (const t of transfers) {
    const k = `${t.fromWarehouse}|${t.lotId}`;
    moved.set(k, (moved.get(k) ?? 0) + t.quantity);
  }
  if (!w.lots.some((l) => moved.has(lotKey(l)))) return w;
  return { ...w, lots: w.lots.map((l) => (moved.has(lotKey(l)) ? { ...l, transferUnits: moved.get(lotKey(l))! } : l)) };
}

/**
 * What a markdown of a lot works on once the plan's transfers have taken their units: the units
 * still on the shelf and the expected waste among them (transfers take expected waste first).
 */
export function markdownRemainder(l: Pick<LotWasteRisk, 'quantity' | 'expectedWasteUnits' | 'transferUnits'>): {
  quantity: number;
  wasteUnits: number;
  transferred: number;
} {
  const transferred = Math.max(0, l.transferUnits ?? 0);
  return {
    quantity: Math.max(0, l.quantity - transferred),
    wasteUnits: Math.max(0, l.expectedWasteUnits - transferred),
    transferred,
  };
}
