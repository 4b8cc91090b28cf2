// The stock ledger: the only code that changes lot quantities. Each movement, its lines and the lot
// quantities they change are one db.batch() (one transaction in D1); the CHECK on lots refuses
// negative stock, so a racing writer's whole batch fails instead of overdrawing.
import { and, asc, desc, eq, gt, gte, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { matchAny } from './crud.repo';
import { chunk, rowsPerInsert, type Db } from './db';
import { customers, lots, movementLines, movements, products, warehouses } from './schema';
import { stateConflict, StockConflict } from '../lib/errors';
import { sameKey } from '../lib/keys';
import { movementReasonKo } from '../domain/movement-reasons';

export type MovementType = (typeof movements.$inferSelect)['type'];
export type LotRow = typeof lots.$inferSelect;
export type LiveLotRow = LotRow & { status: Exclude<LotRow['status'], 'archived'> };
export const isLiveLot = (l: LotRow): l is LiveLotRow => l.status !== 'archived';

export interface NewLot {
  /** The API id (lotApiId). */
  id: string;
  /** The lot number; with the movement's SKU and the warehouse, the lot's key. */
  lotId: string;
  sku: string;
  warehouse: string;
  receivedDate: string;
  expirationDate: string;
  unitCost: number;
  status?: 'available' | 'quarantine' | 'hold';
}

export interface LedgerLine {
  lotId: string;
  warehouse: string;
  delta: number;
}

export interface MovementDraft {
  id: string;
  type: MovementType;
  sku: string;
  quantity: number;
  reason: string;
  reference: string;
  reversesId?: string | null;
  customerId?: string | null;
  /** A receipt: the shipment whose line of this SKU it receives (receivedStatement goes in the same batch). */
  shipmentId?: string | null;
  /** The poster's email (a system's name), and identity (user id; '' for a system). */
  createdBy: string;
  createdById: string;
  /** Lots to create (quantity 0) before the lines apply; existing ones are left as they are. */
  newLots?: NewLot[];
  /** Empty archived lots that come back with these attributes (a MOVE into a lot emptied before). */
  revive?: NewLot[];
  /** Per-lot deltas; each names the lot by number and warehouse within the movement's SKU. */
  lines: LedgerLine[];
}

export { StockConflict };

export async function lotsForSku(db: Db, tenantId: string, sku: string, warehouse?: string): Promise<LotRow[]> {
  return db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.sku, sku), warehouse ? eq(lots.warehouse, warehouse) : undefined))
    .orderBy(asc(lots.expirationDate), asc(lots.receivedDate), asc(lots.lotId));
}

const keyWhere = (tenantId: string, sku: string, lotId: string, warehouse: string) =>
  and(eq(lots.tenantId, tenantId), eq(lots.sku, sku), eq(lots.lotId, lotId), eq(lots.warehouse, warehouse));

/** A lot by its API id. */
export async function findLot(db: Db, tenantId: string, id: string): Promise<LotRow | undefined> {
  const [row] = await db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.id, id)));
  return row;
}

/** Archives the (empty) lot with API id `id`; quantities never change here. */
export const archiveLotStatement = (db: Db, tenantId: string, id: string) =>
  db
    .update(lots)
    .set({ status: 'archived', updatedAt: new Date().toISOString() })
    .where(and(eq(lots.tenantId, tenantId), eq(lots.id, id)));

/** A lot by its key (SKU, lot number, warehouse), compared without regard to case. */
export async function findLotByKey(db: Db, tenantId: string, sku: string, lotId: string, warehouse: string): Promise<LotRow | undefined> {
  const [row] = await db
    .select()
    .from(lots)
    .where(keyWhere(tenantId, sku, lotId, warehouse));
  return row;
}

/** Lots a request may mean by `ref`: the lot with that API id, and every lot with that lot number. */
export async function lotCandidates(db: Db, tenantId: string, ref: string): Promise<LotRow[]> {
  return db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), or(eq(lots.id, ref), eq(lots.lotId, ref))))
    .orderBy(asc(lots.sku), asc(lots.warehouse))
    .limit(50);
}

/**
 * The lots `ref` names, narrowed by SKU and warehouse when given: a lot's API id names that one lot;
 * a lot number names every lot with that number (several warehouses, or several SKUs). The caller
 * decides what none or several mean (404; 409 listing them).
 */
export async function lotsNamed(db: Db, tenantId: string, ref: string, q: { sku?: string; warehouse?: string } = {}): Promise<LotRow[]> {
  const candidates = await lotCandidates(db, tenantId, ref);
  const exact = candidates.find((l) => sameKey(l.id, ref) && !sameKey(l.lotId, ref));
  if (exact) return [exact];
  return candidates.filter(
    (l) =>
      (sameKey(l.lotId, ref) || sameKey(l.id, ref)) &&
      (!q.sku || sameKey(l.sku, q.sku)) &&
      (!q.warehouse || sameKey(l.warehouse, q.warehouse)),
  );
}

