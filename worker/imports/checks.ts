// Whole-file rules, run in SQL over the staged rows once every block is parsed (a rule about
// two rows cannot be checked one block at a time): repeated keys. Lots are keyed by SKU, lot
// number and warehouse, so one lot number on several SKUs or in several warehouses is several lots.
import type { Db } from '../data/db';
import type { FieldError } from '../lib/problem';
import type { Header } from './block';
import type { EntityDef } from './entities';
import type { ImportRow } from './imports.repo';
import { duplicateKeys, type StagedSource } from './staged-sql';
import { MAX_STORED_ERRORS } from './staging.repo';

export async function checkStaged(db: Db, imp: ImportRow, entity: EntityDef, header: Header): Promise<FieldError[]> {
  const src: StagedSource = { imp, entity, skip: false };
  // An order file without line numbers numbers each order's rows itself: no key to repeat.
  const keyed = !(entity.name === 'orders' && header.index.line === undefined);
  const errors = keyed ? await duplicateKeys(db, src, imp.rowsOk, MAX_STORED_ERRORS) : [];
  // Name the file's own column, as row errors do.
  return errors.map((e) => ({ ...e, column: header.columns[header.index[e.column]] ?? e.column }));
}
