import { minimumOrder } from './order-rounding';
import type { ReorderRecommendation } from './reorder';
import { CONFIDENCE_KO } from './text';
import type { Product } from './types';

/** The languages a reorder is explained in. */
export type ExplainLang = 'en' | 'ko';

/** The recommendation's numbers an explanation reads (a stored recommendation or an API row has them all). */
export type ExplainedReorder = Pick<
  ReorderRecommendation,
  | 'action'
  | 'quantity'
  | 'warehouse'
  | 'cases'
  | 'arrivalDate'
  | 'expiryCap'
  | 'flags'
  | 'inventoryPosition'
  | 'reorderPoint'
  | 'usableOnHand'
  | 'expiringUnsold'
  | 'inboundUnits'
  | 'lateInboundUnits'
  | 'meanDailyDemand'
  | 'sdDailyDemand'
  | 'leadTimeDays'
  | 'reviewPeriodDays'
  | 'protectionIntervalDays'
  | 'serviceLevel'
  | 'safetyStock'
  | 'orderUpTo'
  | 'rawQuantity'
  | 'nextArrivalDate'
  | 'stockoutProbability'
  | 'projectedStockoutDate'
  | 'confidence'
>;

/** The product facts an explanation names: case pack, MOQ, lead-time spread. */
export type ExplainedProduct = Pick<Product, 'caseSize' | 'moq' | 'leadTimeSdDays' | 'leadTimeDays'>;

/**
 * A planner-readable account of a reorder recommendation: the numbers and where they came from,
 * in English (as stored with the plan) or Korean (the web app's Korean pages, from the same numbers).
 */
export function explainReorder(
  r: ExplainedReorder,
  p: ExplainedProduct,
  classLabel?: string,
  givenLeadTimeDays = p.leadTimeDays,
  lang: ExplainLang = 'en',
): string {
  return lang === 'ko' ? explainKo(r, p, classLabel, givenLeadTimeDays) : explainEn(r, p, classLabel, givenLeadTimeDays);
}

function explainEn(r: ExplainedReorder, p: ExplainedProduct, classLabel: string | undefined, givenLeadTimeDays: number): string {
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

function explainKo(r: ExplainedReorder, p: ExplainedProduct, classLabel: string | undefined, givenLeadTimeDays: number): string {
  const u = (x: number) => `${fmt(x)}개`;
  const parts: string[] = [];
  if (r.action === 'order') {
    parts.push(
      `${r.warehouse ? `${r.warehouse}에 ` : ''}${u(r.quantity)} 주문(케이스당 ${p.caseSize}개 × ${fmt(r.cases)}케이스), ${r.arrivalDate}경 도착.`,
    );
  } else if (r.action === 'do-not-order') {
    parts.push(
      `주문하지 마세요: 공급사가 받는 최소 주문량(${u(minimumOrder(p))})이 새 로트가 판매 기한 전에 팔 수 있는 ${u(r.expiryCap)}보다 많습니다. 더 작은 MOQ, 창고 간 이동 또는 유통기한이 짧은 로트를 요청하세요.`,
    );
  } else if (r.flags.includes('no-demand')) {
    parts.push('주문 없음: 리드타임과 검토 주기 동안 예상 수요가 없습니다.');
  } else {
    parts.push(`아직 주문하지 않음: 재고 포지션 ${u(r.inventoryPosition)}가 재주문점 ${u(r.reorderPoint)}보다 높습니다.`);
  }
  const stock = [`사용 가능 재고 ${u(r.usableOnHand)}`];
  if (r.expiringUnsold > 0) stock.push(`팔리기 전에 만료될 것으로 예상되는 ${u(r.expiringUnsold)} 제외`);
  if (r.inboundUnits > 0) stock.push(`입고 예정 ${u(r.inboundUnits)} 포함`);
  if (r.lateInboundUnits > 0) stock.push(`그중 ${u(r.lateInboundUnits)}는 지연되어 도착일 미정`);
  parts.push(`재고 포지션: ${stock.join(', ')}.`);
  parts.push(
    `수요 하루 ${fmt(r.meanDailyDemand, 1)}개(표준편차 ${fmt(r.sdDailyDemand, 1)}); 리드타임 ${givenLeadTimeDays === r.leadTimeDays ? r.leadTimeDays : `${givenLeadTimeDays}(정수 ${r.leadTimeDays}일로 계획)`} ± ${p.leadTimeSdDays}일; ${r.reviewPeriodDays}일마다 검토하므로 재고는 ${r.protectionIntervalDays}일을 충당해야 합니다.`,
  );
  const target = `서비스 수준 ${(r.serviceLevel * 100).toFixed(1)}%${classLabel ? `, 등급 ${classLabel}` : ''}`;
  parts.push(
    `안전 재고 ${u(r.safetyStock)}(${r.flags.includes('safety-stock-override') ? '플래너 지정' : target}); 재주문점 ${u(r.reorderPoint)}; 목표 재고 ${u(r.orderUpTo)}.`,
  );
  if (r.action === 'order' && r.quantity !== Math.ceil(r.rawQuantity)) {
    const why = r.flags.includes('capped-by-expiry')
      ? `새 로트가 판매 기한 전에 팔 수 있는 ${u(r.expiryCap)}로 제한했습니다`
      : r.flags.includes('raised-to-moq')
        ? `MOQ ${u(p.moq)}로 올렸습니다`
        : '케이스 단위로 올렸습니다';
    parts.push(`필요량은 ${u(r.rawQuantity)}이며, ${why}.`);
  }
  parts.push(`다음 도착(${r.nextArrivalDate}) 전에 품절될 위험: ${(r.stockoutProbability * 100).toFixed(0)}%.`);
  if (r.projectedStockoutDate) parts.push(`새 주문이 없으면 ${r.projectedStockoutDate}경 재고가 떨어집니다.`);
  if (r.flags.includes('late-inbound'))
    parts.push('입고 예정 화물이 지연되었습니다(예정일이 지났지만 입고되지 않음): 도착일을 알 수 없어 예상 지연 이후부터만 셉니다.');
  if (r.confidence) parts.push(`신뢰도: ${CONFIDENCE_KO[r.confidence.level] ?? r.confidence.level}.`);
  return parts.join(' ');
}

function fmt(x: number, digits = 0): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : 'n/a';
}
