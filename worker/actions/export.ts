// Actions and purchase orders as CSV (formula-escaped, streamed) or XLSX (numbers typed).
import type { Db } from '../data/db';
import { allActions, purchaseOrders, type ActionFilter, type ActionRow, type ActionSort } from '../data/actions.repo';
import { csvStream, type CsvCell } from '../imports/csv-write';
import { writeXlsx, type Cell } from '../imports/xlsx';

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

const cells = (a: ActionRow): Cell[] => [
  a.id,
  a.kind,
  a.state,
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
  a.confidence,
  a.reason,
  a.proposedBy,
  a.createdAt,
  a.validUntil,
  a.decidedBy,
  a.decidedAt,
  a.decisionNote,
  a.executedAt,
];

export function actionsCsv(db: Db, tenantId: string, f: ActionFilter, sort?: ActionSort): ReadableStream<Uint8Array> {
  const pages = allActions(db, tenantId, f, undefined, sort);
  return csvStream(ACTION_COLUMNS, async () => {
    const next = await pages.next();
    return next.done ? [] : (next.value.map(cells) as CsvCell[][]);
  });
}

export async function actionsXlsx(db: Db, tenantId: string, f: ActionFilter, sort?: ActionSort): Promise<Uint8Array<ArrayBuffer>> {
  const rows: Cell[][] = [];
  for await (const page of allActions(db, tenantId, f, undefined, sort)) rows.push(...page.map(cells));
  return writeXlsx('actions', ACTION_COLUMNS, rows);
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

export async function purchaseOrderRows(db: Db, tenantId: string, supplier?: string): Promise<Cell[][]> {
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
    r.status,
    r.actionId,
    r.orderedAt,
  ]);
}

export function purchaseOrdersCsv(rows: Cell[][]): ReadableStream<Uint8Array> {
  let sent = false;
  return csvStream(PO_COLUMNS, async () => {
    if (sent) return [];
    sent = true;
    return rows;
  });
}

export const purchaseOrdersXlsx = (rows: Cell[][]) => writeXlsx('purchase-orders', PO_COLUMNS, rows);
