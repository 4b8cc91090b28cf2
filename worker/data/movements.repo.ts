// The stock ledger: the only code that changes lot quantities. Each movement, its lines and the lot
// quantities they change are one db.batch() (one transaction in D1); the CHECK on lots refuses
// negative stock, so a racing writer's whole batch fails instead of overdrawing.
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunk, rowsPerInsert, type Db } from './db';
import { lots, movementLines, movements } from './schema';
import { ProblemError } from '../lib/problem';

export type MovementType = (typeof movements.$inferSelect)['type'];
export type LotRow = typeof lots.$inferSelect;
export type LiveLotRow = LotRow & { status: Exclude<LotRow['status'], 'archived'> };
export const isLiveLot = (l: LotRow): l is LiveLotRow => l.status !== 'archived';

export interface NewLot {
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
  createdBy: string;
  /** Lots to create (quantity 0) before the lines apply; existing ones are left as they are. */
  newLots?: NewLot[];
  /** Lots whose warehouse changes (a whole-lot move). */
  relocate?: { lotId: string; warehouse: string }[];
  lines: LedgerLine[];
}

/** Thrown when the database refused the batch because stock would go negative. */
export class StockConflict extends Error {}

export async function lotsForSku(db: Db, tenantId: string, sku: string, warehouse?: string): Promise<LotRow[]> {
  return db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.sku, sku), warehouse ? eq(lots.warehouse, warehouse) : undefined))
    .orderBy(asc(lots.expirationDate), asc(lots.receivedDate), asc(lots.lotId));
}

export async function findLot(db: Db, tenantId: string, lotId: string): Promise<LotRow | undefined> {
  const [row] = await db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.lotId, lotId)));
  return row;
}

export async function commitMovement(db: Db, tenantId: string, m: MovementDraft, extra: BatchItem<'sqlite'>[] = []): Promise<void> {
  const now = new Date().toISOString();
  const statements: BatchItem<'sqlite'>[] = [];
  for (const l of m.newLots ?? []) {
    statements.push(
      db
        .insert(lots)
        .values({ ...l, tenantId, quantityOnHand: 0 })
        .onConflictDoNothing(),
    );
  }
  for (const r of m.relocate ?? []) {
    statements.push(
      db
        .update(lots)
        .set({ warehouse: r.warehouse, updatedAt: now })
        .where(and(eq(lots.tenantId, tenantId), eq(lots.lotId, r.lotId))),
    );
  }
  for (const line of m.lines) {
    statements.push(
      db
        .update(lots)
        .set({ quantityOnHand: sql`${lots.quantityOnHand} + ${line.delta}`, updatedAt: now })
        .where(and(eq(lots.tenantId, tenantId), eq(lots.lotId, line.lotId))),
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
      createdBy: m.createdBy,
      createdAt: now,
    }),
  );
  const lineRows = m.lines.map((l, i) => ({ movementId: m.id, line: i + 1, tenantId, ...l }));
  for (const part of chunk(lineRows, rowsPerInsert(6))) statements.push(db.insert(movementLines).values(part));
  statements.push(...extra);
  try {
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (e) {
    const message = String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? '');
    if (/CHECK constraint failed/i.test(message)) throw new StockConflict('stock would go negative');
    if (/UNIQUE constraint failed: movements\.tenant_id, movements\.reverses_id/i.test(message))
      throw new ProblemError(409, 'already-reversed', 'This movement has already been reversed.');
    throw e;
  }
}

export interface MovementFilter {
  sku?: string;
  lot?: string;
  type?: MovementType;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listMovements(db: Db, tenantId: string, f: MovementFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(movements.tenantId, tenantId),
    f.sku ? eq(movements.sku, f.sku) : undefined,
    f.type ? eq(movements.type, f.type) : undefined,
    f.from ? gte(movements.createdAt, f.from) : undefined,
    // A bare date as `to` includes that whole day.
    f.to ? lte(movements.createdAt, f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to) : undefined,
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

function present(m: typeof movements.$inferSelect, lines: LedgerLine[]) {
  const { tenantId: _t, ...rest } = m;
  return { ...rest, lines };
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
