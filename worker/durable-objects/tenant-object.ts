// One per tenant: a thin RPC front over its parts — the hash-chained audit log (audit-chain.ts)
// and the action state machine (approvals.ts). Calls to one object run one at a time, so the
// chain's sequence stays contiguous and decisions on one action are serialized.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../lib/env';
import { AuditChain, type AuditEntry, type AuditFilter, type AuditInput, type CheckpointClaim, type VerifyResult } from './audit-chain';
import { Approvals, type Decision, type DecisionResult, type Proposal, type StateRow } from './approvals';
import { AskLedger, type ReserveInput, type SettleInput } from './ask-ledger';
import { GroupCommit } from './group-commit';
import { Projector } from './projection';

export { canonicalJson, entryHash } from './audit-chain';
export type { AuditEntry, AuditFilter, AuditInput, CheckpointClaim, VerifyResult } from './audit-chain';
export type { ActionState, Decision, DecisionResult, Proposal, StateRow } from './approvals';

export class TenantObject extends DurableObject<Env> {
  readonly chain: AuditChain;
  readonly approvals: Approvals;
  readonly projector: Projector;
  private askLedger: AskLedger;
  // Single appends and single decisions arriving together share one storage commit (group-commit.ts).
  private readonly appends: GroupCommit<AuditInput, AuditEntry>;
  private readonly decisions: GroupCommit<Decision, DecisionResult>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.chain = new AuditChain(ctx.storage.sql, ctx.storage);
    this.projector = new Projector(ctx.storage, env);
    this.approvals = new Approvals(ctx.storage, this.chain, this.projector);
    this.askLedger = new AskLedger(ctx.storage.sql);
    this.appends = new GroupCommit((input) => this.chain.transaction(() => this.chain.appendSync(input)), {
      all: (inputs) => this.chain.appendMany(inputs),
    });
    this.decisions = new GroupCommit((d) => this.approvals.decide(d), { before: () => this.projector.settleSync() });
  }

  // Ask's model budget (worker/durable-objects/ask-ledger.ts): its own tables, serialized here.
  async askReserve(input: ReserveInput) {
    return this.askLedger.reserve(input);
  }

  async askSettle(input: SettleInput) {
    this.askLedger.settle(input);
  }

  async askStats(now = Date.now()) {
    return this.askLedger.stats(now);
  }

  /** Appends one entry in its own transaction; appends arriving together share one commit. */
  async append(input: AuditInput): Promise<AuditEntry> {
    return this.appends.submit(input);
  }

  /** Appends entries in order, all in one transaction (the audit outbox flush). */
  async appendMany(inputs: AuditInput[]): Promise<AuditEntry[]> {
    return this.chain.appendMany(inputs);
  }

  async list(afterSeq = 0, limit = 100): Promise<AuditEntry[]> {
    return this.chain.list({ after: afterSeq, limit });
  }

  async search(filter: AuditFilter): Promise<AuditEntry[]> {
    return this.chain.list(filter);
  }

  /** The stored head, read afresh (a checkpoint signs what storage holds, not the cache). */
  async head(): Promise<{ seq: number; hash: string }> {
    this.chain.reloadHead();
    return this.chain.head();
  }

  async hashes(fromSeq: number, toSeq: number): Promise<string[]> {
    return this.chain.hashes(fromSeq, toSeq);
  }

  async verify(checkpoints: CheckpointClaim[] = []): Promise<VerifyResult> {
    return this.chain.verify(checkpoints);
  }

  async propose(items: Proposal[]): Promise<StateRow[]> {
    return this.approvals.propose(items);
  }

  /**
   * One decision, ruled and audited in its own transaction (decisions arriving together share one
   * commit); with `decision.project` it also comes back with its projected D1 row.
   */
  async decide(decision: Decision): Promise<DecisionResult> {
    return this.approvals.withProjection(decision, await this.decisions.submit(decision));
  }

  /** Decisions one after another, each its own transaction and audit entry. */
  async decideMany(decisions: Decision[]): Promise<DecisionResult[]> {
    return this.approvals.decideAndProject(decisions);
  }

  /** Retries projections a failed D1 write left queued. */
  override async alarm(): Promise<void> {
    try {
      await this.projector.flush();
    } catch (e) {
      console.error('action projection retry failed', e);
      await this.ctx.storage.setAlarm(Date.now() + 5_000);
    }
  }

  async states(ids: string[]): Promise<StateRow[]> {
    return this.approvals.states(ids);
  }
}
