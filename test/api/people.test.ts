// People are named by their email wherever an answer or an export says who did something (an
// action's proposer and decider, a note's author, a movement's or an import's author), also for a
// person signed in through the company's identity provider, who has no user row. The user id stays
// beside it (`…ById`) for identity: nobody approves their own proposal, whatever their sign-in.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Papa from 'papaparse';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../worker/domain/dates';
import { call, PASSWORD } from '../helpers/api';
import { csv, freshTenant, importFile, rowsOf } from '../fixtures/imports/helpers';

const T = 'ppl';
const ISSUER = 'https://idp.ppl.example';
const JWKS_URL = 'https://idp.ppl.example/jwks.json';
let t: Awaited<ReturnType<typeof freshTenant>>;
let keys: CryptoKeyPair;
let jwk: JsonWebKey;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await freshTenant(T);
  keys = (await generateKeyPair('ES256', { extractable: true })) as CryptoKeyPair;
  jwk = { ...(await exportJWK(keys.publicKey)), kid: 'p1', alg: 'ES256', use: 'sig' } as JsonWebKey;
  const set = await call('PATCH', '/api/tenant', {
    token: t.admin,
    body: { oidc: { issuer: ISSUER, jwksUrl: JWKS_URL, audience: 'lotwise-ppl', roleClaim: 'lotwise_role' } },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  // Stock to move and to propose against.
  await importFile(
    t.admin,
    'inventory_lots',
    csv('lot_id,sku,warehouse,quantity_on_hand,expiration_date', `PPL-L1,KR-NDL-001,NJ1,100,${addDays(today, 200)}`),
  );
});
afterEach(() => vi.restoreAllMocks());

// The identity provider is the outside world: only its JWKS endpoint is mocked.
const mockIdp = () => {
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === JWKS_URL) return Response.json({ keys: [jwk] });
    return real(input as RequestInfo, init);
  });
};
const idpToken = (role: string, email: string, sub: string) =>
  new SignJWT({ lotwise_role: role, email })
    .setProtectedHeader({ alg: 'ES256', kid: 'p1' })
    .setIssuer(ISSUER)
    .setAudience('lotwise-ppl')
    .setSubject(sub)
    .setExpirationTime('5m')
    .sign(keys.privateKey);

const propose = async (token: string, reason: string) => {
  const r = await call('POST', '/api/actions', {
    token,
    body: { kind: 'reorder', sku: 'KR-NDL-001', quantity: 12, reason, confirmDuplicate: true },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
};
const csvRows = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

describe("an action's people", () => {
  it('are emails in the answer, the list, the detail, the notes, Ask and the CSV export; the id stays beside the proposer', async () => {
    const a = await propose(t.planner, 'Named by email.');
    expect(a).toMatchObject({ proposedBy: `planner@${T}.test`, proposedById: `${T}-planner` });
    const note = await call('POST', `/api/actions/${a.id}/notes`, { token: t.planner, body: { text: 'Supplier confirmed.' } });
    expect(note.body.author).toBe(`planner@${T}.test`);

    const list = await call('GET', '/api/actions?status=proposed&pageSize=100', { token: t.auditor });
    expect(list.body.items.find((x: { id: string }) => x.id === a.id)).toMatchObject({ proposedBy: `planner@${T}.test` });
    const ask = await call('POST', '/api/ask', { token: t.auditor, body: { question: 'Which actions are awaiting approval?' } });
    expect(ask.body.intent).toBe('pending_actions');
    expect(ask.body.rows.find((r: { id: string }) => r.id === a.id)?.proposedBy).toBe(`planner@${T}.test`);

    const approved = await call('POST', `/api/actions/${a.id}/approve`, { token: t.approver });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ proposedBy: `planner@${T}.test`, decidedBy: `approver@${T}.test` });
    const detail = (await call('GET', `/api/actions/${a.id}`, { token: t.auditor })).body;
    expect(detail).toMatchObject({ proposedBy: `planner@${T}.test`, decidedBy: `approver@${T}.test` });
    expect(detail.notes.map((n: { author: string }) => n.author)).toEqual([`planner@${T}.test`]);

    const exported = await call('GET', '/api/actions.csv', { token: t.auditor });
    const row = csvRows(exported.body).find((r) => r.id === a.id)!;
    expect(row).toMatchObject({ proposed_by: `planner@${T}.test`, decided_by: `approver@${T}.test` });
    // No user id appears where a person is named.
    expect(exported.body).not.toContain(`${T}-planner`);
  });

  it('still refuses an approval of one’s own proposal, by identity, also for a company sign-in', async () => {
    const own = await propose(t.admin, 'My own idea.');
    const refused = await call('POST', `/api/actions/${own.id}/approve`, { token: t.admin });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Nobody approves their own proposal.');
    // Sign-in answers with that identity, so a client can leave Approve off its own proposals.
    const signedIn = await call('POST', '/api/auth/login', { body: { email: `admin@${T}.test`, password: PASSWORD } });
    expect(signedIn.body.user.id).toBe(own.proposedById);

    mockIdp();
    const pat = await idpToken('admin', 'pat@ppl.example', 'u-42');
    const theirs = await propose(pat, 'Proposed through the identity provider.');
    expect(theirs).toMatchObject({ proposedBy: 'pat@ppl.example', proposedById: 'oidc:u-42' });
    expect((await call('POST', `/api/actions/${theirs.id}/approve`, { token: pat })).status).toBe(403);
    // Another person of the same provider may approve it, and is named by email too.
    const sam = await idpToken('admin', 'sam@ppl.example', 'u-43');
    const ok = await call('POST', `/api/actions/${theirs.id}/approve`, { token: sam });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ proposedBy: 'pat@ppl.example', decidedBy: 'sam@ppl.example' });
  });
});

