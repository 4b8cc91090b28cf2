// Refresh jobs and their chunks (D1), and the planning inputs of one SKU range. A range is two
// bound parameters whatever its size, so a chunk's queries stay far below D1's 100.
import { and, asc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { chunk, type Db } from './db';
import { inboundShipments, lots, movements, orderLines, products, promotions, refreshChunks, refreshJobs } from './schema';
import { dailyDemandFrom } from './planning.map';
import {
  HISTORY_DAYS,
  selectAdjustments,
  selectDemandRows,
  selectInbound,
  selectLedgers,
  selectLots,
  selectOrderLines,
  selectProducts,
  selectPromotions,
} from './planning.repo';
import { addDays } from '../domain/dates';

export type RefreshJobRow = typeof refreshJobs.$inferSelect;
export type RefreshChunkRow = typeof refreshChunks.$inferSelect;
export interface SkuRange {
  firstSku: string;
  lastSku: string;
  skus: number;
}

/** The tenant's active SKUs in order, cut into ranges of at most `size`. */
export async function skuRanges(db: Db, tenantId: string, size: number): Promise<SkuRange[]> {
  const rows = await db
    .select({ sku: products.sku })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.archived, false)))
    .orderBy(asc(products.sku));
  return chunk(rows, size).map((part) => ({ firstSku: part[0].sku, lastSku: part[part.length - 1].sku, skus: part.length }));
}

/** Inserts the job and its chunks; false when a job for this tenant and version already exists. */
export async function insertJob(db: Db, job: typeof refreshJobs.$inferInsert, ranges: SkuRange[]): Promise<boolean> {
  const inserted = await db.insert(refreshJobs).values(job).onConflictDoNothing().returning({ id: refreshJobs.id });
  if (!inserted.length) return false;
  const rows = ranges.map((r, idx) => ({ jobId: job.id, idx, ...r }));
  for (const part of chunk(rows, 16)) await db.insert(refreshChunks).values(part).onConflictDoNothing();
  return true;
}

export async function getJob(db: Db, id: string): Promise<RefreshJobRow | undefined> {
  const [row] = await db.select().from(refreshJobs).where(eq(refreshJobs.id, id));
  return row;
}

export const jobChunks = (db: Db, jobId: string) =>
  db.select().from(refreshChunks).where(eq(refreshChunks.jobId, jobId)).orderBy(asc(refreshChunks.idx));

/** The newest job of a tenant (any state). */
export async function latestJob(db: Db, tenantId: string): Promise<RefreshJobRow | undefined> {
  const [row] = await db
    .select()
    .from(refreshJobs)
    .where(eq(refreshJobs.tenantId, tenantId))
    .orderBy(sql`${refreshJobs.version} DESC`)
    .limit(1);
  return row;
}

/** Marks a chunk done once: true for the delivery that did it, false for any repeat. */
export async function markChunkDone(db: Db, jobId: string, idx: number, now: number): Promise<boolean> {
  const done = await db
    .update(refreshChunks)
    .set({ doneAt: now })
    .where(and(eq(refreshChunks.jobId, jobId), eq(refreshChunks.idx, idx), isNull(refreshChunks.doneAt)))
    .returning({ idx: refreshChunks.idx });
  await db.update(refreshJobs).set({ heartbeatAt: now }).where(eq(refreshJobs.id, jobId));
  return done.length > 0;
}

export async function chunksLeft(db: Db, jobId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(refreshChunks)
    .where(and(eq(refreshChunks.jobId, jobId), isNull(refreshChunks.doneAt)));
  return row?.n ?? 0;
}

/** Moves a job from one state to another; true only for the caller that moved it (a compare-and-set). */
export async function moveJob(db: Db, id: string, from: RefreshJobRow['status'][], patch: Partial<RefreshJobRow>): Promise<boolean> {
  const moved = await db
    .update(refreshJobs)
    .set(patch)
    .where(and(eq(refreshJobs.id, id), inArray(refreshJobs.status, from)))
    .returning({ id: refreshJobs.id });
  return moved.length > 0;
}

/** Jobs still running or publishing whose heartbeat is older than `before` (ms). */
export const staleJobs = (db: Db, before: number) =>
  db
    .select()
    .from(refreshJobs)
    .where(and(inArray(refreshJobs.status, ['running', 'publishing']), lt(refreshJobs.heartbeatAt, before)))
    .limit(100);

