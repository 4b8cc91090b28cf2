// The audit log as a SHA-256 hash chain in the tenant object's SQLite. Each entry's hash covers
// the previous hash and the canonical JSON of the entry, so editing or removing any entry breaks
// every hash after it. Hashing is synchronous (node:crypto) so an entry can be appended inside
// the same storage transaction as the state change it records.
import { createHash } from 'node:crypto';

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

/** A signed chain head kept outside the object (R2); see worker/audit/checkpoints.ts. */
export interface CheckpointClaim {
  seq: number;
  head: string;
  /** Hashes of entries fromSeq..seq, when the checkpoint carries them (pinpoints a rewrite). */
  fromSeq?: number;
  hashes?: string[];
}

export type VerifyResult =
  { ok: true; length: number; head: string; checkpoints: number } | { ok: false; length: number; firstBadSeq: number; reason: string };

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function entryHashSync(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(e))
    .digest('hex');
}

export async function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): Promise<string> {
  return entryHashSync(prevHash, e);
}

interface Row extends Record<string, SqlStorageValue> {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface AuditFilter {
  after?: number;
  /** Newest first: entries below this sequence number (all when omitted), highest first. */
  newestFirst?: boolean;
  before?: number;
  limit?: number;
  from?: string;
  to?: string;
  /** Any of these names (compared without regard to case): a user's email and, for older entries, id. */
  actors?: string[];
  action?: string;
  entity?: string;
}

export class AuditChain {
  // The chain head, kept in memory once read: every append goes through this object, so only a
  // rolled-back transaction (see transaction()) or a write from outside it can make it stale.
  private cachedHead: { seq: number; hash: string } | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly storage?: DurableObjectStorage,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
      subject TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
  }

  /** The last entry's sequence number and hash ({0, GENESIS} for an empty chain). */
  head(): { seq: number; hash: string } {
    if (this.cachedHead) return this.cachedHead;
    const last = this.sql.exec<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').toArray()[0];
    return (this.cachedHead = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS });
  }

  /** Forgets the cached head; the next append reads it from storage. */
  reloadHead(): void {
    this.cachedHead = undefined;
  }

  /**
   * Runs `fn` in one storage transaction; if it throws, the transaction rolls back and so does the
   * cached head (an entry appended inside it never happened).
   */
  transaction<T>(fn: () => T): T {
    if (!this.storage) throw new Error('AuditChain.transaction needs the object storage');
    try {
      return this.storage.transactionSync(fn);
    } catch (e) {
      this.reloadHead();
      throw e;
    }
  }

  /** Appends one entry; call inside the caller's transaction() so it commits with what it records. */
  appendSync(input: AuditInput, at = new Date().toISOString()): AuditEntry {
    const last = this.head();
    const base = {
      seq: last.seq + 1,
      at,
      actor: input.actor,
      action: input.action,
      subject: input.subject,
      data: canonicalJson(input.data ?? null),
    };
    const hash = entryHashSync(last.hash, base);
    this.sql.exec(
      'INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      base.seq,
      base.at,
      base.actor,
      base.action,
      base.subject,
      base.data,
      last.hash,
      hash,
    );
    this.cachedHead = { seq: base.seq, hash };
    return { ...base, prevHash: last.hash, hash };
  }

  /** Appends entries in order in one transaction: all of them or none. */
  appendMany(inputs: readonly AuditInput[]): AuditEntry[] {
    return this.transaction(() => inputs.map((i) => this.appendSync(i)));
  }

  /** Entries after a sequence number, oldest first, optionally filtered (time range, actor, action prefix, subject). */
  list(f: AuditFilter = {}): AuditEntry[] {
    const where = ['seq > ?'];
    const args: SqlStorageValue[] = [f.after ?? 0];
    const add = (clause: string, ...values: SqlStorageValue[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (f.newestFirst && f.before !== undefined) add('seq < ?', f.before);
    if (f.from) add('at >= ?', f.from);
    if (f.to) add('at < ?', f.to);
    if (f.actors?.length) add(`actor COLLATE NOCASE IN (${f.actors.map(() => '?').join(', ')})`, ...f.actors);
    if (f.action) add('(action = ? OR action LIKE ?)', f.action, `${f.action}.%`);
    if (f.entity) add('subject = ?', f.entity);
    const limit = Math.max(1, Math.min(f.limit ?? 100, 1000));
    return this.sql
      .exec<Row>(`SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY seq ${f.newestFirst ? 'DESC' : ''} LIMIT ?`, ...args, limit)
      .toArray()
      .map(toEntry);
  }

  hashes(fromSeq: number, toSeq: number): string[] {
    return this.sql
      .exec<{ hash: string }>('SELECT hash FROM audit WHERE seq >= ? AND seq <= ? ORDER BY seq', fromSeq, toSeq)
      .toArray()
      .map((r) => r.hash);
  }

  /**
   * Recomputes the chain from genesis and holds it against every signed checkpoint: an edited,
   * deleted or swapped entry breaks a link; a truncated chain falls short of a checkpoint; a chain
   * rewritten consistently after a checkpoint disagrees with the hashes the checkpoint signed.
   */
  verify(checkpoints: readonly CheckpointClaim[] = []): VerifyResult {
    const expected = new Map<number, { hash: string; cp: number }>();
    for (const cp of checkpoints) {
      expected.set(cp.seq, { hash: cp.head, cp: cp.seq });
      cp.hashes?.forEach((h, i) => expected.set((cp.fromSeq ?? cp.seq - cp.hashes!.length + 1) + i, { hash: h, cp: cp.seq }));
    }
    let prev = GENESIS;
    let next = 1;
    for (;;) {
      const page = this.sql.exec<Row>('SELECT * FROM audit WHERE seq >= ? ORDER BY seq LIMIT 1000', next).toArray();
      for (const r of page) {
        const e = toEntry(r);
        const { hash, prevHash, ...body } = e;
        if (e.seq !== next) return { ok: false, length: next - 1, firstBadSeq: next, reason: `entry ${next} is missing` };
        if (prevHash !== prev)
          return { ok: false, length: next - 1, firstBadSeq: next, reason: `entry ${next} does not link to entry ${next - 1}` };
        if (entryHashSync(prev, body) !== hash)
          return { ok: false, length: next - 1, firstBadSeq: next, reason: `entry ${next} does not match its hash` };
        const want = expected.get(e.seq);
        if (want && want.hash !== hash)
          return { ok: false, length: next - 1, firstBadSeq: next, reason: `entry ${next} differs from signed checkpoint ${want.cp}` };
        prev = hash;
        next++;
      }
      if (page.length < 1000) break;
    }
    const length = next - 1;
    const furthest = Math.max(0, ...checkpoints.map((c) => c.seq));
    if (furthest > length)
      return { ok: false, length, firstBadSeq: length + 1, reason: `chain ends at ${length} but checkpoint ${furthest} was signed` };
    return { ok: true, length, head: prev, checkpoints: checkpoints.length };
  }
}