describe("a movement's author", () => {
  it('is an email in the answer, the ledger, the detail, the reversal and the export', async () => {
    const posted = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'OUT', sku: 'KR-NDL-001', quantity: 3, reason: 'sample', lotId: 'PPL-L1' },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ createdBy: `staff@${T}.test`, createdById: `${T}-staff` });
    const ledger = await call('GET', '/api/movements?pageSize=100', { token: t.auditor });
    expect(ledger.body.items.find((m: { id: string }) => m.id === posted.body.id).createdBy).toBe(`staff@${T}.test`);
    // The ledger's search finds a movement by its author's email.
    const found = await call('GET', `/api/movements?q=${encodeURIComponent(`staff@${T}`)}`, { token: t.auditor });
    expect(found.body.items.map((m: { id: string }) => m.id)).toContain(posted.body.id);
    const reversed = await call('POST', `/api/movements/${posted.body.id}/reverse`, { token: t.admin, body: { reason: 'counted twice' } });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);
    expect(reversed.body.createdBy).toBe(`admin@${T}.test`);
    expect((await call('GET', `/api/movements/${posted.body.id}`, { token: t.auditor })).body.createdBy).toBe(`staff@${T}.test`);

    mockIdp();
    const dock = await idpToken('staff', 'dock@ppl.example', 'u-7');
    const viaIdp = await call('POST', '/api/movements', {
      token: dock,
      body: { type: 'OUT', sku: 'KR-NDL-001', quantity: 1, reason: 'sample', lotId: 'PPL-L1' },
    });
    expect(viaIdp.status, JSON.stringify(viaIdp.body)).toBe(201);
    expect(viaIdp.body).toMatchObject({ createdBy: 'dock@ppl.example', createdById: 'oidc:u-7' });

    const exported = await call('GET', '/api/export/movements.csv', { token: t.auditor });
    expect(exported.status).toBe(200);
    const byId = new Map(csvRows(exported.body).map((r) => [r.movement_id, r.created_by]));
    expect(byId.get(posted.body.id)).toBe(`staff@${T}.test`);
    expect(byId.get(reversed.body.id)).toBe(`admin@${T}.test`);
    expect(byId.get(viaIdp.body.id)).toBe('dock@ppl.example');
    // The lot import's movement names the admin who imported the file.
    const imported = csvRows(exported.body).find((r) => r.reference && r.reason.toLowerCase().includes('import'));
    expect(imported?.created_by).toBe(`admin@${T}.test`);
    expect(exported.body).not.toMatch(new RegExp(`${T}-(staff|admin)\\b`));
  });
});

describe("an import's author", () => {
  it('is an email in the history and on the status URL, with the id beside it', async () => {
    const done = await importFile(t.planner, 'customers', csv('customer_id,name', 'CUST-0100,People Mart'));
    expect(done.status).toBe('done');
    expect(done).toMatchObject({ createdBy: `planner@${T}.test`, createdById: `${T}-planner` });
    const history = await call('GET', '/api/imports?pageSize=100', { token: t.planner });
    for (const i of history.body.items) expect(i.createdBy, i.fileName).toMatch(/@/);
    // Stored so: the uploader's role still decides what the queued import may do (by id).
    const [row] = await rowsOf<{ created_by: string; created_by_id: string }>(
      'SELECT created_by, created_by_id FROM imports WHERE id = ?',
      done.id,
    );
    expect(row).toEqual({ created_by: `planner@${T}.test`, created_by_id: `${T}-planner` });
  });
});

