import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, type AuditEntry, type TenantObject } from '../../worker/durable-objects/tenant-object';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

const chainFor = (name: string) => env.TENANT.get(env.TENANT.idFromName(name)) as DurableObjectStub<TenantObject>;

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('audit hash chain', () => {
  it('appends a contiguous sequence where each entry links to the previous hash', async () => {
    const chain = chainFor('chain-a');
    const entries: AuditEntry[] = [];
    for (let i = 0; i < 5; i++)
      entries.push(await chain.append({ actor: 'a@x.test', action: 'test.append', subject: `s${i}`, data: { i } }));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < 5; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    const { hash, prevHash, ...body } = entries[2];
    expect(await entryHash(prevHash, body)).toBe(hash);
    expect(await chain.verify()).toEqual({ ok: true, length: 5, head: entries[4].hash, checkpoints: 0 });
  });

  it('keeps the sequence contiguous under concurrent appends', async () => {
    const chain = chainFor('chain-b');
    await Promise.all(Array.from({ length: 30 }, (_, i) => chain.append({ actor: 'x', action: 'race', subject: String(i) })));
    const list = await chain.list(0, 100);
    expect(list.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await chain.verify()).ok).toBe(true);
  });

  it('writes appends that arrive together in one transaction, each answering with its own entry', async () => {
    const chain = chainFor('chain-group');
    const groups: number[] = [];
    await runInDurableObject(chain, (o: TenantObject) => {
      const appendMany = o.chain.appendMany.bind(o.chain);
      o.chain.appendMany = (inputs) => (groups.push(inputs.length), appendMany(inputs));
    });
    const entries = await Promise.all(
      Array.from({ length: 40 }, (_, i) => chain.append({ actor: 'x', action: 'group', subject: `g${i}`, data: { i } })),
    );
    // Fewer transactions than appends: the calls delivered while the first waited joined its group.
    expect(groups.reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
    expect(Math.max(...groups)).toBeGreaterThan(1);
    entries.forEach((e, i) => expect(e).toMatchObject({ subject: `g${i}`, data: JSON.stringify({ i }) }));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(40);
    expect((await chain.verify()).ok).toBe(true);
  });

  it('fails only the append that cannot be written when it arrives with others', async () => {
    const chain = chainFor('chain-group-bad');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        // A BigInt has no JSON form: its entry cannot be hashed or stored.
        chain.append({ actor: 'x', action: 'group', subject: `b${i}`, data: i === 5 ? { n: BigInt(5) } : { i } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const list = await chain.list(0, 100);
    expect(list.map((e) => e.subject)).toEqual(Array.from({ length: 12 }, (_, i) => `b${i}`).filter((s) => s !== 'b5'));
    expect((await chain.verify()).ok).toBe(true);
  });

  it('names the first tampered entry', async () => {
    const chain = chainFor('chain-c');
    for (let i = 0; i < 6; i++) await chain.append({ actor: 'x', action: 'a', subject: String(i), data: { qty: i } });
    await runInDurableObject(chain, async (_instance, state) => {
      state.storage.sql.exec(`UPDATE audit SET data = '{"qty":999}' WHERE seq = 4`);
    });
    expect(await chain.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('names a deleted entry as the first gap', async () => {
    const chain = chainFor('chain-d');
    for (let i = 0; i < 4; i++) await chain.append({ actor: 'x', action: 'a', subject: String(i) });
    await runInDurableObject(chain, async (_instance, state) => {
      state.storage.sql.exec('DELETE FROM audit WHERE seq = 2');
    });
    expect(await chain.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
  });
});

describe('audit through the API', () => {
  beforeAll(async () => {
    await seedBasics();
    await fixtureLot('demo', 'AUD-LOT', 'RAM-001', 10, 100);
  });

  it('records movements and lets the auditor read and verify the chain, but not staff', async () => {
    const staff = await login('staff@demo.test');
    const m = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001', lotId: 'AUD-LOT', quantity: 3 } });
    expect(m.status).toBe(201);
    const auditor = await login('auditor@demo.test');
    const log = await call('GET', '/api/audit?limit=1000', { token: auditor });
    expect(log.status).toBe(200);
    const entry = log.body.items.find((e: { subject: string }) => e.subject === m.body.id);
    expect(entry).toMatchObject({ actor: 'staff@demo.test', action: 'movement.out', data: { sku: 'RAM-001', quantity: 3 } });
    expect(entry.data.lines).toEqual([{ lotId: 'AUD-LOT', warehouse: 'NJ', delta: -3 }]);
    expect((await call('GET', '/api/audit/verify', { token: auditor })).body.ok).toBe(true);
    expect((await call('GET', '/api/audit', { token: staff })).status).toBe(403);
    const acme = await login('admin@acme.test');
    const acmeLog = await call('GET', '/api/audit?limit=1000', { token: acme });
    expect(JSON.stringify(acmeLog.body.items)).not.toContain(m.body.id);
  });
});
