// A receipts file (goods receipts / GRN lines) loads through the ledger, as
// POST /api/inbound-shipments/:id/receive does: per (shipment, SKU) one IN movement whose lines
// put the received units into lots (new ones appear with the file's lot number and expiry), and
// the shipment's received quantity grows; a line received in full is `received` and never counts
// as inbound again. All of it is the import's one commit batch.
//
// Whole-file rules (receiptChecks) run before the commit, over the staged rows: the shipment line
// exists and is not cancelled, the file receives at most what is still open, a warehouse is known
// (the row's, else the shipment's), a lot that exists keeps its expiry, and a new lot may not take a lot
// number another SKU holds (as the receive endpoint answers 409). A receipt that lands
// between those checks and the commit cannot over-receive: inbound_shipments refuses
// quantity_received > quantity (CHECK), so the batch fails whole and the import says why.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../data/db';
import type { CommitInput } from './commit';
import { staged, type CheckError, type StagedSource } from './staged-sql';
import { importedReceiptReason } from '../domain/movement-reasons';

/**
 * The staged receipt rows joined to their shipment line: stored spellings of the shipment and SKU,
 * the warehouse the units go to (the row's, else the shipment's), the receipt date (the row's,
 * else `today`, the tenant's local date when the import was made) and what is still open.
 */
function resolved(src: StagedSource, tenantId: string, today: string, join: 'LEFT JOIN' | 'JOIN'): SQL {
  return sql`SELECT s._row AS _row, coalesce(ib.shipment_id, s.shipment_id) AS shipment_id, coalesce(ib.sku, s.sku) AS sku,
      s.lot_id AS lot_id, s.expiration_date AS expiration_date, s.quantity AS quantity,
      coalesce(s.warehouse, ib.warehouse) AS warehouse, coalesce(s.received_date, ${today}) AS received_date, s.unit_cost AS unit_cost,
      ib.shipment_id AS line_found, ib.status AS shipment_status, ib.quantity - ib.quantity_received AS open
    FROM ${staged(src)} s ${sql.raw(join)} inbound_shipments ib
      ON ib.tenant_id = ${tenantId} AND ib.shipment_id = s.shipment_id AND ib.sku = s.sku`;
}

/**
 * Rows of a receipts file that cannot be received, each with the file's field and a sentence.
 * `today` is the tenant's local date of the import (the default receipt date).
 */
export async function receiptChecks(db: Db, src: StagedSource, tenantId: string, today: string, limit: number): Promise<CheckError[]> {
  const rows = await db.all<{ r: number; field: string; value: string; message: string }>(sql`
    WITH r AS (${resolved(src, tenantId, today, 'LEFT JOIN')}),
    g AS (SELECT *, sum(quantity) OVER (PARTITION BY shipment_id COLLATE NOCASE, sku COLLATE NOCASE) AS total FROM r)
    SELECT r, field, value, message FROM (
      SELECT _row AS r, 'sku' AS field, sku AS value,
        'Shipment ' || shipment_id || ' has no line for SKU ' || sku || '.' AS message
        FROM r WHERE line_found IS NULL
      UNION ALL
      SELECT _row, 'shipment_id', shipment_id, 'Shipment ' || shipment_id || ' is cancelled; its ' || sku || ' line cannot be received.'
        FROM r WHERE shipment_status = 'cancelled'
      UNION ALL
      SELECT _row, 'warehouse', '', 'Shipment ' || shipment_id || ' names no warehouse; give the warehouse the units were received into.'
        FROM r WHERE line_found IS NOT NULL AND warehouse IS NULL
      UNION ALL
      SELECT _row, 'quantity', CAST(quantity AS TEXT),
        'Shipment ' || shipment_id || ' expects ' || max(open, 0) || ' more of ' || sku || '; the file receives ' || total || '.'
        FROM g WHERE line_found IS NOT NULL AND shipment_status <> 'cancelled' AND total > open
      UNION ALL
      SELECT r._row, 'expiration_date', r.expiration_date,
        'Lot ' || l.lot_id || ' of ' || l.sku || ' in ' || l.warehouse || ' expires ' || l.expiration_date || '.'
        FROM r JOIN lots l ON l.tenant_id = ${tenantId} AND l.sku = r.sku AND l.lot_id = r.lot_id AND l.warehouse = r.warehouse
        WHERE l.expiration_date <> r.expiration_date
    ) ORDER BY r LIMIT ${limit}`);
  // Apart: D1 allows five terms in one compound SELECT.
  const taken = await db.all<{ r: number; field: string; value: string; message: string }>(sql`
    WITH r AS (${resolved(src, tenantId, today, 'JOIN')})
    SELECT r._row AS r, 'lot_id' AS field, r.lot_id AS value,
      'Lot ' || min(l.lot_id) || ' already holds ' || min(l.sku) || ' (in ' || min(l.warehouse) || '); it cannot be received as ' || r.sku || '.' AS message
    FROM r JOIN lots l ON l.tenant_id = ${tenantId} AND l.lot_id = r.lot_id AND l.sku <> r.sku
    WHERE NOT EXISTS (SELECT 1 FROM lots o WHERE o.tenant_id = ${tenantId} AND o.sku = r.sku AND o.lot_id = r.lot_id AND o.warehouse = r.warehouse)
    GROUP BY r._row ORDER BY r._row LIMIT ${limit}`);
  return [...rows, ...taken]
    .sort((a, b) => a.r - b.r)
    .slice(0, limit)
    .map((x) => ({ row: x.r, column: x.field, value: x.value ?? '', message: x.message }));
}

