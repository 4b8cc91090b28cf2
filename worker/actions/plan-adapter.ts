// The one place that reads the planning engine's output for actions: TenantPlan → candidate
// actions. When the engine's shape changes (plans per warehouse, transfers, priced short-dated
// stock) only this module is re-wired.
import { markdownRemainder } from '../domain/allocation';
import { addDays, toDay } from '../domain/dates';
import { daysNeeded } from '../domain/shelf-life';
import { markdownFor } from '../domain/markdown';
import type { SkuPlan, TenantPlan } from '../domain/plan-types';
import { reasonOf, type Text2 } from '../domain/text';

export type ActionKind = 'reorder' | 'transfer' | 'markdown' | 'sell' | 'write_off';
export type ConfidenceLevel = 'high' | 'medium' | 'low';

export interface ActionCandidate {
  stableKey: string;
  kind: ActionKind;
  sku: string;
  lotId: string | null;
  warehouse: string | null;
  toWarehouse: string | null;
  customerId: string | null;
  supplier: string | null;
  quantity: number;
  cases: number | null;
  value: number;
  discountPct: number | null;
  orderByDate: string | null;
  reason: string;
  /** The same reason in Korean (the web app's Korean pages), from the same numbers. */
  reasonKo: string;
  confidence: ConfidenceLevel;
  validUntil: string;
  /** The plan's figures behind the action, kept for ROI (expected waste, expected lost sales). */
  evidence: Record<string, unknown>;
}

export interface ProductFacts {
  supplier: string;
  unitCost: number;
  unitPrice: number;
  leadTimeDays: number;
  caseSize: number;
}

