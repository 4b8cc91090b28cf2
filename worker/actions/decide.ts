// Decisions on actions. The tenant object rules and records each one (state + audit entry in one
// transaction); D1 then takes the new state as its projection for lists and exports.
import type { Env } from '../lib/env';
import type { Principal } from '../lib/auth';
import { tenantObject } from '../lib/audit';
import { ACTIONS_SCOPE, forgetScope, isolateCache } from '../lib/isolate-cache';
import { can } from '../lib/roles';
import { conflict, notFound, ProblemError } from '../lib/problem';
import type { Db } from '../data/db';
import { actionSettings, getAction, project, type ActionRow, type ActionSettings, type LotCommitment } from '../data/actions.repo';
import { tenantToday } from '../data/tenant-time';
import type { Decision, DecisionResult } from '../durable-objects/tenant-object';
import { ACTION_STATE_KO } from '../durable-objects/approvals';
import { proposalOf } from './proposals';
import { checkCommitments } from './checks';
import { findLotByKey } from '../data/movements.repo';

export type Verdict = 'approve' | 'dismiss';

const TO = { approve: 'approved', dismiss: 'dismissed' } as const;

// The action settings are on every approval's and every queue's path: kept per isolate for a few
// seconds (lib/isolate-cache.ts: a committed change of the tenant's forgets it at once).
const limits = isolateCache<ActionSettings>({ ttlMs: 5_000, max: 1_000 });
/** The tenant's action settings: the approval threshold and the deepest markdown a proposal may have. */
export const actionLimits = (db: Db, tenantId: string): Promise<ActionSettings> =>
  limits.get(tenantId, '', () => actionSettings(db, tenantId));
/** The tenant's approval threshold (tenant currency): above it only an admin approves. */
export const approvalThreshold = async (db: Db, tenantId: string): Promise<number> => (await actionLimits(db, tenantId)).approvalThreshold;

function decisionOf(p: Principal, id: string, verdict: Verdict, note: string | undefined, limit: number, today: string): Decision {
  return {
    id,
    to: TO[verdict],
    actor: p.email,
    actorId: p.userId,
    actorRole: p.role,
    valueThreshold: limit,
    today,
    action: `action.${TO[verdict]}`,
    data: note ? { note } : {},
    project: { tenantId: p.tenantId, note },
  };
}

/** The tenant object's refusal as the API's problem, its Korean (`detailKo`) beside the English. */
export function problemOf(r: Extract<DecisionResult, { ok: false }>): ProblemError {
  const ko = { detailKo: r.detailKo };
  if (r.code === 'not-found') return new ProblemError(404, 'not-found', 'Action not found.', undefined, ko);
  if (r.code === 'forbidden') return new ProblemError(403, 'forbidden', r.detail, undefined, ko);
  return new ProblemError(409, 'conflict', r.detail, undefined, { state: r.state, ...ko });
}

const ROLE_KO: Record<string, string> = {
  'Only approvers and admins approve actions.': '승인자와 관리자만 작업을 승인할 수 있습니다.',
  'Your role does not allow this action.': '현재 역할로는 이 작업을 할 수 없습니다.',
};
/** A refusal's Korean: the problem's own (`detailKo`), else the known sentences of this file. */
const koOf = (e: ProblemError): string | undefined =>
  typeof e.extra.detailKo === 'string'
    ? e.extra.detailKo
    : (ROLE_KO[e.message] ?? (e.status === 404 ? '작업을 찾을 수 없습니다.' : undefined));

const refuseRole = (detail: string) => new ProblemError(403, 'forbidden', detail, undefined, { detailKo: ROLE_KO[detail] });

function checkRole(p: Principal, verdict: Verdict) {
  if (verdict === 'approve' && !can(p.role, 'decisions:write')) throw refuseRole('Only approvers and admins approve actions.');
  if (verdict === 'dismiss' && !can(p.role, 'planning:write') && !can(p.role, 'decisions:write'))
    throw refuseRole('Your role does not allow this action.');
}

/** Registers an action the object has not seen (its proposal call was lost) from the D1 row. */
async function heal(env: Env, db: Db, tenantId: string, id: string): Promise<ActionRow> {
  const row = await getAction(db, tenantId, id);
  if (!row) throw notFound('Action');
  if (row.state !== 'proposed')
    throw conflict(`The action is ${row.state}.`, { state: row.state, detailKo: `작업이 ${ACTION_STATE_KO[row.state]} 상태입니다.` });
  // The row names the proposer by email (the audit entry's actor) and keeps their id (the object's rule).
  await tenantObject(env, tenantId).propose([proposalOf(row)]);
  return row;
}

