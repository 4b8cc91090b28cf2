// A lot keeps its printed number when part of it moves to another warehouse: the moved part's API
// id names the warehouse and SKU (`<lot>~<warehouse>~<sku>`, the number being taken), but every
// answer that names the lot to a person shows the number printed on the cases.
import { beforeAll, describe, expect, it } from 'vitest';
import { sellingProduct } from '../helpers/actions';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

let planner: string;
let staff: string;
const get = (path: string) => call('GET', path, { token: planner });

beforeAll(async () => {
  await seedBasics();
  await sellingProduct('LI-1', 0, 0, { shelfLifeDays: 120, leadTimeDays: 10, caseSize: 1, moq: 1 });
  await fixtureLot('demo', 'LI-L1', 'LI-1', 40, 20);
  [planner, staff] = await Promise.all([login('planner@demo.test'), login('staff@demo.test')]);
  const move = await call('POST', '/api/movements', {
    token: staff,
    body: { type: 'MOVE', sku: 'LI-1', lotId: 'LI-L1', toWarehouse: 'LA', quantity: 15 },
  });
  expect(move.status, JSON.stringify(move.body)).toBe(201);
  expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
});

describe('a moved lot keeps its printed number in every answer', () => {
  it('expiring stock lists both parts by their number, each with its warehouse and own id', async () => {
    const r = await get('/api/expiring?days=60&pageSize=500');
    expect(r.status).toBe(200);
    const rows = (r.body.items as { sku: string; lotId: string; id?: string; warehouse: string; quantityOnHand: number }[]).filter(
      (l) => l.sku === 'LI-1',
    );
    expect(rows.map((l) => [l.lotId, l.warehouse, l.quantityOnHand]).sort()).toEqual([
      ['LI-L1', 'LA', 15],
      ['LI-L1', 'NJ', 25],
    ]);
    expect(rows.find((l) => l.warehouse === 'LA')!.id).toBe('LI-L1~LA~LI-1');
  });

  it('the FEFO order names both parts by their number', async () => {
    const r = await get('/api/fefo?sku=LI-1');
    expect(r.status).toBe(200);
    const ranked = r.body.ranked as { lotId: string; warehouse: string }[];
    expect(ranked.map((l) => `${l.lotId} ${l.warehouse}`).sort()).toEqual(['LI-L1 LA', 'LI-L1 NJ']);
  });

  it('an action on the moved part names the lot by its number, with its warehouse', async () => {
    const proposed = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'write_off', sku: 'LI-1', lotId: 'LI-L1', warehouse: 'LA', quantity: 5, reason: 'Damaged cases in LA.' },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ lotId: 'LI-L1', warehouse: 'LA' });
    const acts = await get('/api/actions?sku=LI-1&pageSize=100');
    expect(acts.body.items.length).toBeGreaterThan(0);
    for (const x of acts.body.items as { lotId: string | null; reason: string }[]) {
      expect(x.lotId ?? '').not.toContain('~');
      expect(x.reason).not.toContain('~');
    }
    const transfers = await get('/api/transfers?pageSize=500');
    for (const t of transfers.body.items as { lotId: string }[]) expect(t.lotId).not.toContain('~');
  });
});
