import { eq, inArray } from 'drizzle-orm';
import type { Db } from './db';
import { loginAttempts } from './schema';

export interface RateRule {
  key: string;
  /** How long the key stays locked after this many failures in the window (0: not locked). */
  lockMs: (failures: number) => number;
}

const WINDOW_MS = 15 * 60_000;

/** Milliseconds until the first locked key opens again, or 0 when none is locked. */
export async function lockedFor(db: Db, keys: string[], now = Date.now()): Promise<number> {
  const rows = await db.select().from(loginAttempts).where(inArray(loginAttempts.key, keys));
  return Math.max(0, ...rows.map((r) => r.lockedUntil - now));
}

/** Counts a failure per key in a sliding 15-minute window; each rule says how long the count locks. */
export async function recordFailure(db: Db, rules: RateRule[], now = Date.now()): Promise<void> {
  const rows = await db
    .select()
    .from(loginAttempts)
    .where(
      inArray(
        loginAttempts.key,
        rules.map((r) => r.key),
      ),
    );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const writes = rules.map((rule) => {
    const prev = byKey.get(rule.key);
    const fresh = !prev || now - prev.windowStart > WINDOW_MS;
    const failures = fresh ? 1 : prev.failures + 1;
    const lock = rule.lockMs(failures);
    const lockedUntil = lock > 0 ? now + lock : (prev?.lockedUntil ?? 0);
    const values = { key: rule.key, failures, windowStart: fresh ? now : prev.windowStart, lockedUntil };
    return db.insert(loginAttempts).values(values).onConflictDoUpdate({ target: loginAttempts.key, set: values });
  });
  const [first, ...rest] = writes;
  await db.batch([first, ...rest]);
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
