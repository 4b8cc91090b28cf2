// Lots load through the ledger (invariant 1): in the same batch as the lot rows, every quantity
// the file changes becomes a movement line — IN for a lot that did not exist, ADJUST for one whose
// quantity differs — grouped into one movement per (type, SKU) with reason "import <id>".
// Replace mode zeroes, by ADJUST, the stocked lots of the file's warehouses that the file omits.
// The deltas are computed against the lots as they are inside the batch's transaction, so a
// movement posted meanwhile is neither lost nor double counted.
import { sql, type SQL } from 'drizzle-orm';
import type { CommitInput } from './commit';
import { staged, valueOf } from './staged-sql';

function deltas(c: CommitInput): SQL {
  const s = staged(c.src);
  const file = sql`(SELECT lot_id, sku, warehouse, quantity_on_hand AS qty FROM ${s})`;
  const missing =
    c.mode === 'replace'
      ? sql` UNION ALL
        SELECT l.lot_id, l.sku, l.warehouse, -l.quantity_on_hand, 'ADJUST' FROM lots l
        WHERE l.tenant_id = ${c.tenantId} AND l.quantity_on_hand > 0
          AND l.warehouse IN (SELECT warehouse FROM ${s}) AND l.lot_id NOT IN (SELECT lot_id FROM ${s})`
      : sql``;
  return sql`WITH d(lot_id, sku, warehouse, delta, kind) AS (
      SELECT f.lot_id, f.sku, f.warehouse, f.qty - coalesce(l.quantity_on_hand, 0), CASE WHEN l.lot_id IS NULL THEN 'IN' ELSE 'ADJUST' END
      FROM ${file} f LEFT JOIN lots l ON l.tenant_id = ${c.tenantId} AND l.lot_id = f.lot_id${missing}
    )`;
}

const movementId = (importId: string) => sql`${importId} || ':' || kind || ':' || sku`;

export function lotStatements(c: CommitInput): SQL[] {
  const importId = c.src.imp.id;
  const reason = `import ${importId}`;
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
  return [
    // 1–2: the ledger, from the quantities before this batch changes them.
    sql`${deltas(c)}
      INSERT INTO movements (id, tenant_id, type, sku, quantity, reason, reference, created_by, created_at)
      SELECT ${movementId(importId)}, ${c.tenantId}, kind, sku, sum(abs(delta)), ${reason}, ${importId}, ${c.userId}, ${c.now}
      FROM d WHERE delta <> 0 GROUP BY kind, sku`,
    sql`${deltas(c)}
      INSERT INTO movement_lines (movement_id, line, tenant_id, lot_id, warehouse, delta)
      SELECT ${movementId(importId)}, row_number() OVER (PARTITION BY kind, sku ORDER BY lot_id), ${c.tenantId}, lot_id, warehouse, delta
      FROM d WHERE delta <> 0`,
    // 3: new lots appear empty (their stock arrives with the IN lines); known lots get the file's dates, cost, status.
    sql`INSERT INTO lots (tenant_id, lot_id, sku, warehouse, quantity_on_hand, received_date, expiration_date, unit_cost, status, created_at, updated_at)
      SELECT ${c.tenantId}, s.lot_id, s.sku, s.warehouse, 0, ${field('received_date')}, s.expiration_date, ${field('unit_cost')}, ${field('status')}, ${c.now}, ${c.now}
      FROM ${s} s WHERE true
      ON CONFLICT (tenant_id, lot_id) DO UPDATE SET ${sql.raw(updates.join(', '))}, updated_at = excluded.updated_at`,
    // 4–5: the quantities the ledger lines above account for.
    sql`UPDATE lots SET quantity_on_hand = f.qty, updated_at = ${c.now}
      FROM (SELECT lot_id, quantity_on_hand AS qty FROM ${s}) f
      WHERE lots.tenant_id = ${c.tenantId} AND lots.lot_id = f.lot_id AND lots.quantity_on_hand <> f.qty`,
    ...(c.mode === 'replace'
      ? [
          sql`UPDATE lots SET quantity_on_hand = 0, updated_at = ${c.now}
            WHERE tenant_id = ${c.tenantId} AND quantity_on_hand > 0
              AND warehouse IN (SELECT warehouse FROM ${s}) AND lot_id NOT IN (SELECT lot_id FROM ${s})`,
        ]
      : []),
  ];
}
