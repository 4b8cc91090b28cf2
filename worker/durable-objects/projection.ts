// The D1 projection of action states, written by the tenant object itself. A decision queues its
// new state in the object's SQLite (projection_outbox) in the same transaction as the transition
// and its audit entry; the object then writes queued states to D1. Concurrent decisions share one
// D1 batch (group commit: while one batch is being written, the next one collects), so D1 sees one
// round trip per batch instead of one per approval. A failed write stays queued and is retried by
// the next decision or the object's alarm; D1's version guard makes a repeated write harmless.
// Rows D1 has taken leave the outbox in the next turn that writes anyway (the next group of
// decisions), or after SETTLE_MS: a storage commit is what a write costs here, so the deletes
// share one instead of taking their own (see group-commit.ts).
import { projectPrepared, type ActionRow, type StateChange } from '../data/actions.repo';
import type { Env } from '../lib/env';

/** What a decision asks to be written to D1: its state change and the tenant it belongs to. */
export interface ProjectionChange extends StateChange {
  tenantId: string;
}

/** D1 statements per batch: one statement per change, each with a handful of bound parameters. */
const BATCH = 100;
const RETRY_MS = 1_000;
/** At the latest this long after D1 took them, written rows leave the outbox in a turn of their own. */
const SETTLE_MS = 250;

export class Projector {
  private inflight: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private written = new Map<string, ActionRow | undefined>();
  /** Outbox rows D1 has taken, by `id@version`, still to be deleted (settleSync). */
  private settled = new Map<string, { id: string; version: number }>();
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
  ) {
    storage.sql.exec(`CREATE TABLE IF NOT EXISTS projection_outbox (
      id TEXT PRIMARY KEY, version INTEGER NOT NULL, change TEXT NOT NULL)`);
  }

  /** Queues a change; call inside the decision's transaction so it commits with it. */
  enqueueSync(change: ProjectionChange): void {
    this.storage.sql.exec(
      'INSERT INTO projection_outbox (id, version, change) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, change = excluded.change WHERE excluded.version > projection_outbox.version',
      change.id,
      change.version,
      JSON.stringify(change),
    );
  }

  /** Changes still to be written to D1 (rows D1 has taken but not yet deleted do not count). */
  pending(): number {
    return this.storage.sql
      .exec<{ id: string; version: number }>('SELECT id, version FROM projection_outbox')
      .toArray()
      .filter((q) => !this.settled.has(`${q.id}@${q.version}`)).length;
  }

  /**
   * Writes every queued change to D1 (joining the batch being collected, if any) and returns the
   * projected row of `id` at `version`: undefined when D1 already held a newer version or the write
   * failed (the change stays queued; an alarm retries it).
   */
  async project(id: string, version: number): Promise<ActionRow | undefined> {
    try {
      await this.flush();
    } catch (e) {
      console.error('action projection failed; queued for retry', e);
      await this.storage.setAlarm(Date.now() + RETRY_MS);
    }
    const key = `${id}@${version}`;
    const row = this.written.get(key);
    this.written.delete(key);
    return row;
  }

  /** Writes what is queued; concurrent callers share the batch being collected. */
  flush(): Promise<void> {
    if (this.next) return this.next;
    if (this.inflight) {
      const after = this.inflight
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          return this.start();
        });
      this.next = after;
      return after;
    }
    return this.start();
  }

  private start(): Promise<void> {
    const run = this.write().finally(() => {
      if (this.inflight === run) this.inflight = undefined;
    });
    this.inflight = run;
    return run;
  }

  /**
   * Deletes the outbox rows D1 has taken. Call it in a turn that writes anyway (a group of
   * decisions) so the deletes share that turn's commit; a timer calls it otherwise.
   */
  settleSync(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    for (const q of this.settled.values())
      this.storage.sql.exec('DELETE FROM projection_outbox WHERE id = ? AND version = ?', q.id, q.version);
    this.settled.clear();
  }

  private async write(): Promise<void> {
    const queued = this.storage.sql
      .exec<{ id: string; version: number; change: string }>('SELECT id, version, change FROM projection_outbox')
      .toArray()
      .filter((q) => !this.settled.has(`${q.id}@${q.version}`));
    if (!queued.length) return;
    for (let i = 0; i < queued.length; i += BATCH) {
      const part = queued.slice(i, i + BATCH);
      const results = await this.env.DB.batch<ActionRow>(
        part.map((q) => {
          const c = JSON.parse(q.change) as ProjectionChange;
          return projectPrepared(this.env.DB, c.tenantId, c);
        }),
      );
      part.forEach((q, j) => {
        this.written.set(`${q.id}@${q.version}`, results[j].results[0]);
        this.settled.set(`${q.id}@${q.version}`, { id: q.id, version: q.version });
      });
    }
    this.settleTimer ??= setTimeout(() => this.settleSync(), SETTLE_MS);
    // Rows nobody collected (a caller that gave up) must not pile up.
    if (this.written.size > 10_000) this.written.clear();
  }
}
