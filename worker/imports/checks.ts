// Whole-file rules, run in SQL over the staged rows once every block is parsed (a rule about
// two rows cannot be checked one block at a time): repeated keys, and the rules against stored
// records (recordChecks), which the preview runs over the rows it read as well. Lots are keyed by
// SKU, lot number and warehouse, so one lot number on several SKUs or in several warehouses is
// several lots.
// Receipts are checked against their shipments (commit-receipts.ts); a shipment line's quantity
// may not fall below what was already received of it. A promotion may not end before it starts or
// run longer than a year.
import { sql } from 'drizzle-orm';
import type { Db } from '../data/db';
import type { FieldError } from '../lib/problem';
import type { Header } from './block';
import { receiptChecks } from './commit-receipts';
import type { EntityDef } from './entities';
import type { ImportRow } from './imports.repo';
import { duplicateKeys, staged, type CheckError, type StagedSource } from './staged-sql';
import { MAX_STORED_ERRORS } from './staging.repo';
import { DOCK_STATUSES, shipmentTransitionProblem, type ShipmentStatus } from '../domain/inbound';
import { firstInRowOrder, type Preview } from './inspect';
import { userRole } from '../data/users.repo';
import { can } from '../lib/roles';

async function receivedBeyondQuantity(db: Db, src: StagedSource, tenantId: string, limit: number): Promise<CheckError[]> {
  const rows = await db.all<{ r: number; q: number; received: number; shipment: string; sku: string }>(sql`
    SELECT s._row AS r, s.quantity AS q, ib.quantity_received AS received, ib.shipment_id AS shipment, ib.sku AS sku
    FROM ${staged(src)} s JOIN inbound_shipments ib ON ib.tenant_id = ${tenantId} AND ib.shipment_id = s.shipment_id AND ib.sku = s.sku
    WHERE ib.quantity_received > s.quantity ORDER BY s._row LIMIT ${limit}`);
  return rows.map((x) => ({
    row: x.r,
    column: 'quantity',
    value: String(x.q),
    message: `${x.received} units of ${x.sku} on shipment ${x.shipment} were already received; the quantity cannot be lower.`,
  }));
}

/**
 * Status changes of known shipment lines, held to the API's transitions (domain/inbound.ts): the
 * file may not reopen a received or cancelled line, move an arrived one back, or cancel a line
 * with units received. An uploader without movements:write may not set or leave `arrived` (the
 * dock's status), as over the API.
 */
async function shipmentTransitions(db: Db, src: StagedSource, tenantId: string, dock: boolean, limit: number): Promise<CheckError[]> {
  const rows = await db.all<{ r: number; v: string; from: string; received: number; shipment: string; sku: string }>(sql`
    SELECT s._row AS r, s.status AS v, ib.status AS "from", ib.quantity_received AS received, ib.shipment_id AS shipment, ib.sku AS sku
    FROM ${staged(src)} s JOIN inbound_shipments ib ON ib.tenant_id = ${tenantId} AND ib.shipment_id = s.shipment_id AND ib.sku = s.sku
    WHERE s.status IS NOT NULL AND s.status <> ib.status ORDER BY s._row LIMIT ${limit}`);
  const out: CheckError[] = [];
  for (const x of rows) {
    const [from, to] = [x.from as ShipmentStatus, x.v as ShipmentStatus];
    const dockChange = DOCK_STATUSES.includes(to) || DOCK_STATUSES.includes(from);
    const message =
      shipmentTransitionProblem(from, to, x.received) ??
      (dockChange && !dock
        ? 'marking a shipment arrived, or changing one that arrived, is for the roles that receive stock (staff, admin).'
        : undefined);
    if (message) out.push({ row: x.r, column: 'status', value: x.v, message: `Shipment ${x.shipment}, ${x.sku}: ${message}` });
  }
  return out;
}

/** Longest promotion accepted, in days: a longer "promotion" is the regular price, not a promotion. */
export const MAX_PROMOTION_DAYS = 366;

async function promotionDates(db: Db, src: StagedSource, limit: number): Promise<CheckError[]> {
  const rows = await db.all<{ r: number; a: string; b: string }>(sql`
    SELECT s._row AS r, s.start_date AS a, s.end_date AS b FROM ${staged(src)} s
    WHERE s.end_date < s.start_date OR julianday(s.end_date) - julianday(s.start_date) >= ${MAX_PROMOTION_DAYS}
    ORDER BY s._row LIMIT ${limit}`);
  return rows.map((x) => ({
    row: x.r,
    column: 'end_date',
    value: x.b,
    message:
      x.b < x.a
        ? `The promotion ends (${x.b}) before it starts (${x.a}).`
        : `The promotion runs longer than ${MAX_PROMOTION_DAYS} days (${x.a} to ${x.b}); a promotion is a limited period.`,
  }));
}

