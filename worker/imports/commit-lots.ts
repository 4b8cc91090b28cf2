// Lots load through the ledger (invariant 1): in the same batch as the lot rows, every quantity
// the file changes becomes a movement line — IN for a lot that did not exist, ADJUST for one whose
// quantity differs — grouped into one movement per (type, SKU) with reason "import <id>".
// Replace mode zeroes, by ADJUST, the stocked lots of the file's warehouses that the file omits.
// The deltas are computed against the lots as they are inside the batch's transaction, so a
// movement posted meanwhile is neither lost nor double counted.
// A lot is keyed by (SKU, lot number, warehouse), as ERPs key it, compared without regard to case;
// the lots table's own columns stand on the left of every comparison so its NOCASE collation applies.
import { sql, type SQL } from 'drizzle-orm';
import type { CommitInput } from './commit';
import { staged, valueOf } from './staged-sql';
import { importReason } from '../domain/movement-reasons';

const sameLot = (lot: string, row: string) =>
  sql.raw(`${lot}.sku = ${row}.sku AND ${lot}.lot_id = ${row}.lot_id AND ${lot}.warehouse = ${row}.warehouse`);

function deltas(c: CommitInput): SQL {
  const s = staged(c.src);
  const file = sql`(SELECT lot_id, sku, warehouse, quantity_on_hand AS qty FROM ${s})`;
  const missing =
    c.mode === 'replace'
      ? sql` UNION ALL
        SELECT l.lot_id, l.sku, l.warehouse, -l.quantity_on_hand, 'ADJUST' FROM lots l
        WHERE l.tenant_id = ${c.tenantId} AND l.quantity_on_hand > 0
          AND l.warehouse IN (SELECT warehouse FROM ${s}) AND NOT EXISTS (SELECT 1 FROM ${s} x WHERE ${sameLot('l', 'x')})`
      : sql``;
  return sql`WITH d(lot_id, sku, warehouse, delta, kind) AS (
      SELECT coalesce(l.lot_id, f.lot_id), f.sku, f.warehouse, f.qty - coalesce(l.quantity_on_hand, 0), CASE WHEN l.lot_id IS NULL THEN 'IN' ELSE 'ADJUST' END
      FROM ${file} f LEFT JOIN lots l ON l.tenant_id = ${c.tenantId} AND ${sameLot('l', 'f')}${missing}
    )`;
}

const movementId = (importId: string) => sql`${importId} || ':' || kind || ':' || sku`;

export function lotStatements(c: CommitInput): SQL[] {
  const importId = c.src.imp.id;
  const reason = importReason(importId);
  const s = staged(c.src);
  const updates = ['expiration_date', 'received_date', 'unit_cost', 'status']
    .filter((f) => c.mapped.has(f))
    .map((f) => `"${f}" = excluded."${f}"`);
  if (!c.mapped.has('status')) updates.push(`status = CASE WHEN lots.status = 'archived' THEN 'available' ELSE lots.status END`);
  const field = (name: string) =>
    valueOf(
      c.src.entity.fields.find((f) => f.name === name)!,
      c.today,
    );
  // A file without a cost column values its new lots at the product's cost, as a receipt does (not $0).
  const unitCost = c.mapped.has('unit_cost')
    ? field('unit_cost')
    : sql`coalesce((SELECT p.unit_cost FROM products p WHERE p.tenant_id = ${c.tenantId} AND p.sku = s.sku), 0)`;
  // A new lot's API id is its lot number when no lot has that id yet and it is the file's first
  // row with that number; else "<lot>~<warehouse>~<sku>" ("~" never occurs in a key).
  const ranked = sql`(SELECT *, row_number() OVER (PARTITION BY lot_id COLLATE NOCASE ORDER BY _row) AS _rank FROM ${s})`;
  const apiId = sql`CASE WHEN s._rank = 1 AND NOT EXISTS (SELECT 1 FROM lots x WHERE x.tenant_id = ${c.tenantId} AND x.id = s.lot_id)
    THEN s.lot_id ELSE s.lot_id || '~' || s.warehouse || '~' || s.sku END`;
  return [
    // 1–2: the ledger, from the quantities before this batch changes them.
    sql`${deltas(c)}
      INSERT INTO movements (id, tenant_id, type, sku, quantity, reason, reference, created_by, created_by_id, created_at)
      SELECT ${movementId(importId)}, ${c.tenantId}, kind, sku, sum(abs(delta)), ${reason}, ${importId}, ${c.createdBy}, ${c.createdById}, ${c.now}
      FROM d WHERE delta <> 0 GROUP BY kind, sku`,
    sql`${deltas(c)}
      INSERT INTO movement_lines (movement_id, line, tenant_id, lot_id, warehouse, delta)
      SELECT ${movementId(importId)}, row_number() OVER (PARTITION BY kind, sku ORDER BY lot_id, warehouse), ${c.tenantId}, lot_id, warehouse, delta
      FROM d WHERE delta <> 0`,
    // 3: new lots appear empty (their stock arrives with the IN lines); known lots get the file's dates, cost, status.
    sql`INSERT INTO lots (tenant_id, id, lot_id, sku, warehouse, quantity_on_hand, received_date, expiration_date, unit_cost, status, created_at, updated_at)
      SELECT ${c.tenantId}, ${apiId}, s.lot_id, s.sku, s.warehouse, 0, ${field('received_date')}, s.expiration_date, ${unitCost}, ${field('status')}, ${c.now}, ${c.now}
      FROM ${ranked} s WHERE true
      ON CONFLICT (tenant_id, sku, lot_id, warehouse) DO UPDATE SET ${sql.raw(updates.join(', '))}, updated_at = excluded.updated_at`,
    // 4–5: the quantities the ledger lines above account for.
    sql`UPDATE lots SET quantity_on_hand = f.qty, updated_at = ${c.now}
      FROM (SELECT lot_id, sku, warehouse, quantity_on_hand AS qty FROM ${s}) f
      WHERE lots.tenant_id = ${c.tenantId} AND ${sameLot('lots', 'f')} AND lots.quantity_on_hand <> f.qty`,
    ...(c.mode === 'replace'
      ? [
          sql`UPDATE lots SET quantity_on_hand = 0, updated_at = ${c.now}
            WHERE tenant_id = ${c.tenantId} AND quantity_on_hand > 0
              AND warehouse IN (SELECT warehouse FROM ${s}) AND NOT EXISTS (SELECT 1 FROM ${s} x WHERE ${sameLot('lots', 'x')})`,
        ]
      : []),
  ];
}
