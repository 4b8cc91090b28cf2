// The tenant object writes decisions to D1 with a plain prepared statement (projectPrepared); it
// must leave exactly the row, and return exactly the row, that the query-builder update does.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { actions } from '../../worker/data/schema';
import { getAction, projectPrepared, projectStatement, type StateChange } from '../../worker/data/actions.repo';

const base = { tenantId: 'proj', kind: 'reorder' as const, sku: 'P-1', quantity: 12, value: 24.5, proposedBy: 'u1', version: 1 };
const changes: StateChange[] = [
  { id: '', state: 'approved', version: 2, at: '2026-12-01T02:00:00.000Z', by: 'approver@proj.test', note: 'ok', decided: true },
  { id: '', state: 'dismissed', version: 2, at: '2026-12-01T02:00:00.000Z', by: 'planner@proj.test', decided: true },
  { id: '', state: 'executed', version: 3, at: '2026-12-01T03:00:00.000Z', executed: true, outcome: { shipmentId: 's-1' } },
  { id: '', state: 'expired', version: 2, at: '2026-12-01T04:00:00.000Z' },
];

describe('projectPrepared', () => {
  it('writes and returns the same row as the query-builder update, and never goes back a version', async () => {
    const db = createDb(env);
    for (const [i, c] of changes.entries()) {
      const a = `pa-${i}`;
      const b = `pb-${i}`;
      await db.insert(actions).values([
        { ...base, id: a, stableKey: a },
        { ...base, id: b, stableKey: b },
      ]);
      const [viaBuilder] = await projectStatement(db, 'proj', { ...c, id: a });
      const viaPrepared = (await projectPrepared(env.DB, 'proj', { ...c, id: b }).all()).results[0];
      const strip = (r: Record<string, unknown> | undefined) => ({ ...r, id: undefined, stableKey: undefined, createdAt: undefined });
      expect(strip(viaPrepared as Record<string, unknown>)).toEqual(strip(viaBuilder));
      expect(strip(await getAction(db, 'proj', b))).toEqual(strip(await getAction(db, 'proj', a)));
      // The same or an older version changes nothing and returns no row.
      expect((await projectPrepared(env.DB, 'proj', { ...c, id: b, state: 'failed' }).all()).results).toEqual([]);
      expect((await getAction(db, 'proj', b))?.state).toBe(c.state);
    }
  });
});