describe("an import's uploader, known by id", () => {
  it("still decides by role what the queued file may change: a planner's file may not mark a shipment arrived, an admin's may", async () => {
    const created = await call('POST', '/api/inbound-shipments', {
      token: t.planner,
      body: { shipmentId: 'PPL-INB-1', etaDate: addDays(today, 5), status: 'in_transit', lines: [{ sku: 'KR-NDL-002', quantity: 10 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const file = (n: number) => csv('shipment_id,sku,quantity,eta_date,status', `PPL-INB-1,KR-NDL-002,${n},${addDays(today, 5)},arrived`);
    const byPlanner = await importFile(t.planner, 'inbound_shipments', file(10));
    expect(byPlanner.status).toBe('failed');
    expect(byPlanner.errors[0].message).toContain('roles that receive stock');
    const byAdmin = await importFile(t.admin, 'inbound_shipments', file(11));
    expect(byAdmin.status, JSON.stringify(byAdmin.errors)).toBe('done');
    expect(byAdmin.createdBy).toBe(`admin@${T}.test`);
  });
});

describe('records written before people were named by email', () => {
  it('name their people by email after the migration, keeping the old ids as identity', async () => {
    const db = env.DB;
    const at = new Date().toISOString();
    await db.batch([
      db
        .prepare(
          "INSERT INTO actions (id, tenant_id, kind, sku, quantity, proposed_by, stable_key, created_at, updated_at) VALUES (?, ?, 'reorder', 'KR-NDL-001', 12, ?, ?, ?, ?)",
        )
        .bind('old-a1', T, `${T}-planner`, 'manual|old-a1', at, at),
      db
        .prepare(
          "INSERT INTO actions (id, tenant_id, kind, sku, quantity, proposed_by, stable_key, created_at, updated_at) VALUES (?, ?, 'reorder', 'KR-NDL-001', 12, ?, ?, ?, ?)",
        )
        .bind('old-a2', T, `model:${T}-planner`, 'model:old-a2', at, at),
      db
        .prepare(
          "INSERT INTO movements (id, tenant_id, type, sku, quantity, created_by, created_at) VALUES (?, ?, 'ADJUST', 'KR-NDL-001', 1, ?, ?)",
        )
        .bind('old-m1', T, `${T}-staff`, at),
      db
        .prepare(
          "INSERT INTO movements (id, tenant_id, type, sku, quantity, created_by, created_at) VALUES (?, ?, 'ADJUST', 'KR-NDL-001', 1, 'seed', ?)",
        )
        .bind('old-m2', T, at),
    ]);
    // The migration's backfill, as it runs on a database that holds such records.
    const backfill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0013_people_by_email'))!.queries.filter((q) => /^UPDATE /m.test(q));
    expect(backfill.length).toBeGreaterThan(0);
    for (const q of backfill) await db.prepare(q).run();
    const actions = await rowsOf('SELECT id, proposed_by, proposed_by_id FROM actions WHERE id IN (?, ?) ORDER BY id', 'old-a1', 'old-a2');
    expect(actions).toEqual([
      { id: 'old-a1', proposed_by: `planner@${T}.test`, proposed_by_id: `${T}-planner` },
      { id: 'old-a2', proposed_by: `model:planner@${T}.test`, proposed_by_id: `model:${T}-planner` },
    ]);
    const moves = await rowsOf('SELECT id, created_by, created_by_id FROM movements WHERE id IN (?, ?) ORDER BY id', 'old-m1', 'old-m2');
    expect(moves).toEqual([
      { id: 'old-m1', created_by: `staff@${T}.test`, created_by_id: `${T}-staff` },
      { id: 'old-m2', created_by: 'seed', created_by_id: '' },
    ]);
    // Running it again changes nothing: records already written the new way keep their people.
    for (const q of backfill) await db.prepare(q).run();
    expect(await rowsOf('SELECT id, created_by, created_by_id FROM movements WHERE id IN (?, ?) ORDER BY id', 'old-m1', 'old-m2')).toEqual(
      moves,
    );
    const recent = await call('GET', '/api/movements?pageSize=100', { token: t.auditor });
    for (const m of recent.body.items) expect(m.createdBy, m.id).toMatch(/@|^seed$/);
  });
});
