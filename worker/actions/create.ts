// A planner's own action: validated against the catalog and stock, valued like the plan's, and
// registered with the tenant object (which audits the proposal). A refresh never touches it.
import { plainText } from '../lib/keys';
import { z } from 'zod';
import type { Env } from '../lib/env';
import type { Principal } from '../lib/auth';
import { tenantObject } from '../lib/audit';
import { ACTIONS_SCOPE, forgetScope } from '../lib/isolate-cache';
import { KEY_PATTERN, isoDate } from '../lib/formats';
import { invalid, ProblemError } from '../lib/problem';
import type { Db } from '../data/db';
import { actionSettings, getAction, insertAction, insertActionUnlessOpen, openSameAction, type ActionRow } from '../data/actions.repo';
import { warehouseCode } from '../data/movements.repo';
import { tenantToday } from '../data/tenant-time';
import { minimumOrder } from '../domain/order-rounding';
import { proposalOf } from './proposals';
import { reorderEvidence } from './plan-adapter';
import { checkAction, checkCommitments } from './checks';
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
    // A person's proposal carries no confidence (that is the engine's measure of its own): refused
    // with a sentence rather than stored as if computed.
    confidence: z.unknown().optional(),
    validUntil: isoDate.optional(),
    /** Propose it although the same action (kind, SKU, warehouses, lot) is open already. */
    confirmDuplicate: z.boolean().optional(),
    /** Propose it although open actions already ask the lot for the units it holds (409 lot-over-committed). */
    confirmOverCommit: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const need = (field: keyof typeof a, when: boolean) => {
      if (when && a[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `A ${a.kind} action needs ${field}.` });
    };
    need('lotId', a.kind !== 'reorder');
    need('toWarehouse', a.kind === 'transfer');
    need('customerId', a.kind === 'sell');
    need('discountPct', a.kind === 'markdown');
    if (a.confidence !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['confidence'],
        message: 'A proposal made by hand has no confidence: confidence is what the planning engine says of its own proposals.',
      });
  });
export type NewAction = z.infer<typeof NewAction>;

export async function createAction(env: Env, db: Db, p: Principal, input: NewAction): Promise<ActionRow> {
  const today = await tenantToday(db, p.tenantId);
  // The checks execution makes (checks.ts): what is proposed here can be executed today.
  const { product, lot, warehouse: source } = await checkAction(db, p.tenantId, input, today);
  // With the open actions that already ask units of the lot (the plan's and people's): together
  // they may not ask more than it holds, unless the proposer says so (one of them may be dismissed).
  if (lot && !input.confirmOverCommit) await checkCommitments(db, p.tenantId, lot, input.quantity, { confirmHint: true });
  if (input.validUntil && input.validUntil < today)
    throw invalid('The action would be expired already.', [
      { path: 'validUntil', value: input.validUntil, message: `Valid until must be today (${today}) or later.` },
    ]);
  // The tenant's deepest markdown (settings, actions.maxDiscount) holds for a person's markdown as
  // for the plan's: a deeper one would sell below what the company allows (often below cost).
  if (input.kind === 'markdown' && input.discountPct !== undefined) {
    const deepest = Math.round((await actionSettings(db, p.tenantId)).maxDiscount * 100);
    if (input.discountPct > deepest)
      throw invalid('The markdown is deeper than the company allows.', [
        {
          path: 'discountPct',
          value: String(input.discountPct),
          message: `At most ${deepest}% (the deepest markdown in the settings).`,
          messageKo: `최대 ${deepest}%입니다(설정의 최대 할인율).`,
          limit: { max: deepest },
        },
      ]);
  }
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
  // Stored in the records' own spelling: the lot by its printed number, warehouses by their codes.
  const warehouse = source ? ((await warehouseCode(db, p.tenantId, source)) ?? source) : null;
  const toWarehouse = input.toWarehouse ? ((await warehouseCode(db, p.tenantId, input.toWarehouse)) ?? input.toWarehouse) : null;
  const unitCost = lot ? lot.unitCost || product.unitCost : product.unitCost;
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
    lotId: lot?.lotId ?? null,
    warehouse,
    toWarehouse,
    customerId: input.customerId ?? null,
    supplier: input.kind === 'reorder' ? product.supplier || null : null,
    quantity: input.quantity,
    cases: input.kind === 'reorder' ? Math.round(input.quantity / Math.max(1, product.caseSize)) : null,
    value,
    discountPct: input.discountPct ?? null,
    reason: input.reason,
    // Nothing computed a person's proposal: no confidence (the engine's proposals carry theirs).
    confidence: null,
    validUntil: input.validUntil ?? null,
    evidence: JSON.stringify(evidence),
    state: 'proposed' as const,
    source: 'manual' as const,
    stableKey: `manual|${id}`,
    proposedBy: p.email,
    proposedById: p.userId,
    version: 1,
  };
  if (input.confirmDuplicate) await insertAction(db, row);
  else if (!(await insertActionUnlessOpen(db, row))) {
    const open = await openSameAction(db, p.tenantId, row);
    throw new ProblemError(
      409,
      'duplicate-action',
      `The same ${input.kind} is already open: action ${open ?? '(just decided)'}. Send "confirmDuplicate": true to propose it again.`,
      undefined,
      {
        actionId: open ?? null,
        detailKo: `같은 작업이 이미 열려 있습니다: 작업 ${open ?? ''}. 그래도 제안하려면 "confirmDuplicate": true를 보내세요.`,
      },
    );
  }
  await tenantObject(env, p.tenantId).propose([proposalOf(row)]);
  forgetScope(p.tenantId, ACTIONS_SCOPE);
  return (await getAction(db, p.tenantId, id))!;
}
