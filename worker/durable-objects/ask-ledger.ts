// Ask's model budget and call counters, kept in the tenant's Durable Object storage under its own
// tables (ask_*), so calls are serialized per tenant: a reservation and its settlement can never
// race another question's. The worst-case cost is reserved before a model call and the unused
// part refunded after; failed and slow calls are counted for the status page.

export interface ReserveInput {
  /** Worst-case cost of the call(s) in USD. */
  worstCostUsd: number;
  monthlyBudgetUsd: number;
  ratePerMinute: number;
  now: number;
}

export type ReserveResult = { ok: true; id: number } | { ok: false; reason: 'budget' | 'rate' };

export type CallOutcome = 'ok' | 'repaired' | 'malformed' | 'error' | 'timeout';

export interface SettleInput {
  id: number;
  actualCostUsd: number;
  outcome: CallOutcome;
  ms: number;
  slow: boolean;
}

export interface AskStats {
  month: string;
  calls: number;
  ok: number;
  repaired: number;
  malformed: number;
  errors: number;
  timeouts: number;
  slow: number;
  spentUsd: number;
  reservedUsd: number;
}

const month = (now: number) => new Date(now).toISOString().slice(0, 7);

export class AskLedger {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS ask_reservations (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, month TEXT NOT NULL,
      reserved_usd REAL NOT NULL, settled INTEGER NOT NULL DEFAULT 0)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS ask_months (
      month TEXT PRIMARY KEY, spent_usd REAL NOT NULL DEFAULT 0, calls INTEGER NOT NULL DEFAULT 0,
      ok INTEGER NOT NULL DEFAULT 0, repaired INTEGER NOT NULL DEFAULT 0, malformed INTEGER NOT NULL DEFAULT 0,
      errors INTEGER NOT NULL DEFAULT 0, timeouts INTEGER NOT NULL DEFAULT 0, slow INTEGER NOT NULL DEFAULT 0)`);
  }

  reserve(input: ReserveInput): ReserveResult {
    const m = month(input.now);
    const recent = this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM ask_reservations WHERE at > ?', input.now - 60_000).one().n;
    if (recent >= input.ratePerMinute) return { ok: false, reason: 'rate' };
    const s = this.stats(input.now);
    if (s.spentUsd + s.reservedUsd + input.worstCostUsd > input.monthlyBudgetUsd) return { ok: false, reason: 'budget' };
    const id = this.sql
      .exec<{ id: number }>(
        'INSERT INTO ask_reservations (at, month, reserved_usd) VALUES (?, ?, ?) RETURNING id',
        input.now,
        m,
        input.worstCostUsd,
      )
      .one().id;
    return { ok: true, id };
  }

  /** Charges the actual cost (never more than reserved) and releases the rest; counts the outcome. */
  settle(input: SettleInput): void {
    const r = this.sql
      .exec<{ month: string; reserved_usd: number; settled: number }>(
        'SELECT month, reserved_usd, settled FROM ask_reservations WHERE id = ?',
        input.id,
      )
      .toArray()[0];
    if (!r || r.settled) return;
    const cost = Math.min(Math.max(0, input.actualCostUsd), r.reserved_usd);
    this.sql.exec('UPDATE ask_reservations SET settled = 1 WHERE id = ?', input.id);
    this.sql.exec('INSERT INTO ask_months (month) VALUES (?) ON CONFLICT (month) DO NOTHING', r.month);
    const col = { ok: 'ok', repaired: 'repaired', malformed: 'malformed', error: 'errors', timeout: 'timeouts' }[input.outcome];
    this.sql.exec(
      `UPDATE ask_months SET spent_usd = spent_usd + ?, calls = calls + 1, ${col} = ${col} + 1, slow = slow + ? WHERE month = ?`,
      cost,
      input.slow ? 1 : 0,
      r.month,
    );
  }

  stats(now: number): AskStats {
    const m = month(now);
    const row = this.sql
      .exec<Omit<AskStats, 'month' | 'reservedUsd' | 'spentUsd'> & { spent_usd: number }>('SELECT * FROM ask_months WHERE month = ?', m)
      .toArray()[0];
    const reserved = this.sql
      .exec<{ s: number | null }>('SELECT sum(reserved_usd) AS s FROM ask_reservations WHERE month = ? AND settled = 0', m)
      .one().s;
    return {
      month: m,
      calls: row?.calls ?? 0,
      ok: row?.ok ?? 0,
      repaired: row?.repaired ?? 0,
      malformed: row?.malformed ?? 0,
      errors: row?.errors ?? 0,
      timeouts: row?.timeouts ?? 0,
      slow: row?.slow ?? 0,
      spentUsd: row?.spent_usd ?? 0,
      reservedUsd: reserved ?? 0,
    };
  }
}