export interface AdapterContext {
  products: ReadonlyMap<string, ProductFacts>;
  lots: ReadonlyMap<string, { quantity: number; unitCost: number; expirationDate: string; warehouse: string }>;
  /** Customers with their own minimum remaining shelf life (days). */
  customers: readonly { customerId: string; minRemainingShelfLifeDays: number | null }[];
  elasticity?: number;
  maxDiscount?: number;
  /** A lot is "at risk" from this probability of any waste on. */
  minWasteProbability?: number;
  reviewPeriodDays?: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const key = (...parts: (string | null | undefined)[]) => parts.map((p) => p ?? '*').join('|');

export function candidatesFromPlan(plan: TenantPlan, ctx: AdapterContext): ActionCandidate[] {
  const out: ActionCandidate[] = [];
  const R = ctx.reviewPeriodDays ?? 7;
  for (const s of plan.skus) {
    const product = ctx.products.get(s.sku);
    if (!product) continue;
    const confidence = s.forecast.confidence?.level ?? 'medium';
    // Orders are placed per warehouse (stock in one does not serve another); a plan without
    // warehouse detail orders for the SKU as a whole.
    const orders = s.warehouses?.length ? s.warehouses.map((w) => ({ ...w.reorder, warehouse: w.warehouse })) : [s.reorder];
    for (const r of orders) reorder(out, plan.asOf, s.sku, r, product, confidence, R);
    atRisk(out, plan.asOf, s, product, confidence, ctx);
    unsellable(out, plan.asOf, s, product, ctx);
  }
  // Transfers: stock one warehouse would waste, sent where it sells before expiry (worker/domain/network.ts).
  // Their case rests on the SKU's forecast at both ends: its confidence is the transfer's.
  const forecastConfidence = new Map(plan.skus.map((s) => [s.sku, s.forecast.confidence?.level] as const));
  for (const t of plan.transfers) {
    out.push({
      stableKey: key('transfer', t.sku, t.fromWarehouse, t.lotId, t.toWarehouse),
      kind: 'transfer',
      sku: t.sku,
      lotId: t.lotId,
      warehouse: t.fromWarehouse,
      toWarehouse: t.toWarehouse,
      customerId: null,
      supplier: null,
      quantity: t.quantity,
      cases: null,
      value: round2(t.value),
      discountPct: null,
      orderByDate: null,
      reason: t.reason,
      reasonKo: t.reasonKo ?? t.reason,
      confidence: forecastConfidence.get(t.sku) ?? 'medium',
      validUntil: addDays(plan.asOf, R),
      // The sender's expected waste is the reason's figure; the units moved are the action's quantity.
      evidence: {
        expectedWasteValue: round2(t.value),
        expectedWasteUnits: t.senderWasteUnits,
        transferUnits: t.quantity,
        arrivalDate: t.arrivalDate,
      },
    });
  }
  return out;
}

/**
 * What a reorder rests on at decision time (the ROI's stock-outs avoided read it): the plan's
 * run-out date and P(stock-out), and the sales expected lost without an order. Without it the
 * SKU is out from the projected stock-out until an order placed at the next review could arrive
 * (asOf + R + L): expected lost sales = P(stock-out) · d̄ · those days · unit price (tenant
 * currency). `orderBy` is the last day an order placed now still arrives before the stock-out.
 */
export function reorderEvidence(
  asOf: string,
  r: Pick<SkuPlan['reorder'], 'projectedStockoutDate' | 'stockoutProbability' | 'meanDailyDemand'>,
  p: Pick<ProductFacts, 'leadTimeDays' | 'unitPrice'>,
  R: number,
) {
  const L = Math.ceil(Math.max(0, p.leadTimeDays));
  const stockoutDay = r.projectedStockoutDate ? toDay(r.projectedStockoutDate) - toDay(asOf) : null;
  const lostDays = stockoutDay === null ? 0 : Math.max(0, R + L - stockoutDay);
  const expectedLostSales = round2(r.stockoutProbability * r.meanDailyDemand * lostDays * p.unitPrice);
  return {
    orderBy: stockoutDay === null ? asOf : addDays(asOf, Math.max(0, stockoutDay - L)),
    evidence: {
      stockoutProbability: r.stockoutProbability,
      projectedStockoutDate: r.projectedStockoutDate,
      meanDailyDemand: r.meanDailyDemand,
      leadTimeDays: L,
      reviewPeriodDays: R,
      lostDays,
      expectedLostSales,
    },
  };
}

function reorder(
  out: ActionCandidate[],
  asOf: string,
  sku: string,
  r: SkuPlan['reorder'] & { warehouse?: string },
  p: ProductFacts,
  confidence: ConfidenceLevel,
  R: number,
) {
  if (r.action !== 'order' || !(r.quantity > 0)) return;
  const { orderBy, evidence } = reorderEvidence(asOf, r, p, R);
  const warehouse = r.warehouse ?? null;
  out.push({
    stableKey: key('reorder', sku, warehouse),
    kind: 'reorder',
    sku,
    lotId: null,
    warehouse,
    toWarehouse: null,
    customerId: null,
    supplier: p.supplier || null,
    quantity: r.quantity,
    cases: r.cases,
    value: round2(r.quantity * p.unitCost),
    discountPct: null,
    orderByDate: orderBy,
    reason: r.explanation,
    reasonKo: r.explanationKo ?? r.explanation,
    confidence,
    validUntil: addDays(asOf, R),
    evidence,
  });
}

function atRisk(out: ActionCandidate[], asOf: string, s: SkuPlan, p: ProductFacts, confidence: ConfidenceLevel, ctx: AdapterContext) {
  for (const l of s.waste.lots) {
    // A markdown works on what the plan's transfers leave of the lot (allocation.ts): each unit is committed once.
    const rest = markdownRemainder(l);
    if (rest.wasteUnits < 1 || rest.quantity < 1 || l.probabilityOfWaste < (ctx.minWasteProbability ?? 0.2)) continue;
    const daysLeft = toDay(l.sellByDate) - toDay(asOf) + 1;
    const value = l.expectedWasteUnits > 0 ? round2((l.valueAtRisk * rest.wasteUnits) / l.expectedWasteUnits) : 0;
    const m = markdownFor({
      wasteUnits: rest.wasteUnits,
      meanDailyDemand: s.reorder.meanDailyDemand,
      daysLeft,
      elasticity: ctx.elasticity,
      maxDiscount: ctx.maxDiscount,
    });
    if (!m) continue;
    const pct = Math.round(m.discount * 100);
    out.push({
      stableKey: key('markdown', s.sku, l.warehouse, l.lotId),
      kind: 'markdown',
      sku: s.sku,
      lotId: l.lotId,
      warehouse: l.warehouse,
      toWarehouse: null,
      customerId: null,
      supplier: null,
      quantity: rest.quantity,
      cases: null,
      value,
      discountPct: pct,
      orderByDate: null,
      ...reasonOf(markdownReason(l, rest, pct, m, daysLeft)),
      confidence: m.capped ? 'low' : confidence,
      validUntil: l.sellByDate,
      evidence: {
        expectedWasteUnits: rest.wasteUnits,
        expectedWasteValue: value,
        probabilityOfWaste: l.probabilityOfWaste,
        sellByDate: l.sellByDate,
        expirationDate: l.expirationDate,
        meanDailyDemand: s.reorder.meanDailyDemand,
        daysLeft,
        uplift: m.uplift,
        listPrice: p.unitPrice,
      },
    });
  }
}

function unsellable(out: ActionCandidate[], asOf: string, s: SkuPlan, p: ProductFacts, ctx: AdapterContext) {
  const moved = new Map(s.waste.lots.map((l) => [`${l.warehouse}|${l.lotId}`, l.transferUnits ?? 0]));
  for (const k of s.fefo.skipped) {
    const found = ctx.lots.get(k.lotId);
    if (!found || !(found.quantity > 0)) continue;
    // The lot as the plan saw it in this warehouse (a lot number can sit in two warehouses after a
    // move), less what the plan's transfers send elsewhere: a unit is committed once.
    const onHand = found.warehouse === k.warehouse ? found.quantity : k.quantity;
    const quantity = onHand - (moved.get(`${k.warehouse}|${k.lotId}`) ?? 0);
    if (!(quantity > 0)) continue;
    const lot = { ...found, quantity };
    const value = round2(lot.quantity * (lot.unitCost || p.unitCost));
    const daysLeft = toDay(lot.expirationDate) - toDay(asOf);
    if (k.code === 'short-life') {
      const buyers = new Set(s.customers.map((c) => c.customerId));
      const accepting = ctx.customers
        .filter((c) => c.minRemainingShelfLifeDays !== null && c.minRemainingShelfLifeDays < daysLeft)
        .sort((a, b) => Number(buyers.has(b.customerId)) - Number(buyers.has(a.customerId)));
      const buyer = accepting[0];
      if (!buyer) {
        // No customer's own rule takes it and no warehouse's buyers do: it cannot ship before it
        // expires, so carrying it only overstates stock and capital. A certain loss is written off
        // (or donated) now, under the same key as once it has expired: one action, not two.
        const loosest = Math.min(...s.warehouses.flatMap((w) => w.shelfLifeRules.map((r) => daysNeeded(r.minRemainingDays))));
        if (!Number.isFinite(loosest) || !(daysLeft < loosest)) continue;
        out.push(
          writeOff(
            s.sku,
            k,
            lot.quantity,
            value,
            {
              en: `No customer takes it: the least any buyer of ${s.sku} accepts is ${loosest} days left. It is a certain loss of ${lot.quantity} units; write it off or donate it before ${lot.expirationDate}.`,
              ko: `받을 고객이 없습니다: ${s.sku} 구매 고객의 가장 낮은 기준도 잔여 ${loosest}일입니다. ${lot.quantity}개는 확실한 손실이니 ${lot.expirationDate} 전에 폐기하거나 기부하세요.`,
            },
            lot.expirationDate,
            {
              expectedWasteUnits: lot.quantity,
              expectedWasteValue: value,
              expirationDate: lot.expirationDate,
              daysLeft,
              loosestRuleDays: loosest,
            },
          ),
        );
        continue;
      }
      out.push({
        stableKey: key('sell', s.sku, k.warehouse, k.lotId),
        kind: 'sell',
        sku: s.sku,
        lotId: k.lotId,
        warehouse: k.warehouse,
        toWarehouse: null,
        customerId: buyer.customerId,
        supplier: null,
        quantity: lot.quantity,
        cases: null,
        value,
        discountPct: null,
        orderByDate: null,
        ...reasonOf(
          lotReason(k, {
            en: `Customer ${buyer.customerId} accepts ${buyer.minRemainingShelfLifeDays} days left.`,
            ko: `고객 ${buyer.customerId}의 허용 기준은 잔여 유통기한 ${buyer.minRemainingShelfLifeDays}일입니다.`,
          }),
        ),
        confidence: buyers.has(buyer.customerId) ? 'high' : 'medium',
        validUntil: addDays(asOf, Math.max(0, daysLeft - (buyer.minRemainingShelfLifeDays ?? 0) - 1)),
        evidence: { expectedWasteUnits: lot.quantity, expectedWasteValue: value, expirationDate: lot.expirationDate },
      });
    } else if (k.code === 'expired') {
      out.push(
        writeOff(
          s.sku,
          k,
          lot.quantity,
          value,
          {
            en: 'It cannot ship; write it off to keep stock and capital figures true.',
            ko: '출고할 수 없으니 재고와 자본 수치가 정확하도록 폐기 처리하세요.',
          },
          addDays(asOf, 30),
          { expirationDate: lot.expirationDate },
        ),
      );
    }
  }
}

/** A write-off of a lot the plan skipped (expired, or a certain loss): high confidence, no price, no customer. */
function writeOff(
  sku: string,
  k: { lotId: string; warehouse: string; reason: string; reasonKo?: string },
  quantity: number,
  value: number,
  then: Text2,
  validUntil: string,
  evidence: Record<string, unknown>,
): ActionCandidate {
  return {
    stableKey: key('write_off', sku, k.warehouse, k.lotId),
    kind: 'write_off',
    sku,
    lotId: k.lotId,
    warehouse: k.warehouse,
    toWarehouse: null,
    customerId: null,
    supplier: null,
    quantity,
    cases: null,
    value,
    discountPct: null,
    orderByDate: null,
    ...reasonOf(lotReason(k, then)),
    confidence: 'high',
    validUntil,
    evidence,
  };
}

/** "Lot L: <why it was skipped>. <what to do>." in both languages (older plans' skip reasons may lack Korean). */
function lotReason(k: { lotId: string; reason: string; reasonKo?: string }, then: Text2): Text2 {
  return { en: `Lot ${k.lotId}: ${k.reason}. ${then.en}`, ko: `로트 ${k.lotId}: ${k.reasonKo ?? k.reason}. ${then.ko}` };
}

function markdownReason(
  l: SkuPlan['waste']['lots'][number],
  rest: { quantity: number; wasteUnits: number; transferred: number },
  pct: number,
  m: { uplift: number; residualWasteUnits: number },
  daysLeft: number,
): Text2 {
  const waste = Math.round(rest.wasteUnits);
  const moved = rest.transferred > 0;
  const p = Math.round(l.probabilityOfWaste * 100);
  const uplift = Math.round(m.uplift * 100);
  const residual = m.residualWasteUnits >= 0.5 ? Math.round(m.residualWasteUnits) : null;
  return {
    en:
      `Lot ${l.lotId} in ${l.warehouse}: ${moved ? `after ${rest.transferred} units go by transfer, ` : ''}${waste} of ${rest.quantity} units expected to expire unsold by ${l.sellByDate} ` +
      `(P ${p} %). ${pct} % off lifts demand by ${uplift} % over ${daysLeft} days${residual === null ? '' : `; about ${residual} units may still expire at the cap`}.`,
    ko:
      `${l.warehouse}의 로트 ${l.lotId}: ${moved ? `${rest.transferred}개를 이동으로 보낸 뒤 ` : ''}${rest.quantity}개 중 ${waste}개가 ${l.sellByDate}까지 팔리지 않고 만료될 것으로 예상됩니다(확률 ${p}%). ` +
      `${pct}% 할인하면 ${daysLeft}일 동안 수요가 ${uplift}% 늘어납니다${residual === null ? '' : `. 최대 할인율에서도 약 ${residual}개는 만료될 수 있습니다`}.`,
  };
}
