// The action state machine. Every state change and its audit entry commit in one transaction of
// the tenant object's SQLite, and calls to one object run one at a time, so of many concurrent
// decisions on one action exactly one finds it in the state it expects.
import type { ActionRow } from '../data/actions.repo';
import type { AuditChain, AuditEntry } from './audit-chain';
import type { Projector } from './projection';
import { ACTION_STATE_KO } from '../domain/code-words';

export type ActionState = 'proposed' | 'approved' | 'dismissed' | 'executed' | 'failed' | 'expired';

/** Which states each state may move to (docs/actions.md). */
export const TRANSITIONS: Record<ActionState, readonly ActionState[]> = {
  proposed: ['approved', 'dismissed', 'expired'],
  approved: ['executed', 'failed', 'expired'],
  dismissed: [],
  executed: [],
  failed: [],
  expired: [],
};

export interface Proposal {
  id: string;
  kind: string;
  value: number;
  proposedBy: string;
  /** The last day (tenant's calendar, yyyy-mm-dd) the action may be approved; null = no limit. */
  validUntil?: string | null;
  /** Audited when the action is new. */
  actor: string;
  data: unknown;
}

export interface Decision {
  id: string;
  to: ActionState;
  actor: string;
  actorId: string;
  actorRole: string;
  /** Approvals above this value need an admin. */
  valueThreshold?: number;
  /** The tenant's today (yyyy-mm-dd): an approval after the action's validUntil is refused. */
  today?: string;
  /** Audit action, e.g. "action.approved". */
  action: string;
  data?: Record<string, unknown>;
  /** Also write the new state to the tenant's D1 projection (decidedBy = actor, decisionNote = note). */
  project?: { tenantId: string; note?: string };
}

export type DecisionResult =
  | {
      ok: true;
      id: string;
      state: ActionState;
      from: ActionState;
      version: number;
      at: string;
      /** The decision's audit entry's sequence number in the tenant's chain. */
      seq: number;
      /** The projected D1 row, when the decision asked for it and D1 took it. */
      row?: ActionRow;
    }
  | {
      ok: false;
      id: string;
      code: 'not-found' | 'conflict' | 'forbidden';
      state?: ActionState;
      version?: number;
      detail: string;
      /** The same detail in Korean (the web app's Korean pages). */
      detailKo: string;
    };

/** An action's state in Korean, as the web app's Korean pages name it (domain/code-words.ts). */
export { ACTION_STATE_KO };

export interface StateRow {
  id: string;
  state: ActionState;
  version: number;
  value: number;
  proposedBy: string;
  updatedAt: string;
  validUntil: string | null;
}

/** A test hook: throws at a numbered step inside the transaction (1 = after the state change). */
export interface Faults {
  failAt?: number;
}

