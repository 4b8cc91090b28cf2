// A planner's own action: validated against the catalog and stock, valued like the plan's, and
// registered with the tenant object (which audits the proposal). A refresh never touches it.
import { plainText } from '../lib/keys';
import { z } from 'zod';
import type { Env } from '../lib/env';
import type { Principal } from '../lib/auth';
import { tenantObject } from '../lib/audit';
import { ACTIONS_SCOPE, forgetScope } from '../lib/isolate-cache';
import { KEY_PATTERN, isoDate } from '../lib/formats';
import { invalid } from '../lib/problem';
import type { Db } from '../data/db';
import { getAction, insertAction, productOf, type ActionRow } from '../data/actions.repo';
import { lotsNamed } from '../data/movements.repo';
import { missingRefs } from '../data/refs.repo';
import { tenantToday } from '../data/tenant-time';
import { minimumOrder } from '../domain/order-rounding';
import { proposalOf } from './proposals';
import { reorderEvidence } from './plan-adapter';
import { loadPlanSummary } from '../data/plan.store';

const key = z.string().regex(KEY_PATTERN);
export const NewAction = z
  .strictObject({
    kind: z.enum(['reorder', 'transfer', 'markdown', 'sell', 'write_off']),
    sku: key,
    lotId: key.optional(),
    warehouse: key.optional(),
    toWarehouse: key.optional(),
    customerId: key.optional(),
    quantity: z.number().int('Whole units only.').positive().max(1e9),
    discountPct: z.number().min(1).max(95).optional(),
    reason: plainText(2000).min(3, 'Say why.'),
    confidence: z.enum(['high', 'medium', 'low']).default('medium'),
    validUntil: isoDate.optional(),
  })
  .superRefine((a, ctx) => {
    const need = (field: keyof typeof a, when: boolean) => {
      if (when && a[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `A ${a.kind} action needs ${field}.` });
    };
    need('lotId', a.kind !== 'reorder');
    need('toWarehouse', a.kind === 'transfer');
    need('customerId', a.kind === 'sell');
    need('discountPct', a.kind === 'markdown');
  });
export type NewAction = z.infer<typeof NewAction>;

export async function createAction(env: Env, db: Db, p: Principal, input: NewAction): Promise<ActionRow> {
  const product = await productOf(db, p.tenantId, input.sku);
  const errors = await missingRefs(db, p.tenantId, {
    sku: input.sku,
    ...(input.warehouse ? { warehouse: input.warehouse } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
  });
  if (input.toWarehouse)
    errors.push(...(await missingRefs(db, p.tenantId, { warehouse: input.toWarehouse })).map((e) => ({ ...e, path: 'toWarehouse' })));
  if (errors.length || !product) throw invalid('The action names something that does not exist.', errors);
  const today = await tenantToday(db, p.tenantId);
  if (input.validUntil && input.validUntil < today)
    throw invalid('The action would be expired already.', [
      { path: 'validUntil', value: input.validUntil, message: `Valid until must be today (${today}) or later.` },
    ]);
  if (input.kind === 'reorder') {
    // A supplier takes whole cases and at least its MOQ, as the plan's own orders are rounded (domain/order-rounding.ts).
    const pack = Math.max(1, product.caseSize);
    const least = minimumOrder(product);
    if (input.quantity % pack !== 0 || input.quantity < least) {
      const nearest = Math.max(least, Math.ceil(input.quantity / pack) * pack);
      throw invalid('The supplier cannot take that quantity.', [
        {
          path: 'quantity',
          value: String(input.quantity),
          message: `Order whole cases of ${pack}${least > pack ? `, at least the MOQ of ${least}` : ''}: for example ${nearest}.`,
        },
      ]);
    }
  }
  let warehouse = input.warehouse ?? null;
  let unitCost = product.unitCost;
  if (input.lotId) {
    // The lot of this SKU in the warehouse named (a lot number may be stocked in several): the
    // named warehouse was ignored and the quantity checked against another warehouse's lot.
    const named = await lotsNamed(db, p.tenantId, input.lotId, { sku: product.sku, warehouse: input.warehouse });
    if (!named.length)
      throw invalid('Unknown lot.', [
        {
          path: 'lotId',
          value: input.lotId,
          message: `Lot "${input.lotId}" of ${product.sku} does not exist${input.warehouse ? ` in ${input.warehouse}` : ''}.`,
        },
      ]);
    if (named.length > 1)
      throw invalid('Name the warehouse.', [
        {
          path: 'warehouse',
          value: '',
          message: `Lot ${input.lotId} of ${product.sku} is stocked in ${named.map((l) => l.warehouse).join(', ')}: name the warehouse.`,
        },
      ]);
    const [lot] = named;
    if (input.quantity > lot.quantityOnHand)
      throw invalid('More than the lot holds.', [{ path: 'quantity', message: `Lot ${lot.lotId} holds ${lot.quantityOnHand} units.` }]);
    warehouse = lot.warehouse;
    unitCost = lot.unitCost || product.unitCost;
  }
  if (input.kind === 'transfer' && input.toWarehouse === warehouse)
    throw invalid('A transfer moves stock to another warehouse.', [
      { path: 'toWarehouse', value: input.toWarehouse, message: `Lot ${input.lotId} is already in ${warehouse}.` },
    ]);
  const id = crypto.randomUUID();
  const value = Math.round(input.quantity * unitCost * 100) / 100;
  // A hand-made reorder rests on the same evidence as the plan's own: the current plan's run-out
  // date, risk and expected lost sales for the SKU (in its warehouse, when one is named).
  let evidence: Record<string, unknown> = { source: 'manual' };
  if (input.kind === 'reorder') {
    const plan = (await loadPlanSummary(env, p.tenantId))?.payload;
    const s = plan?.skus.find((x) => x.sku === product.sku);
    const r = warehouse ? s?.warehouses.find((w) => w.warehouse === warehouse)?.reorder : s?.reorder;
    if (plan && r) evidence = { ...evidence, ...reorderEvidence(plan.asOf, r, product, r.reviewPeriodDays).evidence };
  }
  const row = {
    id,
    tenantId: p.tenantId,
    kind: input.kind,
    sku: product.sku,
    lotId: input.lotId ?? null,
    warehouse,
    toWarehouse: input.toWarehouse ?? null,
    customerId: input.customerId ?? null,
    supplier: input.kind === 'reorder' ? product.supplier || null : null,
    quantity: input.quantity,
    cases: input.kind === 'reorder' ? Math.round(input.quantity / Math.max(1, product.caseSize)) : null,
    value,
    discountPct: input.discountPct ?? null,
    reason: input.reason,
    confidence: input.confidence,
    validUntil: input.validUntil ?? null,
    evidence: JSON.stringify(evidence),
    state: 'proposed' as const,
    source: 'manual' as const,
    stableKey: `manual|${id}`,
    proposedBy: p.email,
    proposedById: p.userId,
    version: 1,
  };
  await insertAction(db, row);
  await tenantObject(env, p.tenantId).propose([proposalOf(row)]);
  forgetScope(p.tenantId, ACTIONS_SCOPE);
  return (await getAction(db, p.tenantId, id))!;
}
