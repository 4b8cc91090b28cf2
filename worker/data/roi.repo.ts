// What the ROI report reads: the week's actions and what happened to the lots and purchase
// orders behind them afterwards.
import { and, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { chunk, type Db } from './db';
import { actions, inboundShipments, lots, movementLines, movements } from './schema';

export async function actionsTouching(db: Db, tenantId: string, from: string, to: string) {
  const within = (col: typeof actions.createdAt | typeof actions.decidedAt | typeof actions.executedAt | typeof actions.updatedAt) =>
    and(gte(col, from), lt(col, to));
  return db
    .select()
    .from(actions)
    .where(
      and(
        eq(actions.tenantId, tenantId),
        or(
          within(actions.createdAt),
          within(actions.decidedAt),
          within(actions.executedAt),
          and(eq(actions.state, 'expired'), within(actions.updatedAt)),
        ),
      ),
    );
}

export async function lotsByIds(db: Db, tenantId: string, ids: string[]) {
  const out = [];
  for (const part of chunk([...new Set(ids)], 90))
    out.push(
      ...(await db
        .select()
        .from(lots)
        .where(and(eq(lots.tenantId, tenantId), inArray(lots.lotId, part)))),
    );
  return new Map(out.map((l) => [l.lotId, l]));
}

/** Ledger lines on these lots, with the movement's type and time. */
export async function linesOnLots(db: Db, tenantId: string, lotIds: string[]) {
  const out = [];
  for (const part of chunk([...new Set(lotIds)], 90))
    out.push(
      ...(await db
        .select({
          lotId: movementLines.lotId,
          delta: movementLines.delta,
          type: movements.type,
          at: movements.createdAt,
          movementId: movements.id,
        })
        .from(movementLines)
        .innerJoin(movements, eq(movements.id, movementLines.movementId))
        .where(and(eq(movementLines.tenantId, tenantId), inArray(movementLines.lotId, part)))),
    );
  return out;
}

export const linesOfMovements = (db: Db, tenantId: string, ids: string[]) =>
  ids.length
    ? db
        .select()
        .from(movementLines)
        .where(and(eq(movementLines.tenantId, tenantId), inArray(movementLines.movementId, ids.slice(0, 90))))
    : Promise.resolve([]);

export async function shipmentsByIds(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, typeof inboundShipments.$inferSelect>();
  const rows = await db
    .select()
    .from(inboundShipments)
    .where(and(eq(inboundShipments.tenantId, tenantId), inArray(inboundShipments.shipmentId, ids.slice(0, 90))));
  return new Map(rows.map((r) => [r.shipmentId, r]));
}
