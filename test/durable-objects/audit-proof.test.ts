// The audit trail is provable: every kind of tampering is named at the right sequence number,
// including a truncation and a wholesale rewrite that only the signed checkpoints in R2 reveal;
// a decision and its audit entry commit together or not at all.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS } from '../../worker/durable-objects/audit-chain';
import type { TenantObject } from '../../worker/durable-objects/tenant-object';
import { listCheckpoints, verifyAudit, writeCheckpoint } from '../../worker/audit/checkpoints';

const stubOf = (tenantId: string) => env.TENANT.get(env.TENANT.idFromName(tenantId)) as DurableObjectStub<TenantObject>;

async function chainOf(tenantId: string, n: number) {
  const stub = stubOf(tenantId);
  for (let i = 1; i <= n; i++) await stub.append({ actor: 'p@x.test', action: 'test.entry', subject: `s${i}`, data: { i } });
  return stub;
}

const tamper = (stub: DurableObjectStub<TenantObject>, sql: string) =>
  runInDurableObject(stub, async (_o, state) => {
    state.storage.sql.exec(sql);
  });

describe('verify finds tampering at the right sequence number', () => {
  it('a flipped byte in one entry', async () => {
    const stub = await chainOf('t-flip', 8);
    await tamper(stub, "UPDATE audit SET actor = 'q@x.test' WHERE seq = 5");
    expect(await verifyAudit(env, 't-flip')).toMatchObject({ ok: false, firstBadSeq: 5, reason: 'entry 5 does not match its hash' });
  });

  it('a deleted entry', async () => {
    const stub = await chainOf('t-del', 8);
    await tamper(stub, 'DELETE FROM audit WHERE seq = 3');
    expect(await verifyAudit(env, 't-del')).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'entry 3 is missing' });
  });

  it('two swapped entries', async () => {
    const stub = await chainOf('t-swap', 8);
    await tamper(
      stub,
      `UPDATE audit SET seq = CASE seq WHEN 6 THEN -7 WHEN 7 THEN -6 END WHERE seq IN (6, 7);
       UPDATE audit SET seq = -seq WHERE seq < 0`,
    );
    expect(await verifyAudit(env, 't-swap')).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it('a truncated chain, against the checkpoint', async () => {
    const stub = await chainOf('t-trunc', 8);
    const cp = await writeCheckpoint(env, 't-trunc');
    expect(cp).toMatchObject({ seq: 8, fromSeq: 1 });
    expect(await verifyAudit(env, 't-trunc')).toMatchObject({ ok: true, length: 8, checkpoints: 1 });
    await tamper(stub, 'DELETE FROM audit WHERE seq > 5');
    expect(await verifyAudit(env, 't-trunc')).toMatchObject({ ok: false, firstBadSeq: 6, length: 5 });
  });

  it('a wholesale rewrite after a checkpoint (every hash recomputed)', async () => {
    const stub = await chainOf('t-rewrite', 10);
    await writeCheckpoint(env, 't-rewrite');
    for (let i = 11; i <= 12; i++) await stub.append({ actor: 'p@x.test', action: 'test.entry', subject: `s${i}`, data: { i } });
    await writeCheckpoint(env, 't-rewrite');
    expect((await listCheckpoints(env, 't-rewrite')).map((c) => [c.seq, c.valid])).toEqual([
      [10, true],
      [12, true],
    ]);
    // Rewrite entry 4 and re-link everything after it: the chain alone looks perfect.
    await runInDurableObject(stub, async (_o, state) => {
      const rows = state.storage.sql.exec<any>('SELECT * FROM audit ORDER BY seq').toArray();
      let prev = GENESIS;
      for (const r of rows) {
        const body = {
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          action: r.action,
          subject: r.subject,
          data: r.seq === 4 ? '{"i":400}' : r.data,
        };
        const hash = await entryHash(prev, body);
        state.storage.sql.exec('UPDATE audit SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?', body.data, prev, hash, r.seq);
        prev = hash;
      }
    });
    expect(await stub.verify()).toMatchObject({ ok: true, length: 12 });
    expect(await verifyAudit(env, 't-rewrite')).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: 'entry 4 differs from signed checkpoint 10',
    });
  });

  it('a forged checkpoint', async () => {
    await chainOf('t-forge', 3);
    const cp = await writeCheckpoint(env, 't-forge');
    await env.FILES.put('audit-checkpoints/t-forge/000000000009.json', JSON.stringify({ ...cp, seq: 9 }));
    expect(await verifyAudit(env, 't-forge')).toMatchObject({ ok: false, firstBadSeq: 9 });
  });
});

