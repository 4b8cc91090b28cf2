// Generated sample data as database rows (drizzle insert shapes): the one mapping used by the
// start-up seed (rendered to SQL) and by the test fixtures (inserted through drizzle).
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { TenantData } from '../sample_data/generator';
import { customers, inboundShipments, lots, movementLines, movements, orderLines, products, warehouses } from '../worker/data/schema';
import { OPENING_BALANCE_REASON } from '../worker/domain/movement-reasons';

type Rows<T extends SQLiteTable> = { table: T; rows: T['$inferInsert'][] };

/** Every table's rows for one tenant, parents first. Opening balances are IN movements, as the ledger requires. */
export function sampleRows(tenantId: string, d: TenantData, openedAt: string): Rows<SQLiteTable>[] {
  const stocked = d.lots.filter((l) => l.quantity_on_hand > 0);
  // Order lines are keyed (order, line): number each order's lines in file order.
  const lineNo = new Map<string, number>();
  const nextLine = (orderId: string) => {
    const n = (lineNo.get(orderId) ?? 0) + 1;
    lineNo.set(orderId, n);
    return n;
  };
  const movementId = (lotId: string) => `seed-${tenantId}-${lotId}`;
  const sets = [
    { table: warehouses, rows: d.warehouses.map((w) => ({ tenantId, code: w.code, name: w.name, region: w.region })) },
    {
      table: products,
      rows: d.products.map((p) => ({
        tenantId,
        sku: p.sku,
        name: p.name,
        category: p.category,
        caseSize: p.case_size,
        shelfLifeDays: p.shelf_life_days,
        unitCost: p.unit_cost,
        unitPrice: p.unit_price,
        leadTimeDays: p.lead_time_days,
        leadTimeSdDays: p.lead_time_sd_days,
        moq: p.moq,
        supplier: p.supplier,
        minRemainingShelfLifeDays: p.min_remaining_shelf_life_days,
        safetyStock: p.safety_stock === '' ? null : p.safety_stock,
        reorderPoint: p.reorder_point === '' ? null : p.reorder_point,
      })),
    },
    {
      table: customers,
      rows: d.customers.map((c) => ({ tenantId, customerId: c.customer_id, name: c.name, region: c.region, channel: c.channel })),
    },
    {
      table: lots,
      rows: d.lots.map((l) => ({
        tenantId,
        id: l.lot_id,
        lotId: l.lot_id,
        sku: l.sku,
        warehouse: l.warehouse,
        quantityOnHand: l.quantity_on_hand,
        receivedDate: l.received_date,
        expirationDate: l.expiration_date,
        unitCost: l.unit_cost,
        status: l.status,
      })),
    },
    {
      table: movements,
      rows: stocked.map((l) => ({
        id: movementId(l.lot_id),
        tenantId,
        type: 'IN' as const,
        sku: l.sku,
        quantity: l.quantity_on_hand,
        reason: OPENING_BALANCE_REASON,
        reference: l.lot_id,
        createdBy: 'seed',
        createdAt: openedAt,
      })),
    },
    {
      table: movementLines,
      rows: stocked.map((l) => ({
        movementId: movementId(l.lot_id),
        line: 1,
        tenantId,
        lotId: l.lot_id,
        warehouse: l.warehouse,
        delta: l.quantity_on_hand,
      })),
    },
    {
      table: orderLines,
      rows: d.orders.map((o) => ({
        tenantId,
        orderId: o.order_id,
        line: nextLine(o.order_id),
        sku: o.sku,
        customerId: o.customer_id,
        orderDate: o.order_date,
        quantity: o.quantity,
        status: 'shipped' as const,
      })),
    },
    {
      table: inboundShipments,
      rows: d.inboundShipments.map((s) => ({
        tenantId,
        shipmentId: s.shipment_id,
        sku: s.sku,
        quantity: s.quantity,
        etaDate: s.eta_date,
        origin: s.origin,
        status: s.status,
      })),
    },
  ];
  return sets as Rows<SQLiteTable>[];
}

const literal = (v: unknown): string => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replace(/'/g, "''")}'`;
};

/** Multi-row INSERT statements for a local SQL script (column names from the drizzle schema). */
export function insertSql<T extends SQLiteTable>(table: T, rows: T['$inferInsert'][], perStatement = 400): string[] {
  if (!rows.length) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]);
  const head = `INSERT INTO ${getTableName(table)} (${keys.map((k) => columns[k].name).join(',')}) VALUES\n`;
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((r) => `(${keys.map((k) => literal((r as Record<string, unknown>)[k])).join(',')})`);
    out.push(`${head}${values.join(',\n')};`);
  }
  return out;
}
