// After each refresh: turn the plan into actions. A situation (stable key) has at most one open
// action: a proposed one takes the plan's new numbers, an approved one is left to its decision,
// and a proposed one the plan no longer supports expires (audited, through the tenant object).
import type { BatchItem } from 'drizzle-orm/batch';
import type { Env } from '../lib/env';
import { tenantObject } from '../lib/audit';
import { ACTIONS_SCOPE, forgetScope } from '../lib/isolate-cache';
import { createDb, type Db } from '../data/db';
import {
  actionSettings,
  adapterFacts,
  insertActionStatements,
  lotActionsKeptByRefresh,
  openPlanActions,
  projectStatement,
  updateProposedStatement,
  type ActionRow,
  type NewActionRow,
} from '../data/actions.repo';
import { lotNumberOf, withLotNumber } from '../data/planning.map';
import type { TenantPlan } from '../domain/plan-types';
import { ACTION_KIND_KO, codeKo } from '../domain/code-words';
import { candidatesFromPlan, type ActionCandidate, type AdapterContext } from './plan-adapter';
import { proposalOf } from './proposals';
import { fitToCommitments, lotKeyOf, type LotTaken } from './commitments';
import { findLotByKey } from '../data/movements.repo';

export const SYSTEM_ACTOR = 'system:refresh';

// The engine names a lot by its API id; an action names it by its printed number, as the lots,
// movements and execution do (the id of a lot moved to another warehouse is composite).
const fields = (c: ActionCandidate) => ({
  kind: c.kind,
  sku: c.sku,
  lotId: c.lotId === null ? null : lotNumberOf(c.lotId),
  warehouse: c.warehouse,
  toWarehouse: c.toWarehouse,
  customerId: c.customerId,
  supplier: c.supplier,
  quantity: c.quantity,
  cases: c.cases,
  value: c.value,
  discountPct: c.discountPct,
  orderByDate: c.orderByDate,
  reason: withLotNumber(c.reason, c.lotId),
  reasonKo: withLotNumber(c.reasonKo, c.lotId),
  confidence: c.confidence,
  validUntil: c.validUntil,
  evidence: withLotNumber(JSON.stringify(c.evidence), c.lotId),
});

export async function syncActionsFromPlan(env: Env, tenantId: string, plan: TenantPlan, db: Db = createDb(env)) {
  return syncActionCandidates(env, tenantId, plan.asOf, candidatesFromPlan(plan, await adapterContext(db, tenantId)), db);
}

/** What the plan adapter needs besides the plan (a refresh chunk computes its candidates with it). */
export async function adapterContext(db: Db, tenantId: string): Promise<AdapterContext> {
  const [facts, settings] = await Promise.all([adapterFacts(db, tenantId), actionSettings(db, tenantId)]);
  return { ...facts, elasticity: settings.elasticity, maxDiscount: settings.maxDiscount };
}

/** Proposes, updates and expires plan actions from the candidates of one whole plan (all its chunks). */
export async function syncActionCandidates(
  env: Env,
  tenantId: string,
  asOf: string,
  candidates: ActionCandidate[],
  db: Db = createDb(env),
) {
  const plan = { asOf };
  const open = await openPlanActions(db, tenantId);
  const byKey = new Map<string, ActionRow>(open.map((a) => [a.stableKey, a]));
  candidates = await fitAroundKeptActions(db, tenantId, candidates, byKey);
  const seen = new Set<string>();
  const created: NewActionRow[] = [];
  const updated: ActionRow[] = [];
  const statements: BatchItem<'sqlite'>[] = [];
  for (const c of candidates) {
    if (seen.has(c.stableKey)) continue;
    seen.add(c.stableKey);
    const existing = byKey.get(c.stableKey);
    if (!existing) {
      created.push({
        id: crypto.randomUUID(),
        tenantId,
        stableKey: c.stableKey,
        source: 'plan',
        proposedBy: SYSTEM_ACTOR,
        proposedById: SYSTEM_ACTOR,
        state: 'proposed',
        version: 1,
        ...fields(c),
      });
    } else if (existing.state === 'proposed') {
      statements.push(updateProposedStatement(db, tenantId, existing.id, fields(c)));
      updated.push({ ...existing, value: c.value, validUntil: c.validUntil });
    }
  }
  // Proposed actions the plan no longer supports, and approved ones past their validity, expire.
  const stale = open.filter(
    (a) =>
      (a.state === 'proposed' && !seen.has(a.stableKey)) || (a.state === 'approved' && a.validUntil !== null && a.validUntil < plan.asOf),
  );
  statements.push(...insertActionStatements(db, created));
  if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);

  const stub = tenantObject(env, tenantId);
  const proposals = [...created.map((r) => proposalOf(r as ActionRow)), ...updated.map(proposalOf)];
  for (let i = 0; i < proposals.length; i += 200) await stub.propose(proposals.slice(i, i + 200));
  let expired = 0;
  if (stale.length) {
    const results = await stub.decideMany(
      stale.map((a) => ({
        id: a.id,
        to: 'expired' as const,
        actor: SYSTEM_ACTOR,
        actorId: SYSTEM_ACTOR,
        actorRole: 'system',
        action: 'action.expired',
        data: {
          reason: a.state === 'approved' ? 'valid-until passed before execution' : 'the plan no longer supports it',
          asOf: plan.asOf,
        },
      })),
    );
    const changes: BatchItem<'sqlite'>[] = results.flatMap((r) =>
      r.ok ? [projectStatement(db, tenantId, { id: r.id, state: r.state, version: r.version, at: r.at })] : [],
    );
    expired = changes.length;
    if (changes.length) await db.batch(changes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  }
  forgetScope(tenantId, ACTIONS_SCOPE);
  return { candidates: candidates.length, created: created.length, updated: updated.length, expired };
}

/**
 * The candidates with each lot's new or updated plan proposals trimmed to what people's open actions
 * and approved actions leave of it (commitments.ts). A candidate whose approved action stands is
 * kept as it is: the refresh leaves that action alone, and its units are among those taken.
 */
async function fitAroundKeptActions(
  db: Db,
  tenantId: string,
  candidates: ActionCandidate[],
  byKey: ReadonlyMap<string, ActionRow>,
): Promise<ActionCandidate[]> {
  const kept = await lotActionsKeptByRefresh(db, tenantId);
  if (!kept.length) return candidates;
  const taken = new Map<string, LotTaken>();
  for (const a of kept) {
    if (!a.lotId || !a.warehouse) continue;
    const k = lotKeyOf(a.sku, a.lotId, a.warehouse);
    const t = taken.get(k) ?? { sku: a.sku, lotId: a.lotId, warehouse: a.warehouse, onHand: 0, taken: 0, by: [], byKo: [] };
    t.taken += a.quantity;
    t.by.push(`${a.kind} ${a.id}`);
    (t.byKo ??= []).push(`${codeKo(ACTION_KIND_KO, a.kind)} ${a.id}`);
    taken.set(k, t);
  }
  for (const t of taken.values()) t.onHand = (await findLotByKey(db, tenantId, t.sku, t.lotId, t.warehouse))?.quantityOnHand ?? 0;
  const standing = (c: ActionCandidate) => byKey.get(c.stableKey)?.state === 'approved';
  const fitted = fitToCommitments(
    candidates.filter((c) => !standing(c)),
    taken,
  );
  return [...candidates.filter(standing), ...fitted];
}
