// Executing an approved action writes its effect through the normal paths — a purchase order
// (inbound shipment), MOVE / WRITE_OFF / OUT movements through the ledger, a price change — with
// ids derived from the action's id, so a retried or concurrent execution writes nothing twice.
import type { Env } from '../lib/env';
import type { Principal } from '../lib/auth';
import { tenantObject } from '../lib/audit';
import { ACTIONS_SCOPE, forgetScope } from '../lib/isolate-cache';
import { flushAudit, recordChange } from '../audit/record';
import { tenantToday } from '../data/tenant-time';
import { can } from '../lib/roles';
import { asProblem, conflict, forbidden, notFound, ProblemError } from '../lib/problem';
import type { Db } from '../data/db';
import { getAction, insertPriceChange, insertPurchaseOrder, productOf, project, type ActionRow } from '../data/actions.repo';
import { getMovement, lotsNamed } from '../data/movements.repo';
import { addDays } from '../domain/dates';
import { actionReason } from '../domain/movement-reasons';
import { enqueueDebouncedRefresh } from '../planning/refresh/enqueue';
import { writeMovement, type MovementRequest } from '../stock/post-movement';
import { problemOf } from './decide';
import { checkAction } from './checks';

/** A UUID (version 5 layout) derived from a name: the same action always names the same record. */
export async function derivedId(name: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)));
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  const h = [...d.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const purchaseOrderId = (actionId: string) => `PO-${actionId.replace(/-/g, '').slice(0, 16).toUpperCase()}`;

/**
 * Writes movement `id` once: an existing one (an earlier or a concurrent execution) is returned
 * with `wrote: false`. The ledger's refusals come back as problems, which executeAction records
 * as a failed execution.
 */
async function movementOnce(db: Db, p: Principal, id: string, input: MovementRequest) {
  const existing = await getMovement(db, p.tenantId, id);
  if (existing) return { movement: existing, wrote: false };
  try {
    // The ledger writes the movement's audit entry in the movement's own batch.
    return { movement: await writeMovement(db, p.tenantId, { userId: p.userId, email: p.email }, input, id), wrote: true };
  } catch (e) {
    // A concurrent execution committed the same movement first.
    const again = await getMovement(db, p.tenantId, id);
    if (again) return { movement: again, wrote: false };
    throw asProblem(e);
  }
}

async function effect(env: Env, db: Db, p: Principal, a: ActionRow): Promise<Record<string, unknown>> {
  const today = await tenantToday(db, p.tenantId);
  const ref = `action:${a.id}`;
  const reason = actionReason(a.kind, a.id);
  switch (a.kind) {
    case 'reorder': {
      const product = await productOf(db, p.tenantId, a.sku);
      if (!product) throw conflict(`Product ${a.sku} no longer exists.`);
      const shipmentId = purchaseOrderId(a.id);
      const etaDate = addDays(today, Math.ceil(product.leadTimeDays));
      await insertPurchaseOrder(db, {
        tenantId: p.tenantId,
        shipmentId,
        sku: a.sku,
        quantity: a.quantity,
        etaDate,
        origin: a.supplier ?? product.supplier,
        warehouse: a.warehouse,
        status: 'planned',
      });
      await recordChange(
        env,
        db,
        [],
        [
          {
            actor: p.email,
            tenantId: p.tenantId,
            entity: 'inbound-shipment',
            id: shipmentId,
            action: 'inbound.create',
            after: { sku: a.sku, quantity: a.quantity, etaDate, supplier: a.supplier, warehouse: a.warehouse },
            data: { action: a.id },
          },
        ],
      );
      return { shipmentId, etaDate, supplier: a.supplier ?? product.supplier };
    }
    case 'markdown': {
      const product = await productOf(db, p.tenantId, a.sku);
      const [lot] = a.lotId ? await lotsNamed(db, p.tenantId, a.lotId, { sku: a.sku, warehouse: a.warehouse ?? undefined }) : [];
      if (!product) throw conflict(`Product ${a.sku} no longer exists.`);
      const discount = (a.discountPct ?? 0) / 100;
      const id = await derivedId(`price:${a.id}`);
      const newPrice = Math.round(product.unitPrice * (1 - discount) * 100) / 100;
      await insertPriceChange(db, {
        id,
        tenantId: p.tenantId,
        sku: a.sku,
        lotId: a.lotId,
        warehouse: a.warehouse,
        oldPrice: product.unitPrice,
        newPrice,
        discountPct: a.discountPct ?? 0,
        validFrom: today,
        validUntil: lot?.expirationDate ?? null,
        actionId: a.id,
        createdBy: p.email,
        createdById: p.userId,
      });
      await recordChange(
        env,
        db,
        [],
        [
          {
            actor: p.email,
            tenantId: p.tenantId,
            entity: 'price',
            id,
            action: 'price.change',
            before: { price: product.unitPrice },
            after: { price: newPrice },
            data: { sku: a.sku, lotId: a.lotId, action: a.id },
          },
        ],
      );
      return { priceChangeId: id, oldPrice: product.unitPrice, newPrice };
    }
    case 'transfer':
    case 'write_off':
    case 'sell': {
      if (!a.lotId) throw conflict('The action names no lot.');
      const id = await derivedId(`movement:${a.id}`);
      // The action's warehouse picks the lot when its number is stocked in several (it failed
      // "name the warehouse" on execute).
      const warehouse = a.warehouse ?? undefined;
      const input: MovementRequest =
        a.kind === 'transfer'
          ? {
              type: 'MOVE',
              sku: a.sku,
              lotId: a.lotId,
              warehouse,
              toWarehouse: a.toWarehouse ?? '',
              quantity: a.quantity,
              reason,
              reference: ref,
            }
          : a.kind === 'write_off'
            ? { type: 'WRITE_OFF', sku: a.sku, lotId: a.lotId, warehouse, quantity: a.quantity, reason, reference: ref }
            : {
                type: 'OUT',
                sku: a.sku,
                lotId: a.lotId,
                warehouse,
                quantity: a.quantity,
                customerId: a.customerId ?? undefined,
                reason,
                reference: a.customerId ? `customer:${a.customerId}` : ref,
              };
      const { movement, wrote } = await movementOnce(db, p, id, input);
      if (wrote) await flushAudit(env, db, p.tenantId);
      return { movementId: movement.id, type: movement.type };
    }
  }
}

export async function executeAction(env: Env, db: Db, p: Principal, id: string): Promise<ActionRow> {
  if (!can(p.role, 'planning:write') && !can(p.role, 'decisions:write')) throw forbidden();
  const row = await getAction(db, p.tenantId, id);
  if (!row) throw notFound('Action');
  const stub = tenantObject(env, p.tenantId);
  const [state] = await stub.states([id]);
  if (state?.state === 'executed') {
    // Already done (perhaps the projection lagged): answer with the result, write nothing.
    return row.state === 'executed'
      ? row
      : ((await project(db, p.tenantId, { id, state: 'executed', version: state.version, at: state.updatedAt, executed: true })) ?? row);
  }
  if (state?.state !== 'approved')
    throw conflict(`The action is ${state?.state ?? row.state}; only an approved action executes.`, { state: state?.state ?? row.state });
  /** Ends the approved action in `to` instead of executing it: decided and audited by the tenant object, then projected. */
  const end = async (to: 'expired' | 'failed', data: Record<string, unknown>) => {
    const r = await stub.decide({ id, to, actor: p.email, actorId: p.userId, actorRole: p.role, action: `action.${to}`, data });
    forgetScope(p.tenantId, ACTIONS_SCOPE);
    if (r.ok)
      await project(db, p.tenantId, {
        id,
        state: to,
        version: r.version,
        at: r.at,
        ...(to === 'failed' ? { executed: true, outcome: data } : {}),
      });
  };
  // An approved action past its validity expires instead of executing (as a refresh would expire it).
  if (row.validUntil && row.validUntil < (await tenantToday(db, p.tenantId))) {
    await end('expired', { validUntil: row.validUntil });
    throw conflict(`The action was valid until ${row.validUntil}; it has expired and was not executed.`, { state: 'expired' });
  }
  let outcome: Record<string, unknown>;
  try {
    // The checks a proposal passed (checks.ts), against the stock as it is now, unless an earlier
    // execution already wrote this action's movement (its stock is gone by its own doing).
    const written =
      ['transfer', 'write_off', 'sell'].includes(row.kind) && (await getMovement(db, p.tenantId, await derivedId(`movement:${row.id}`)));
    if (!written) await checkAction(db, p.tenantId, row, await tenantToday(db, p.tenantId), 'execution');
    outcome = await effect(env, db, p, row);
  } catch (e) {
    if (!(e instanceof ProblemError) || e.status >= 500) throw e;
    await end('failed', { error: e.message });
    const ko = typeof e.extra.detailKo === 'string' ? { detailKo: `작업을 실행할 수 없습니다: ${e.extra.detailKo}` } : {};
    throw new ProblemError(409, 'execution-failed', `The action could not be executed: ${e.message}`, e.errors, { state: 'failed', ...ko });
  }
  const r = await stub.decide({
    id,
    to: 'executed',
    actor: p.email,
    actorId: p.userId,
    actorRole: p.role,
    action: 'action.executed',
    data: outcome,
  });
  forgetScope(p.tenantId, ACTIONS_SCOPE);
  if (!r.ok) {
    // A concurrent execution recorded it first; the effect ids are the same, so nothing was written twice.
    if (r.state === 'executed') return (await getAction(db, p.tenantId, id)) ?? row;
    throw problemOf(r);
  }
  await enqueueDebouncedRefresh(env, p.tenantId, 'action executed');
  return (await project(db, p.tenantId, { id, state: 'executed', version: r.version, at: r.at, executed: true, outcome }))!;
}