export interface RecordCheckContext {
  tenantId: string;
  /** The tenant's local date of the import (or of the preview): the default receipt date. */
  today: string;
  /** Whether whoever sends the file may set the dock's statuses (arrived): a role with movements:write, or a landing drop. */
  mayReceive: boolean;
}

/**
 * The rules of a file's rows against the records already stored, per entity: receipts against
 * their shipment lines, shipment lines against what was received and the status changes a
 * shipment may make, promotion dates. The import's check phase (checkStaged) and the preview
 * (checkPreview) both run these, so a preview that says "ready" is not refused by the import.
 * Errors name the entity's field in `column`.
 */
export async function recordChecks(db: Db, src: StagedSource, ctx: RecordCheckContext, limit: number): Promise<CheckError[]> {
  const errors: CheckError[] = [];
  const { tenantId } = ctx;
  if (src.entity.name === 'receipts') errors.push(...(await receiptChecks(db, src, tenantId, ctx.today, limit)));
  if (src.entity.name === 'inbound_shipments') {
    errors.push(...(await receivedBeyondQuantity(db, src, tenantId, limit)));
    errors.push(...(await shipmentTransitions(db, src, tenantId, ctx.mayReceive, limit)));
  }
  if (src.entity.name === 'promotions') errors.push(...(await promotionDates(db, src, limit)));
  return errors;
}

/** Check errors in row order (at most MAX_STORED_ERRORS), each naming the file's own column, as row errors do. */
function inFileColumns(errors: CheckError[], header: Pick<Header, 'columns' | 'index'>): FieldError[] {
  return errors
    .sort((a, b) => a.row - b.row)
    .slice(0, MAX_STORED_ERRORS)
    .map((e) => ({ ...e, column: header.columns[header.index[e.column]] ?? e.column }));
}

/** Whether the uploader of an import may set the dock's statuses; a landing drop (no uploader) is the ERP's own record of the dock. */
async function importerMayReceive(db: Db, imp: ImportRow): Promise<boolean> {
  if (imp.source === 'landing' || !imp.createdById) return true;
  const role = await userRole(db, imp.tenantId, imp.createdById);
  return role !== undefined && can(role, 'movements:write');
}

/** Whole-file errors of a staged import (at most MAX_STORED_ERRORS); `today` is the tenant's local date of the import. */
export async function checkStaged(db: Db, imp: ImportRow, entity: EntityDef, header: Header, today: string): Promise<FieldError[]> {
  const src: StagedSource = { imp, entity, skip: false };
  // An order file without line numbers numbers each order's rows itself: no key to repeat.
  const keyed = !(entity.name === 'orders' && header.index.line === undefined);
  const errors = keyed ? await duplicateKeys(db, src, imp.rowsOk, MAX_STORED_ERRORS) : [];
  // Without a status column no status changes: the uploader's role matters only with one.
  const mayReceive = entity.name === 'inbound_shipments' && header.index.status !== undefined ? await importerMayReceive(db, imp) : true;
  errors.push(...(await recordChecks(db, src, { tenantId: imp.tenantId, today, mayReceive }, MAX_STORED_ERRORS)));
  return inFileColumns(errors, header);
}

/** Whether recordChecks has rules for files of `entity` (the preview keeps its rows for them only). */
export const hasRecordChecks = (entity: Pick<EntityDef, 'name'>) =>
  entity.name === 'receipts' || entity.name === 'inbound_shipments' || entity.name === 'promotions';

/**
 * A preview with the record rules run over every row of the file it read and validated, as the
 * import's check phase runs them over every staged row: the same SQL, the same sentences, in one
 * statement per rule. Its errors stay the first PREVIEW_ERRORS in row order; `errorCount` counts
 * them all. Repeated keys the preview finds itself, over the whole file.
 */
export async function checkPreview(db: Db, entity: EntityDef, preview: Preview, ctx: RecordCheckContext): Promise<Preview> {
  if (!preview.read.parts.length) return preview;
  const found = await recordChecks(db, { entity, parts: preview.read.parts }, ctx, MAX_STORED_ERRORS);
  if (!found.length) return preview;
  const errors = firstInRowOrder([...preview.errors, ...inFileColumns(found, preview.read.header)]);
  const errorCount = preview.errorCount + found.length;
  return { ...preview, errors, errorCount, errorsTruncated: errorCount > errors.length, ready: false };
}
