// Actions and purchase orders as CSV (formula-escaped, streamed) or XLSX (numbers typed). In Korean
// (`lang` ko, the web app's Korean pages) the columns have Korean names and the codes the pages show
// in Korean (kind, state, confidence, a shipment's status) are their Korean words; identifiers
// (action ids, SKUs, lots, warehouses, customers, suppliers, PO numbers), numbers, dates and what a
// person typed stay as stored, so a line can still be matched to its record.
import type { Db } from '../data/db';
import { allActions, purchaseOrders, type ActionFilter, type ActionRow, type ActionSort } from '../data/actions.repo';
import { ACTION_KIND_KO, ACTION_STATE_KO, codeKo, SHIPMENT_STATUS_KO } from '../domain/code-words';
import { CONFIDENCE_KO } from '../domain/text';
import { csvStream, type CsvCell } from '../imports/csv-write';
import { writeXlsx, type Cell } from '../imports/xlsx';
import type { FileLang } from '../lib/formats';

export const ACTION_COLUMNS = [
  'id',
  'kind',
  'state',
  'sku',
  'lot_id',
  'warehouse',
  'to_warehouse',
  'customer_id',
  'supplier',
  'quantity',
  'cases',
  'value',
  'discount_pct',
  'order_by_date',
  'confidence',
  'reason',
  'proposed_by',
  'created_at',
  'valid_until',
  'decided_by',
  'decided_at',
  'decision_note',
  'executed_at',
];

const ACTION_COLUMNS_KO = [
  '조치 ID',
  '유형',
  '상태',
  '품목 코드',
  '로트',
  '창고',
  '도착 창고',
  '거래처',
  '공급처',
  '수량',
  '케이스',
  '금액',
  '할인율(%)',
  '주문 기한',
  '신뢰도',
  '사유',
  '제안자',
  '생성 시각',
  '유효 기한',
  '결정자',
  '결정 시각',
  '결정 메모',
  '실행 시각',
];

const actionColumns = (lang: FileLang) => (lang === 'ko' ? ACTION_COLUMNS_KO : ACTION_COLUMNS);

const cells = (a: ActionRow, lang: FileLang): Cell[] => [
  a.id,
  lang === 'ko' ? codeKo(ACTION_KIND_KO, a.kind) : a.kind,
  lang === 'ko' ? codeKo(ACTION_STATE_KO, a.state) : a.state,
  a.sku,
  a.lotId,
  a.warehouse,
  a.toWarehouse,
  a.customerId,
  a.supplier,
  a.quantity,
  a.cases,
  a.value,
  a.discountPct,
  a.orderByDate,
  lang === 'ko' ? codeKo(CONFIDENCE_KO, a.confidence) : a.confidence,
  // The plan's reason in Korean when it wrote one; a person's as typed.
  lang === 'ko' ? a.reasonKo || a.reason : a.reason,
  a.proposedBy,
  a.createdAt,
  a.validUntil,
  a.decidedBy,
  a.decidedAt,
  a.decisionNote,
  a.executedAt,
];

export function actionsCsv(
  db: Db,
  tenantId: string,
  f: ActionFilter,
  sort?: ActionSort,
  lang: FileLang = 'en',
): ReadableStream<Uint8Array> {
  const pages = allActions(db, tenantId, f, undefined, sort);
  return csvStream(actionColumns(lang), async () => {
    const next = await pages.next();
    return next.done ? [] : (next.value.map((a) => cells(a, lang)) as CsvCell[][]);
  });
}

export async function actionsXlsx(
  db: Db,
  tenantId: string,
  f: ActionFilter,
  sort?: ActionSort,
  lang: FileLang = 'en',
): Promise<Uint8Array<ArrayBuffer>> {
  const rows: Cell[][] = [];
  for await (const page of allActions(db, tenantId, f, undefined, sort)) rows.push(...page.map((a) => cells(a, lang)));
  return writeXlsx('actions', actionColumns(lang), rows);
}

export const PO_COLUMNS = [
  'supplier',
  'po_number',
  'sku',
  'name',
  'quantity',
  'cases',
  'unit_cost',
  'line_value',
  'eta_date',
  'warehouse',
  'status',
  'action_id',
  'ordered_at',
];

const PO_COLUMNS_KO = [
  '공급처',
  '발주 번호',
  '품목 코드',
  '품목명',
  '수량',
  '케이스',
  '단가',
  '금액',
  '도착 예정일',
  '창고',
  '상태',
  '조치 ID',
  '주문 시각',
];

export const poColumns = (lang: FileLang) => (lang === 'ko' ? PO_COLUMNS_KO : PO_COLUMNS);

export async function purchaseOrderRows(db: Db, tenantId: string, supplier?: string, lang: FileLang = 'en'): Promise<Cell[][]> {
  const rows = await purchaseOrders(db, tenantId, supplier);
  return rows.map((r) => [
    r.supplier,
    r.shipmentId,
    r.sku,
    r.name,
    r.quantity,
    r.quantity / Math.max(1, r.caseSize ?? 1),
    r.unitCost,
    Math.round(r.quantity * (r.unitCost ?? 0) * 100) / 100,
    r.etaDate,
    r.warehouse,
    lang === 'ko' ? codeKo(SHIPMENT_STATUS_KO, r.status) : r.status,
    r.actionId,
    r.orderedAt,
  ]);
}

export function purchaseOrdersCsv(rows: Cell[][], lang: FileLang = 'en'): ReadableStream<Uint8Array> {
  let sent = false;
  return csvStream(poColumns(lang), async () => {
    if (sent) return [];
    sent = true;
    return rows;
  });
}

export const purchaseOrdersXlsx = (rows: Cell[][], lang: FileLang = 'en') => writeXlsx('purchase-orders', poColumns(lang), rows);