/** The commit batch of a receipts import: movements, their lines, new lots, lot quantities, shipment lines. */
export function receiptStatements(c: CommitInput): SQL[] {
  const importId = c.src.imp.id;
  // The movement's reason around its shipment id, worded as domain/movement-reasons.ts writes (and reads) it.
  const [reasonBefore, reasonAfter] = importedReceiptReason('\u0000', importId).split('\u0000');
  const r = sql`WITH r AS (${resolved(c.src, c.tenantId, c.today, 'JOIN')})`;
  const movementId = sql`${importId} || ':RCV:' || shipment_id || ':' || sku`;
  // The lot as it is stored (its own spelling), when it exists.
  const withLot = sql`${r}, rl AS (
      SELECT r.*, l.lot_id AS stored_lot FROM r
      LEFT JOIN lots l ON l.tenant_id = ${c.tenantId} AND l.sku = r.sku AND l.lot_id = r.lot_id AND l.warehouse = r.warehouse)`;
  // A new lot's API id is its lot number unless a lot has that id already or an earlier row of the
  // file takes it; then "<lot>~<warehouse>~<sku>" (the rule of lot imports and receiving).
  const newLots = sql`SELECT lot_id, sku, warehouse, min(_row) AS first_row, max(expiration_date) AS expiration_date,
      min(received_date) AS received_date, max(unit_cost) AS unit_cost
    FROM r GROUP BY sku COLLATE NOCASE, lot_id COLLATE NOCASE, warehouse COLLATE NOCASE`;
  const ranked = sql`(SELECT n.*, row_number() OVER (PARTITION BY lot_id COLLATE NOCASE ORDER BY first_row) AS _rank FROM (${newLots}) n)`;
  const apiId = sql`CASE WHEN s._rank = 1 AND NOT EXISTS (SELECT 1 FROM lots x WHERE x.tenant_id = ${c.tenantId} AND x.id = s.lot_id)
    THEN s.lot_id ELSE s.lot_id || '~' || s.warehouse || '~' || s.sku END`;
  return [
    // A receipt names its shipment (shipment_id) as the receive route's do: reversing it takes the units off the line.
    sql`${r} INSERT INTO movements (id, tenant_id, type, sku, quantity, reason, reference, shipment_id, created_by, created_by_id, created_at)
      SELECT ${movementId}, ${c.tenantId}, 'IN', sku, sum(quantity), ${reasonBefore} || shipment_id || ${reasonAfter},
        shipment_id, shipment_id, ${c.createdBy}, ${c.createdById}, ${c.now}
      FROM r GROUP BY shipment_id COLLATE NOCASE, sku COLLATE NOCASE`,
    sql`${withLot} INSERT INTO movement_lines (movement_id, line, tenant_id, lot_id, warehouse, delta)
      SELECT ${movementId}, row_number() OVER (PARTITION BY shipment_id COLLATE NOCASE, sku COLLATE NOCASE ORDER BY _row), ${c.tenantId},
        coalesce(stored_lot, lot_id), warehouse, quantity
      FROM rl`,
    // New lots appear empty (their units arrive with the lines above); an archived lot received into is in use again.
    sql`${r} INSERT INTO lots (tenant_id, id, lot_id, sku, warehouse, quantity_on_hand, received_date, expiration_date, unit_cost, status, created_at, updated_at)
      SELECT ${c.tenantId}, ${apiId}, s.lot_id, s.sku, s.warehouse, 0, s.received_date, s.expiration_date,
        coalesce(s.unit_cost, (SELECT p.unit_cost FROM products p WHERE p.tenant_id = ${c.tenantId} AND p.sku = s.sku), 0), 'available', ${c.now}, ${c.now}
      FROM ${ranked} s WHERE true
      ON CONFLICT (tenant_id, sku, lot_id, warehouse) DO UPDATE SET
        status = CASE WHEN lots.status = 'archived' THEN 'available' ELSE lots.status END, updated_at = excluded.updated_at`,
    sql`${r} UPDATE lots SET quantity_on_hand = lots.quantity_on_hand + f.qty, updated_at = ${c.now}
      FROM (SELECT sku, lot_id, warehouse, sum(quantity) AS qty FROM r GROUP BY sku COLLATE NOCASE, lot_id COLLATE NOCASE, warehouse COLLATE NOCASE) f
      WHERE lots.tenant_id = ${c.tenantId} AND lots.sku = f.sku AND lots.lot_id = f.lot_id AND lots.warehouse = f.warehouse`,
    sql`${r} UPDATE inbound_shipments SET quantity_received = inbound_shipments.quantity_received + f.qty,
        status = CASE WHEN inbound_shipments.quantity_received + f.qty >= inbound_shipments.quantity THEN 'received' ELSE inbound_shipments.status END,
        updated_at = ${c.now}
      FROM (SELECT shipment_id, sku, sum(quantity) AS qty FROM r GROUP BY shipment_id COLLATE NOCASE, sku COLLATE NOCASE) f
      WHERE inbound_shipments.tenant_id = ${c.tenantId} AND inbound_shipments.shipment_id = f.shipment_id AND inbound_shipments.sku = f.sku`,
  ];
}
