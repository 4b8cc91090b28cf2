// Exports read tenant data page by page in primary-key order (keyset pagination), in the import
// templates' columns so an export re-imports as is. Movements export one row per ledger line,
// with the signed quantity.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../data/db';
import { entityByName } from './entities';
import type { Cell } from './xlsx';

export interface ExportFilter {
  from?: string;
  to?: string;
  includeArchived?: boolean;
}

export interface ExportSpec {
  name: string;
  columns: string[];
  /** Rows after the last key of the previous page (undefined: the first page). */
  page(db: Db, tenantId: string, f: ExportFilter, after: Cell[] | undefined, limit: number): Promise<{ rows: Cell[][]; last?: Cell[] }>;
}

const quoted = (names: string[]) => sql.raw(names.map((n) => `"${n}"`).join(', '));

function tableSpec(entityName: string, exportName: string, dateColumn?: string): ExportSpec {
  const e = entityByName(entityName)!;
  const keys = e.key;
  const columns = e.fields.map((f) => f.name);
  const select = e.archivable ? [...columns, 'archived'] : columns;
  return {
    name: exportName,
    columns: e.archivable ? [...columns, 'archived'] : columns,
    async page(db, tenantId, f, after, limit) {
      const conditions: SQL[] = [sql`tenant_id = ${tenantId}`];
      if (e.archivable && !f.includeArchived) conditions.push(sql`archived = 0`);
      if (dateColumn && f.from) conditions.push(sql`${sql.raw(`"${dateColumn}"`)} >= ${f.from}`);
      if (dateColumn && f.to) conditions.push(sql`${sql.raw(`"${dateColumn}"`)} <= ${f.to}`);
      if (after)
        conditions.push(
          sql`(${quoted(keys)}) > (${sql.join(
            after.map((v) => sql`${v}`),
            sql`, `,
          )})`,
        );
      const rows = await db.all<Record<string, Cell>>(
        sql`SELECT ${quoted(select)} FROM ${sql.raw(`"${e.table}"`)} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY ${quoted(keys)} LIMIT ${limit}`,
      );
      const out = rows.map((r) => select.map((c) => (c === 'archived' ? (r[c] ? 'true' : 'false') : r[c])));
      const last = rows.at(-1);
      return { rows: out, last: last ? keys.map((k) => last[k]) : undefined };
    },
  };
}

const MOVEMENT_COLUMNS = [
  'movement_id',
  'created_at',
  'type',
  'sku',
  'lot_id',
  'warehouse',
  'quantity',
  'reason',
  'reference',
  'created_by',
  'reverses_id',
];

const movementsSpec: ExportSpec = {
  name: 'movements',
  columns: MOVEMENT_COLUMNS,
  async page(db, tenantId, f, after, limit) {
    const conditions: SQL[] = [sql`m.tenant_id = ${tenantId}`];
    if (f.from) conditions.push(sql`m.created_at >= ${f.from}`);
    if (f.to) conditions.push(sql`m.created_at <= ${f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to}`);
    if (after) conditions.push(sql`(m.created_at, l.movement_id, l.line) > (${after[0]}, ${after[1]}, ${after[2]})`);
    const rows = await db.all<Record<string, Cell>>(sql`
      SELECT l.movement_id, m.created_at, m.type, m.sku, l.lot_id, l.warehouse, l.delta AS quantity, m.reason, m.reference,
             m.created_by, m.reverses_id, l.line
      FROM movements m JOIN movement_lines l ON l.movement_id = m.id AND l.tenant_id = m.tenant_id
      WHERE ${sql.join(conditions, sql` AND `)} ORDER BY m.created_at, l.movement_id, l.line LIMIT ${limit}`);
    const last = rows.at(-1);
    return {
      rows: rows.map((r) => MOVEMENT_COLUMNS.map((c) => r[c] ?? null)),
      last: last ? [last.created_at, last.movement_id, last.line] : undefined,
    };
  },
};

const SPECS: Record<string, ExportSpec> = {
  products: tableSpec('products', 'products'),
  lots: tableSpec('inventory_lots', 'lots'),
  orders: tableSpec('orders', 'orders', 'order_date'),
  movements: movementsSpec,
  inbound_shipments: tableSpec('inbound_shipments', 'inbound_shipments', 'eta_date'),
  customers: tableSpec('customers', 'customers'),
  warehouses: tableSpec('warehouses', 'warehouses'),
  promotions: tableSpec('promotions', 'promotions', 'start_date'),
};
const EXPORT_ALIASES: Record<string, string> = {
  inventory_lots: 'lots',
  'inbound-shipments': 'inbound_shipments',
  inbound: 'inbound_shipments',
};

export const exportSpec = (name: string): ExportSpec | undefined => SPECS[EXPORT_ALIASES[name] ?? name];
export const EXPORTABLE = Object.keys(SPECS);
