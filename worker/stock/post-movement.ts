// Posting stock: the one place a movement is planned, committed with its audit entry (one D1
// batch, the recordChange contract), moved to the tenant's audit chain and followed by a plan
// refresh. The movements route, lot creation, receiving and executed actions all come here.
import { flushAudit } from '../audit/record';
import { outboxInsert } from '../data/audit-outbox.repo';
import type { Db } from '../data/db';
import { unreceivedStatements } from '../data/receiving.repo';
import { commitMovement, getMovement, StockConflict, type MovementDraft } from '../data/movements.repo';
import { missing, stateConflict } from '../lib/errors';
import type { Env } from '../lib/env';
import { planMovement, type Planned } from './plan-movement';
import { requestStockRefresh } from './refresh';
import type { Actor, MovementRequest } from './types';

export type { Actor, MovementRequest };
export type Movement = NonNullable<Awaited<ReturnType<typeof getMovement>>>;

const MAX_ATTEMPTS = 8;

const movementAudit = (db: Db, tenantId: string, actor: Actor, d: Planned, action: string, data: Record<string, unknown> = {}) =>
  outboxInsert(db, {
    actor: actor.email,
    action,
    entity: 'movement',
    id: d.id,
    tenantId,
    // A movement is an event, not an edit: its fields are the entry's data, never a before/after.
    data: {
      type: d.type,
      sku: d.sku,
      quantity: d.quantity,
      customerId: d.customerId ?? null,
      reason: d.reason,
      lines: d.lines,
      ...data,
      ...(d.newLots?.length ? { lotsCreated: d.newLots } : {}),
      ...(d.audit ?? {}),
    },
  });

/**
 * Plans and commits movement `id` with its audit entry in the tenant's outbox; re-plans when a
 * concurrent writer took the stock first. Does not flush the outbox or refresh: a caller that
 * writes more in the same unit of work (executing an action) does both once at the end. A caller
 * that must write a movement at most once passes a stable id. Errors: as planMovement; conflict
 * when the stock kept changing for MAX_ATTEMPTS plans.
 */
export async function writeMovement(
  db: Db,
  tenantId: string,
  actor: Actor,
  input: MovementRequest,
  id: string = crypto.randomUUID(),
): Promise<Movement> {
  for (let attempt = 1; ; attempt++) {
    const draft = await planMovement(db, tenantId, actor, id, input);
    try {
      await commitMovement(db, tenantId, draft, [movementAudit(db, tenantId, actor, draft, `movement.${draft.type.toLowerCase()}`)]);
      return (await getMovement(db, tenantId, id))!;
    } catch (e) {
      if (!(e instanceof StockConflict)) throw e;
      if (attempt >= MAX_ATTEMPTS) throw stateConflict(`Stock of ${input.sku} changed while posting; not enough remains.`);
    }
  }
}

/**
 * Posts a movement: ledger lines, lot quantities and the audit entry commit together, the entry
 * moves to the audit chain, and a plan refresh is requested. Returns the movement with its lines.
 */
export async function postStockMovement(
  env: Env,
  db: Db,
  tenantId: string,
  actor: Actor,
  input: MovementRequest,
  refreshReason = 'movement',
): Promise<Movement> {
  const m = await writeMovement(db, tenantId, actor, input);
  await flushAudit(env, db, tenantId);
  await requestStockRefresh(env, tenantId, refreshReason);
  return m;
}

/**
 * Writes the reversing movement (the same lines with the opposite sign; history is never edited),
 * audits and refreshes like postStockMovement. Errors: not-found; conflict for a reversal, a
 * movement already reversed (code `already-reversed`) or stock already used.
 */
export async function reverseStockMovement(
  env: Env,
  db: Db,
  tenantId: string,
  actor: Actor,
  id: string,
  reason: string,
): Promise<Movement> {
  const original = await getMovement(db, tenantId, id);
  if (!original) throw missing('Movement');
  if (original.reversesId) throw stateConflict('A reversal cannot itself be reversed; post a new movement instead.');
  if (original.reversedBy)
    throw stateConflict('This movement has already been reversed.', { reversedBy: original.reversedBy }, 'already-reversed');
  const newId = crypto.randomUUID();
  const draft: MovementDraft = {
    id: newId,
    // Typed as what it is: the ledger reads "REVERSAL of <id>", never a second OUT with a positive delta.
    type: 'REVERSAL',
    sku: original.sku,
    quantity: original.quantity,
    reason,
    reference: original.reference,
    reversesId: id,
    customerId: original.customerId,
    createdBy: actor.email,
    createdById: actor.userId,
    lines: original.lines.map((l) => ({ ...l, delta: -l.delta })),
  };
  try {
    await commitMovement(db, tenantId, draft, [
      movementAudit(db, tenantId, actor, draft, 'movement.reverse', { reverses: id, reversedType: original.type }),
      // A reversed receipt is no longer received on its shipment (it stayed "100 received" with no stock).
      ...unreceivedStatements(db, tenantId, original),
    ]);
  } catch (e) {
    if (e instanceof StockConflict) throw stateConflict('The stock this movement added has already been used; it cannot be reversed.');
    throw e;
  }
  await flushAudit(env, db, tenantId);
  await requestStockRefresh(env, tenantId, 'movement reversal');
  return (await getMovement(db, tenantId, newId))!;
}
