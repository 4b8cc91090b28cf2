// One per tenant: a thin RPC front over its parts — the hash-chained audit log (audit-chain.ts)
// and the action state machine (approvals.ts). Calls to one object run one at a time, so the
// chain's sequence stays contiguous and decisions on one action are serialized.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../lib/env';
import { AuditChain, type AuditEntry, type AuditFilter, type AuditInput, type CheckpointClaim, type VerifyResult } from './audit-chain';
import { Approvals, type Decision, type DecisionResult, type Proposal, type StateRow } from './approvals';
import { AskLedger, type ReserveInput, type SettleInput } from './ask-ledger';

export { canonicalJson, entryHash } from './audit-chain';
export type { AuditEntry, AuditFilter, AuditInput, CheckpointClaim, VerifyResult } from './audit-chain';
export type { ActionState, Decision, DecisionResult, Proposal, StateRow } from './approvals';

export class TenantObject extends DurableObject<Env> {
  readonly chain: AuditChain;
  readonly approvals: Approvals;
  private askLedger: AskLedger;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.chain = new AuditChain(ctx.storage.sql);
    this.approvals = new Approvals(ctx.storage, this.chain);
    this.askLedger = new AskLedger(ctx.storage.sql);
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

  /** Appends one entry (the API every route uses to audit what it wrote). */
  async append(input: AuditInput): Promise<AuditEntry> {
    return this.ctx.storage.transactionSync(() => this.chain.appendSync(input));
  }

  async list(afterSeq = 0, limit = 100): Promise<AuditEntry[]> {
    return this.chain.list({ after: afterSeq, limit });
  }

  async search(filter: AuditFilter): Promise<AuditEntry[]> {
    return this.chain.list(filter);
  }

  async head(): Promise<{ seq: number; hash: string }> {
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

  async decide(decision: Decision): Promise<DecisionResult> {
    return this.approvals.decide(decision);
  }

  /** Decisions one after another, each its own transaction and audit entry. */
  async decideMany(decisions: Decision[]): Promise<DecisionResult[]> {
    return decisions.map((d) => this.approvals.decide(d));
  }

  async states(ids: string[]): Promise<StateRow[]> {
    return this.approvals.states(ids);
  }
}