export class Approvals {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly chain: AuditChain,
    private readonly projector?: Projector,
  ) {
    storage.sql.exec(`CREATE TABLE IF NOT EXISTS action_state (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, version INTEGER NOT NULL,
      value REAL NOT NULL, proposed_by TEXT NOT NULL, updated_at TEXT NOT NULL)`);
    // Objects created before actions carried their validity get the column (null: no limit).
    const columns = storage.sql.exec<{ name: string }>('PRAGMA table_info(action_state)').toArray();
    if (!columns.some((c) => c.name === 'valid_until')) storage.sql.exec('ALTER TABLE action_state ADD COLUMN valid_until TEXT');
  }

  private row(id: string): StateRow | undefined {
    const r = this.storage.sql
      .exec<{
        id: string;
        state: string;
        version: number;
        value: number;
        proposed_by: string;
        updated_at: string;
        valid_until: string | null;
      }>('SELECT id, state, version, value, proposed_by, updated_at, valid_until FROM action_state WHERE id = ?', id)
      .toArray()[0];
    return r
      ? {
          id: r.id,
          state: r.state as ActionState,
          version: r.version,
          value: r.value,
          proposedBy: r.proposed_by,
          updatedAt: r.updated_at,
          validUntil: r.valid_until,
        }
      : undefined;
  }

  /** New actions start proposed (one audit entry each); known ones still proposed take the new value. */
  propose(items: readonly Proposal[]): StateRow[] {
    return this.chain.transaction(() =>
      items.map((p) => {
        const now = new Date().toISOString();
        const current = this.row(p.id);
        if (!current) {
          this.storage.sql.exec(
            'INSERT INTO action_state (id, kind, state, version, value, proposed_by, updated_at, valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            p.id,
            p.kind,
            'proposed',
            1,
            p.value,
            p.proposedBy,
            now,
            p.validUntil ?? null,
          );
          this.chain.appendSync({ actor: p.actor, action: 'action.proposed', subject: p.id, data: p.data }, now);
        } else if (current.state === 'proposed' && (current.value !== p.value || current.validUntil !== (p.validUntil ?? null))) {
          this.storage.sql.exec(
            'UPDATE action_state SET value = ?, valid_until = ?, updated_at = ? WHERE id = ?',
            p.value,
            p.validUntil ?? null,
            now,
            p.id,
          );
        }
        return this.row(p.id)!;
      }),
    );
  }

  states(ids: readonly string[]): StateRow[] {
    return ids.map((id) => this.row(id)).filter((r): r is StateRow => !!r);
  }

  /** One decision: checks the rules against the current state, then changes it and audits it together. */
  decide(d: Decision, faults: Faults = {}): DecisionResult {
    const current = this.row(d.id);
    if (!current) return { ok: false, id: d.id, code: 'not-found', detail: 'Action not found.', detailKo: '작업을 찾을 수 없습니다.' };
    const refuse = (code: 'conflict' | 'forbidden', detail: string, detailKo: string): DecisionResult => ({
      ok: false,
      id: d.id,
      code,
      state: current.state,
      ...(code === 'conflict' ? { version: current.version } : {}),
      detail,
      detailKo,
    });
    if (!TRANSITIONS[current.state].includes(d.to))
      return refuse(
        'conflict',
        `The action is ${current.state}; it cannot become ${d.to}.`,
        `작업이 ${ACTION_STATE_KO[current.state]} 상태라 ${ACTION_STATE_KO[d.to]} 상태가 될 수 없습니다.`,
      );
    if (d.to === 'approved') {
      if (current.proposedBy === d.actorId)
        return refuse('forbidden', 'Nobody approves their own proposal.', '자신이 제안한 작업은 승인할 수 없습니다.');
      if (current.validUntil && d.today && current.validUntil < d.today)
        return refuse(
          'conflict',
          `The action was valid until ${current.validUntil}; it can no longer be approved.`,
          `이 작업은 ${current.validUntil}까지 유효했으므로 더 이상 승인할 수 없습니다.`,
        );
      if (d.valueThreshold !== undefined && current.value > d.valueThreshold && d.actorRole !== 'admin')
        return refuse(
          'forbidden',
          `Actions above the approval threshold (${d.valueThreshold}) need an admin.`,
          `승인 한도(${d.valueThreshold})를 넘는 작업은 관리자가 승인해야 합니다.`,
        );
    }
    const at = new Date().toISOString();
    const version = current.version + 1;
    const entry: AuditEntry = this.chain.transaction(() => {
      this.storage.sql.exec('UPDATE action_state SET state = ?, version = ?, updated_at = ? WHERE id = ?', d.to, version, at, d.id);
      if (faults.failAt === 1) throw new Error('fault injected after the state change');
      const e = this.chain.appendSync(
        { actor: d.actor, action: d.action, subject: d.id, data: { from: current.state, to: d.to, version, ...d.data } },
        at,
      );
      if (faults.failAt === 2) throw new Error('fault injected after the audit entry');
      if (d.project && this.projector)
        this.projector.enqueueSync({
          tenantId: d.project.tenantId,
          id: d.id,
          state: d.to,
          version,
          at,
          by: d.actor,
          note: d.project.note,
          decided: true,
        });
      if (faults.failAt === 3) throw new Error('fault injected after the projection was queued');
      return e;
    });
    return { ok: true, id: d.id, state: d.to, from: current.state, version, at, seq: entry.seq };
  }

  /** Decisions in order, each ruled against the state the previous ones left and committed on its own. */
  decideMany(ds: readonly Decision[]): DecisionResult[] {
    return ds.map((d) => this.decide(d));
  }

  /**
   * Writes the D1 projection of a successful decision that asked for one (sharing one D1 batch
   * with every decision projected meanwhile) and returns the result with its projected row.
   */
  async withProjection(d: Decision, r: DecisionResult): Promise<DecisionResult> {
    return r.ok && d.project && this.projector ? { ...r, row: await this.projector.project(r.id, r.version) } : r;
  }

  /** Decides in order, then projects every successful decision (see withProjection). */
  async decideAndProject(ds: readonly Decision[]): Promise<DecisionResult[]> {
    const results = this.decideMany(ds);
    return Promise.all(results.map((r, i) => this.withProjection(ds[i], r)));
  }
}