/** Units of each lot (`sku|warehouse|lot`) approved earlier in the same bulk decision. */
type Approving = Map<string, LotCommitment[]>;
const lotKey = (a: Pick<ActionRow, 'sku' | 'warehouse' | 'lotId'>) => `${a.sku}|${a.warehouse}|${a.lotId}`.toLowerCase();

/**
 * Approving `id` may not leave its lot asked for more units than it holds by the approved (not yet
 * executed) actions: 409 `lot-over-committed` naming them (checks.ts). `approving` carries what
 * this bulk decision approved before it. Proposed actions do not count here: they are not yet agreed.
 */
async function checkApproval(db: Db, tenantId: string, id: string, approving?: Approving): Promise<void> {
  const row = await getAction(db, tenantId, id);
  if (!row || row.state !== 'proposed' || !row.lotId || !row.warehouse || row.kind === 'reorder') return;
  const lot = await findLotByKey(db, tenantId, row.sku, row.lotId, row.warehouse);
  if (!lot) return; // execution says what became of the lot
  const key = lotKey(row);
  await checkCommitments(db, tenantId, lot, row.quantity, { exceptId: id, states: ['approved'], alsoAsked: approving?.get(key) ?? [] });
  const mine: LotCommitment = { id, kind: row.kind, quantity: row.quantity, state: 'approved', source: row.source };
  approving?.set(key, [...(approving.get(key) ?? []), mine]);
}

export async function decideAction(env: Env, db: Db, p: Principal, id: string, verdict: Verdict, note?: string): Promise<ActionRow> {
  checkRole(p, verdict);
  if (verdict === 'approve') await checkApproval(db, p.tenantId, id);
  const stub = tenantObject(env, p.tenantId);
  const [limit, today] = await Promise.all([approvalThreshold(db, p.tenantId), tenantToday(db, p.tenantId)]);
  const decision = decisionOf(p, id, verdict, note, limit, today);
  let r = await stub.decide(decision);
  if (!r.ok && r.code === 'not-found') {
    await heal(env, db, p.tenantId, id);
    r = await stub.decide(decision);
  }
  if (!r.ok) throw problemOf(r);
  forgetScope(p.tenantId, ACTIONS_SCOPE);
  // The object wrote the D1 projection in a shared batch; if D1 refused, write it from here.
  const row =
    r.row ?? (await project(db, p.tenantId, { id, state: r.state, version: r.version, at: r.at, by: p.email, note, decided: true }));
  if (!row) throw notFound('Action');
  return row;
}

export interface BulkItemResult {
  id: string;
  status: number;
  state?: string;
  detail?: string;
  /** The detail in Korean, as a single decision's problem carries it. */
  detailKo?: string;
}

/** Each decision of a selection is ruled and audited on its own; one failing does not stop the rest. */
export async function decideMany(
  env: Env,
  db: Db,
  p: Principal,
  ids: string[],
  verdict: Verdict,
  note?: string,
): Promise<BulkItemResult[]> {
  checkRole(p, verdict);
  const [limit, today] = await Promise.all([approvalThreshold(db, p.tenantId), tenantToday(db, p.tenantId)]);
  // Approvals that would over-commit a lot (with those approved before them here) are refused alone.
  const out: BulkItemResult[] = [];
  let decidable = ids;
  if (verdict === 'approve') {
    const approving: Approving = new Map();
    decidable = [];
    for (const id of ids) {
      try {
        await checkApproval(db, p.tenantId, id, approving);
        decidable.push(id);
      } catch (e) {
        if (!(e instanceof ProblemError)) throw e;
        out.push({ id, status: e.status, state: 'proposed', detail: e.message, ...(koOf(e) ? { detailKo: koOf(e) } : {}) });
      }
    }
  }
  const stub = tenantObject(env, p.tenantId);
  const results = decidable.length ? await stub.decideMany(decidable.map((id) => decisionOf(p, id, verdict, note, limit, today))) : [];
  forgetScope(p.tenantId, ACTIONS_SCOPE);
  for (const r of results) {
    if (r.ok) {
      if (!r.row)
        await project(db, p.tenantId, { id: r.id, state: r.state, version: r.version, at: r.at, by: p.email, note, decided: true });
      out.push({ id: r.id, status: 200, state: r.state });
      continue;
    }
    try {
      if (r.code !== 'not-found') throw problemOf(r);
      out.push({ id: r.id, status: 200, state: (await decideAction(env, db, p, r.id, verdict, note)).state });
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      const detailKo = koOf(e);
      out.push({ id: r.id, status: e.status, state: r.state, detail: e.message, ...(detailKo ? { detailKo } : {}) });
    }
  }
  // One result per id, in the order asked (refusals before the object's rulings were found first).
  const at = new Map(ids.map((id, i) => [id, i] as const));
  return out.sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
}