/** A lot with this lot number that holds another SKU (a receipt may not reuse its number), if any. */
export async function lotNumberOfOtherSku(db: Db, tenantId: string, lotId: string, sku: string): Promise<LotRow | undefined> {
  const [row] = await db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.lotId, lotId), ne(lots.sku, sku)))
    .limit(1);
  return row;
}

/**
 * The API id of a new lot: its lot number while no lot of the tenant has that id, else
 * "<lot>~<warehouse>~<sku>" (unique, since the key is; "~" never occurs in a key).
 */
export async function lotApiId(db: Db, tenantId: string, lotId: string, warehouse: string, sku: string): Promise<string> {
  return (await findLot(db, tenantId, lotId)) ? `${lotId}~${warehouse}~${sku}` : lotId;
}

/** A warehouse's stored code (its first spelling), or undefined when the tenant has no such warehouse. */
export async function warehouseCode(db: Db, tenantId: string, code: string): Promise<string | undefined> {
  const [w] = await db
    .select({ code: warehouses.code })
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.code, code)));
  return w?.code;
}

/** What the ledger needs of a product: its stored SKU, minimum remaining shelf life (days), archived flag, shelf life. */
export async function productRules(db: Db, tenantId: string, sku: string) {
  const [p] = await db
    .select({
      sku: products.sku,
      minRemaining: products.minRemainingShelfLifeDays,
      archived: products.archived,
      shelfLifeDays: products.shelfLifeDays,
    })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)));
  return p;
}

/** A customer's shelf-life rule (null: the product's) and home warehouse, or undefined when unknown. */
export async function customerRule(db: Db, tenantId: string, customerId: string) {
  const [c] = await db
    .select({ minRemaining: customers.minRemainingShelfLifeDays, warehouse: customers.warehouse })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.customerId, customerId)));
  return c;
}

/**
 * The shelf-life rules (`minRemaining` null: the product's rule) of the active customers a
 * warehouse serves for `sku`: those it usually ships to, and those whose orders of the SKU it
 * shipped (the buyers the plan weighs there: an order's warehouse, else its customer's).
 */
export function warehouseCustomerRules(db: Db, tenantId: string, warehouse: string, sku: string) {
  return db
    .select({ customerId: customers.customerId, minRemaining: customers.minRemainingShelfLifeDays })
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.archived, false),
        or(
          sql`${customers.warehouse} = ${warehouse} COLLATE NOCASE`,
          sql`${customers.customerId} IN (SELECT customer_id FROM order_lines WHERE tenant_id = ${tenantId} AND sku = ${sku} AND warehouse = ${warehouse} COLLATE NOCASE)`,
        ),
      ),
    );
}

export async function commitMovement(db: Db, tenantId: string, m: MovementDraft, extra: BatchItem<'sqlite'>[] = []): Promise<void> {
  return commitMovements(db, tenantId, [m], extra);
}

/** Several movements (and `extra` statements) in one batch: all of them or none. */
export async function commitMovements(db: Db, tenantId: string, drafts: MovementDraft[], extra: BatchItem<'sqlite'>[] = []): Promise<void> {
  const now = new Date().toISOString();
  const statements = drafts.flatMap((m) => movementStatements(db, tenantId, m, now));
  statements.push(...extra);
  try {
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (e) {
    const message = String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? '');
    if (/CHECK constraint failed/i.test(message)) throw new StockConflict('stock would go negative');
    // Another writer took the new lot's id meanwhile: plan again (a new id is chosen).
    if (/UNIQUE constraint failed: lots\.tenant_id, lots\.id/i.test(message)) throw new StockConflict('lot id taken');
    if (/UNIQUE constraint failed: movements\.tenant_id, movements\.reverses_id/i.test(message))
      throw stateConflict('This movement has already been reversed.', {}, 'already-reversed');
    throw e;
  }
}

