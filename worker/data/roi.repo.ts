// What the ROI report reads: the week's actions and what happened to the lots and purchase
// orders behind them afterwards.
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { MovementType } from './movements.repo';
import { chunk, type Db } from './db';
import { ACTION_STATES, actions, inboundShipments, lots, movementLines, movements } from './schema';

/**
 * The week's figures that need whole actions: those executed in [from, to) (ISO instants), in full.
 * Few per week whatever the tenant's size (a refresh proposes thousands; people execute few).
 */
export async function actionsExecutedIn(db: Db, tenantId: string, from: string, to: string) {
  return db
    .select()
    .from(actions)
    .where(and(eq(actions.tenantId, tenantId), eq(actions.state, 'executed'), gte(actions.executedAt, from), lt(actions.executedAt, to)));
}

/** Actions decided in [from, to): only what decision latency and the approved/dismissed counts need. */
export async function actionsDecidedIn(db: Db, tenantId: string, from: string, to: string) {
  return db
    .select({ state: actions.state, createdAt: actions.createdAt, decidedAt: actions.decidedAt })
    .from(actions)
    .where(and(eq(actions.tenantId, tenantId), gte(actions.decidedAt, from), lt(actions.decidedAt, to)));
}

/**
 * Counts for [from, to), computed by D1 (a refresh may propose tens of thousands of actions in a
 * week; none of them is loaded): `proposed` = created in it (any state since), `expired` = expired
 * in it (state expired, last updated in it). The state list lets the (tenant, state, created)
 * index answer the first.
 */
export async function actionCountsIn(db: Db, tenantId: string, from: string, to: string) {
  const [[created], [expired]] = await Promise.all([
    db
      .select({ n: count() })
      .from(actions)
      .where(
        and(
          eq(actions.tenantId, tenantId),
          inArray(actions.state, [...ACTION_STATES]),
          gte(actions.createdAt, from),
          lt(actions.createdAt, to),
        ),
      ),
    db
      .select({ n: count() })
      .from(actions)
      .where(and(eq(actions.tenantId, tenantId), eq(actions.state, 'expired'), gte(actions.updatedAt, from), lt(actions.updatedAt, to))),
  ]);
  return { proposed: created?.n ?? 0, expired: expired?.n ?? 0 };
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

const reversed = alias(movements, 'reversed');

/** Ledger lines on these lots, with the movement's type (a reversal's: the type it reverses) and time. */
export async function linesOnLots(db: Db, tenantId: string, lotIds: string[]) {
  const out = [];
  for (const part of chunk([...new Set(lotIds)], 90))
    out.push(
      ...(await db
        .select({
          lotId: movementLines.lotId,
          delta: movementLines.delta,
          // A reversal's lines count toward the type it reverses (a reversed OUT un-ships its units).
          type: sql<MovementType>`coalesce(${reversed.type}, ${movements.type})`,
          at: movements.createdAt,
          movementId: movements.id,
        })
        .from(movementLines)
        .innerJoin(movements, eq(movements.id, movementLines.movementId))
        .leftJoin(reversed, and(eq(reversed.tenantId, movements.tenantId), eq(reversed.id, movements.reversesId)))
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
