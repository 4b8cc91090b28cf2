// One per tenant: serializes decisions and appends the audit log as a SHA-256 hash chain.
// Each entry's hash covers the previous hash and the canonical JSON of the entry, so editing or
// removing any entry breaks every hash after it; verify() names the first bad sequence number.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../lib/env';
import { AskLedger, type ReserveInput, type SettleInput } from './ask-ledger';

export interface AuditInput {
  actor: string;
  action: string;
  subject: string;
  data?: unknown;
}

export interface AuditEntry extends Omit<AuditInput, 'data'> {
  /** Canonical JSON of the entry's data (a string keeps RPC types simple and hashing exact). */
  data: string;
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export async function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): Promise<string> {
  const bytes = new TextEncoder().encode(prevHash + canonicalJson(e));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class TenantObject extends DurableObject<Env> {
  private sql: SqlStorage;
  private askLedger: AskLedger;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
      subject TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
    this.askLedger = new AskLedger(this.sql);
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

  /** Appends one entry. Calls to one object run one at a time, so the sequence stays contiguous. */
  async append(input: AuditInput): Promise<AuditEntry> {
    const last = this.sql.exec<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').toArray()[0];
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor: input.actor,
      action: input.action,
      subject: input.subject,
      data: canonicalJson(input.data ?? null),
    };
    const prevHash = last?.hash ?? GENESIS;
    const hash = await entryHash(prevHash, base);
    this.sql.exec(
      'INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      base.seq,
      base.at,
      base.actor,
      base.action,
      base.subject,
      base.data,
      prevHash,
      hash,
    );
    return { ...base, prevHash, hash };
  }

  async list(afterSeq = 0, limit = 100): Promise<AuditEntry[]> {
    return this.sql
      .exec<{ seq: number; at: string; actor: string; action: string; subject: string; data: string; prev_hash: string; hash: string }>(
        'SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?',
        afterSeq,
        Math.min(limit, 1000),
      )
      .toArray()
      .map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        data: r.data,
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
  }

  /** Recomputes the chain from the start; names the first entry whose link or hash is wrong. */
  async verify(): Promise<{ ok: boolean; entries: number; head: string; firstBadSeq: number | null }> {
    let prev = GENESIS;
    let expectedSeq = 1;
    let entries = 0;
    for (let after = 0; ;) {
      const page = await this.list(after, 1000);
      if (!page.length) break;
      for (const e of page) {
        const { hash, prevHash, ...body } = e;
        if (e.seq !== expectedSeq || prevHash !== prev || (await entryHash(prev, body)) !== hash)
          return { ok: false, entries, head: prev, firstBadSeq: expectedSeq };
        prev = hash;
        expectedSeq++;
        entries++;
      }
      after = page[page.length - 1].seq;
    }
    return { ok: true, entries, head: prev, firstBadSeq: null };
  }
}