function movementStatements(db: Db, tenantId: string, m: MovementDraft, now: string): BatchItem<'sqlite'>[] {
  const statements: BatchItem<'sqlite'>[] = [];
  for (const l of m.newLots ?? []) {
    statements.push(
      db
        .insert(lots)
        .values({ ...l, status: l.status ?? 'available', tenantId, quantityOnHand: 0 })
        .onConflictDoNothing(),
    );
  }
  for (const l of m.revive ?? []) {
    const { receivedDate, expirationDate, unitCost, status } = l;
    statements.push(
      db
        .update(lots)
        .set({ receivedDate, expirationDate, unitCost, status: status ?? 'available', updatedAt: now })
        .where(and(keyWhere(tenantId, l.sku, l.lotId, l.warehouse), eq(lots.status, 'archived'), eq(lots.quantityOnHand, 0))),
    );
  }
  for (const line of m.lines) {
    statements.push(
      db
        .update(lots)
        .set({ quantityOnHand: sql`${lots.quantityOnHand} + ${line.delta}`, updatedAt: now })
        .where(keyWhere(tenantId, m.sku, line.lotId, line.warehouse)),
    );
  }
  statements.push(
    db.insert(movements).values({
      id: m.id,
      tenantId,
      type: m.type,
      sku: m.sku,
      quantity: m.quantity,
      reason: m.reason,
      reference: m.reference,
      reversesId: m.reversesId ?? null,
      customerId: m.customerId ?? null,
      shipmentId: m.shipmentId ?? null,
      createdBy: m.createdBy,
      createdById: m.createdById,
      createdAt: now,
    }),
  );
  const lineRows = m.lines.map((l, i) => ({ movementId: m.id, line: i + 1, tenantId, ...l }));
  for (const part of chunk(lineRows, rowsPerInsert(6))) statements.push(db.insert(movementLines).values(part));
  return statements;
}

export interface MovementFilter {
  /** Text in the movement's id, SKU, reason, reference, author, customer or any of its lots. */
  q?: string;
  sku?: string;
  lot?: string;
  type?: MovementType;
  from?: string;
  to?: string;
  /** Posted strictly after this UTC instant (ISO, as created_at is stored). */
  after?: string;
  page: number;
  pageSize: number;
}

export async function listMovements(db: Db, tenantId: string, f: MovementFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(movements.tenantId, tenantId),
    f.sku ? eq(movements.sku, f.sku) : undefined,
    f.type ? eq(movements.type, f.type) : undefined,
    f.from ? gte(movements.createdAt, f.from) : undefined,
    // Both sides are ISO instants in UTC with milliseconds, so text order is time order.
    f.after ? gt(movements.createdAt, new Date(f.after).toISOString()) : undefined,
    // A bare date as `to` includes that whole day.
    f.to ? lte(movements.createdAt, f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to) : undefined,
    f.q
      ? or(
          matchAny([movements.id, movements.sku, movements.reason, movements.reference, movements.createdBy, movements.customerId], f.q),
          inArray(
            movements.id,
            db
              .select({ id: movementLines.movementId })
              .from(movementLines)
              .where(and(eq(movementLines.tenantId, tenantId), matchAny([movementLines.lotId], f.q))),
          ),
        )
      : undefined,
    f.lot
      ? inArray(
          movements.id,
          db
            .select({ id: movementLines.movementId })
            .from(movementLines)
            .where(and(eq(movementLines.tenantId, tenantId), eq(movementLines.lotId, f.lot))),
        )
      : undefined,
  ];
  const where = and(...conditions);
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(movements)
      .where(where)
      .orderBy(desc(movements.createdAt), desc(movements.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ total: sql<number>`count(*)` })
      .from(movements)
      .where(where),
  ]);
  const lines = await linesFor(
    db,
    tenantId,
    items.map((m) => m.id),
  );
  return { items: items.map((m) => present(m, lines.get(m.id) ?? [])), total, page: f.page, pageSize: f.pageSize };
}

async function linesFor(db: Db, tenantId: string, ids: string[]) {
  const byId = new Map<string, LedgerLine[]>();
  for (const part of chunk(ids, 90)) {
    const rows = await db
      .select()
      .from(movementLines)
      .where(and(eq(movementLines.tenantId, tenantId), inArray(movementLines.movementId, part)))
      .orderBy(asc(movementLines.movementId), asc(movementLines.line));
    for (const r of rows) {
      const list = byId.get(r.movementId) ?? [];
      list.push({ lotId: r.lotId, warehouse: r.warehouse, delta: r.delta });
      byId.set(r.movementId, list);
    }
  }
  return byId;
}

/** A movement as the API shows it: its lines, and the Korean of a reason the system wrote (null for a person's). */
function present(m: typeof movements.$inferSelect, lines: LedgerLine[]) {
  const { tenantId: _t, ...rest } = m;
  return { ...rest, reasonKo: movementReasonKo(m.reason), lines };
}

export async function getMovement(db: Db, tenantId: string, id: string) {
  const [m] = await db
    .select()
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.id, id)));
  if (!m) return undefined;
  const [reversal] = await db
    .select({ id: movements.id })
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.reversesId, id)));
  return { ...present(m, (await linesFor(db, tenantId, [id])).get(id) ?? []), reversedBy: reversal?.id ?? null };
}