/** Running jobs of a tenant older than `version`: a newer job supersedes them. */
export const olderRunningJobs = (db: Db, tenantId: string, version: number) =>
  db
    .select({ id: refreshJobs.id })
    .from(refreshJobs)
    .where(and(eq(refreshJobs.tenantId, tenantId), lt(refreshJobs.version, version), inArray(refreshJobs.status, ['running'])));

const inRange = (
  col:
    | typeof products.sku
    | typeof lots.sku
    | typeof orderLines.sku
    | typeof inboundShipments.sku
    | typeof movements.sku
    | typeof promotions.sku,
  r: SkuRange,
) => and(gte(col, r.firstSku), lte(col, r.lastSku));

/**
 * Everything the engine needs to plan the SKUs of one range as of `asOf` (same windows as a
 * whole-tenant plan). Demand carries each SKU's stock-out flags from its ledger, so days that
 * began without stock and sold nothing are censored (imputed by the engine), not zero demand.
 */
export async function loadRangeInputs(db: Db, tenantId: string, asOf: string, r: SkuRange) {
  const [productRows, lotRows, inbound, demandRows, orders, adjustments, ledgers, promotionRows] = await Promise.all([
    selectProducts(db, tenantId, inRange(products.sku, r)),
    selectLots(db, tenantId, inRange(lots.sku, r)),
    selectInbound(db, tenantId, asOf, inRange(inboundShipments.sku, r)),
    selectDemandRows(db, tenantId, asOf, inRange(orderLines.sku, r)),
    selectOrderLines(db, tenantId, addDays(asOf, -365), inRange(orderLines.sku, r)),
    selectAdjustments(db, tenantId, addDays(asOf, -180), inRange(movements.sku, r)),
    selectLedgers(db, tenantId, asOf, inRange(lots.sku, r), inRange(movements.sku, r)),
    selectPromotions(db, tenantId, asOf, inRange(promotions.sku, r)),
  ]);
  return {
    products: productRows,
    lots: lotRows,
    inbound,
    demand: dailyDemandFrom(demandRows, asOf, ledgers),
    orders,
    adjustments,
    promotions: promotionRows,
  };
}

/** Per SKU of a range: the first day with order lines in the history window, units of the last 365 days, and weekly totals of the last 52 weeks. */
export interface DemandStats {
  sku: string;
  firstDay: string;
  annualUnits: number;
  /** Week k (0 = the 7 days before `asOf`) → units; weeks without orders absent. */
  weeks: Map<number, number>;
}

/**
 * The demand figures ABC/XYZ classification needs for the SKUs of one range, aggregated in D1 (at
 * most 53 rows per SKU): the same daily series the engine builds (non-cancelled order lines of the
 * history window, days summed and clamped at 0), summed by the engine's weeks.
 */
export async function rangeDemandStats(db: Db, tenantId: string, asOf: string, r: SkuRange): Promise<DemandStats[]> {
  const daily = sql`SELECT sku, order_date AS day, max(0, sum(quantity)) AS q FROM order_lines
    WHERE tenant_id = ${tenantId} AND status != 'cancelled' AND order_date >= ${addDays(asOf, -HISTORY_DAYS)} AND order_date < ${asOf}
      AND sku >= ${r.firstSku} AND sku <= ${r.lastSku}
    GROUP BY sku, order_date`;
  const [firsts, weeks] = await Promise.all([
    db.all<{ sku: string; first: string; annual: number }>(
      sql`SELECT sku, min(day) AS first, sum(CASE WHEN day >= ${addDays(asOf, -365)} THEN q ELSE 0 END) AS annual FROM (${daily}) GROUP BY sku`,
    ),
    db.all<{ sku: string; wk: number; units: number }>(
      sql`SELECT sku, CAST((julianday(${asOf}) - julianday(day) - 1) / 7 AS INTEGER) AS wk, sum(q) AS units FROM (${daily})
        WHERE day >= ${addDays(asOf, -364)} GROUP BY sku, wk`,
    ),
  ]);
  const out = new Map(
    firsts.map((f) => [f.sku, { sku: f.sku, firstDay: f.first, annualUnits: Number(f.annual), weeks: new Map<number, number>() }]),
  );
  for (const w of weeks) out.get(w.sku)?.weeks.set(Number(w.wk), Number(w.units));
  return [...out.values()];
}

/** The active products of a range with their unit price (what ABC values demand at). */
export const rangePrices = (db: Db, tenantId: string, r: SkuRange) =>
  db
    .select({ sku: products.sku, unitPrice: products.unitPrice })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.archived, false), inRange(products.sku, r)));
