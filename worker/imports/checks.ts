// Whole-file rules, run in SQL over the staged rows once every block is parsed (a rule about
// two rows cannot be checked one block at a time): repeated keys, and lots that already exist
// with another SKU or warehouse (a lot holds one SKU; moving stock is a MOVE, not an import).
import { sql } from 'drizzle-orm';
import type { Db } from '../data/db';
import type { FieldError } from '../lib/problem';
import type { Header } from './block';
import type { EntityDef } from './entities';
import type { ImportRow } from './imports.repo';
import { duplicateKeys, staged, type CheckError, type StagedSource } from './staged-sql';
import { MAX_STORED_ERRORS } from './staging.repo';

async function lotConflicts(db: Db, tenantId: string, src: StagedSource, limit: number): Promise<CheckError[]> {
  const rows = await db.all<{ r: number; lot: string; sku: string; wh: string; lsku: string; lwh: string }>(sql`
    SELECT s._row AS r, s.lot_id AS lot, s.sku AS sku, s.warehouse AS wh, l.sku AS lsku, l.warehouse AS lwh
    FROM ${staged(src)} s JOIN lots l ON l.tenant_id = ${tenantId} AND l.lot_id = s.lot_id
    WHERE l.sku <> s.sku OR l.warehouse <> s.warehouse ORDER BY r LIMIT ${limit}`);
  return rows.map((r) =>
    r.lsku !== r.sku
      ? { row: r.r, column: 'sku', value: r.sku, message: `Lot ${r.lot} already exists with SKU ${r.lsku}; a lot holds one SKU.` }
      : {
          row: r.r,
          column: 'warehouse',
          value: r.wh,
          message: `Lot ${r.lot} is in ${r.lwh}; move stock with a MOVE movement, not an import.`,
        },
  );
}

export async function checkStaged(db: Db, imp: ImportRow, entity: EntityDef, header: Header): Promise<FieldError[]> {
  const src: StagedSource = { imp, entity, skip: false };
  const errors = await duplicateKeys(db, src, imp.rowsOk, MAX_STORED_ERRORS);
  if (entity.name === 'inventory_lots') errors.push(...(await lotConflicts(db, imp.tenantId, src, MAX_STORED_ERRORS)));
  // Name the file's own column, as row errors do.
  return errors.map((e) => ({ ...e, column: header.columns[header.index[e.column]] ?? e.column }));
}