describe('decisions and their audit entries', () => {
  it('never leave a state change without its audit entry, wherever the transaction aborts', async () => {
    const stub = stubOf('t-abort');
    await stub.propose(
      Array.from({ length: 30 }, (_, i) => ({
        id: `a${i}`,
        kind: 'reorder',
        value: 10,
        proposedBy: 'planner',
        actor: 'p@x.test',
        data: {},
      })),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 29 }), fc.constantFrom(undefined, 1, 2, 3), async (i, failAt) => {
        await runInDurableObject(stub, async (o: TenantObject, state) => {
          const before = state.storage.sql.exec<any>('SELECT state FROM action_state WHERE id = ?', `a${i}`).one().state;
          const audited = () =>
            state.storage.sql.exec<any>("SELECT count(*) AS n FROM audit WHERE subject = ? AND action = 'action.approved'", `a${i}`).one()
              .n;
          const queued = () => state.storage.sql.exec<any>('SELECT count(*) AS n FROM projection_outbox WHERE id = ?', `a${i}`).one().n;
          const n0 = audited();
          const q0 = queued();
          let threw = false;
          try {
            o.approvals.decide(
              {
                id: `a${i}`,
                to: 'approved',
                actor: 'x',
                actorId: 'approver',
                actorRole: 'approver',
                action: 'action.approved',
                project: { tenantId: 't-abort' },
              },
              { failAt },
            );
          } catch {
            threw = true;
          }
          const after = state.storage.sql.exec<any>('SELECT state FROM action_state WHERE id = ?', `a${i}`).one().state;
          const changed = after !== before;
          expect(threw).toBe(failAt !== undefined && before === 'proposed');
          // A state change has exactly one audit entry more; no change has none.
          expect(audited() - n0).toBe(changed ? 1 : 0);
          // …and its D1 projection queued with it (nothing queued for a rolled-back one).
          expect(queued() - q0).toBe(changed ? 1 : 0);
          if (failAt !== undefined) expect(changed).toBe(false);
        });
      }),
      { numRuns: 60 },
    );
    // Rolled-back appends never advanced the chain head: later entries still link.
    await stub.append({ actor: 'x', action: 'after.aborts', subject: 'tail' });
    expect((await stub.verify()).ok).toBe(true);
  });
});

describe('checkpoint cron', () => {
  it('signs every tenant head once per change and leaves earlier checkpoints untouched', async () => {
    const { fireCron } = await import('../helpers/runtime');
    const { seedBasics } = await import('../helpers/api');
    await seedBasics();
    await stubOf('demo').append({ actor: 'cron@x.test', action: 'test.entry', subject: 'cp' });
    const t = Date.UTC(2026, 10, 30, 10, 30);
    await fireCron('30 * * * *', t);
    const first = await listCheckpoints(env, 'demo');
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(first.every((c) => c.valid)).toBe(true);
    const head = await stubOf('demo').head();
    expect(first[first.length - 1]).toMatchObject({ seq: head.seq, head: head.hash, at: new Date(t).toISOString() });
    await fireCron('30 * * * *', t + 3_600_000);
    expect((await listCheckpoints(env, 'demo')).map((c) => c.key)).toEqual(first.map((c) => c.key));
    expect(await verifyAudit(env, 'demo')).toMatchObject({ ok: true, length: head.seq });
  });
});

describe('decisions write their D1 projection from the tenant object', () => {
  it('commits transition, audit entry and projection; concurrent decisions share the D1 write and leave nothing queued', async () => {
    const { seedBasics, call, login } = await import('../helpers/api');
    await seedBasics();
    const planner = await login('planner@demo.test');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await call('POST', '/api/actions', {
        token: planner,
        body: { kind: 'reorder', sku: 'RAM-001', quantity: 24, reason: 'projection test', confirmDuplicate: true },
      });
      ids.push(r.body.id);
    }
    const stub = stubOf('demo');
    const results = await Promise.all(
      ids.map((id) =>
        stub.decide({
          id,
          to: 'approved',
          actor: 'approver@demo.test',
          actorId: 'demo-approver',
          actorRole: 'approver',
          action: 'action.approved',
          data: {},
          project: { tenantId: 'demo', note: 'ok' },
        }),
      ),
    );
    for (const r of results) {
      expect(r.ok).toBe(true);
      if (r.ok)
        expect(r.row).toMatchObject({
          id: r.id,
          state: 'approved',
          version: r.version,
          decidedBy: 'approver@demo.test',
          decisionNote: 'ok',
        });
    }
    const d1 = await env.DB.prepare(
      `SELECT count(*) AS n FROM actions WHERE state = 'approved' AND id IN (${ids.map(() => '?').join(',')})`,
    )
      .bind(...ids)
      .first<{ n: number }>();
    expect(d1?.n).toBe(12);
    await runInDurableObject(stub, async (o: TenantObject) => {
      expect(o.projector.pending()).toBe(0);
    });
  });
});
