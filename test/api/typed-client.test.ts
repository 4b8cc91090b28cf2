// The typed client: `hc<AppType>` (hono/client) knows each route's path, input and answer from the
// route schemas. The expectTypeOf lines are checked by `npm run typecheck` (tsc over test/): change a
// field of a product or a movement in worker/api/schemas and this file stops compiling. The calls
// run against the real Worker, so the types describe what actually comes back.
import { exports } from 'cloudflare:workers';
import { hc } from 'hono/client';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { AppType } from '../../worker/api/app';
import { daysFromToday, login, seedBasics } from '../helpers/api';

const client = hc<AppType>('http://lotwise.test', {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(new Request(input, init)),
});

/** A product as GET /api/products lists it (written out by hand: it must not follow a schema change). */
interface ExpectedProduct {
  sku: string;
  name: string;
  category: string;
  caseSize: number;
  shelfLifeDays: number;
  unitCost: number;
  unitPrice: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  supplier: string;
  minRemainingShelfLifeDays: number;
  safetyStock: number | null;
  reorderPoint: number | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A movement as POST /api/movements answers it. */
interface ExpectedMovement {
  id: string;
  type: 'IN' | 'OUT' | 'MOVE' | 'ADJUST' | 'WRITE_OFF' | 'REVERSAL';
  sku: string;
  quantity: number;
  reason: string;
  /** A reason the system wrote, in Korean; null for a person's. */
  reasonKo: string | null;
  reference: string;
  reversesId: string | null;
  customerId: string | null;
  shipmentId: string | null;
  /** The poster's email, and their user id beside it. */
  createdBy: string;
  createdById: string;
  createdAt: string;
  lines: { lotId: string; warehouse: string; delta: number }[];
  reversedBy?: string | null | undefined;
}

let headers: { authorization: string };
beforeAll(async () => {
  await seedBasics();
  headers = { authorization: `Bearer ${await login('staff@demo.test')}` };
});

describe('hc<AppType>', () => {
  it('lists products with their declared fields', async () => {
    const res = await client.api.products.$get({ query: { q: 'RAM-001' } }, { headers });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const page = await res.json();
    expectTypeOf(page.items).toEqualTypeOf<ExpectedProduct[]>();
    expectTypeOf(page.total).toEqualTypeOf<number>();
    expect(page.items.map((p) => p.sku)).toEqual(['RAM-001']);
    expect(page.items[0].caseSize).toBe(12);
  });

  it('posts a movement and reads back the declared movement', async () => {
    const res = await client.api.movements.$post(
      {
        header: {},
        json: {
          type: 'IN',
          sku: 'RAM-001',
          lotId: 'TC-L1',
          warehouse: 'NJ',
          quantity: 7,
          expirationDate: daysFromToday(300),
          reason: 'typed client',
        },
      },
      { headers },
    );
    expect(res.status).toBe(201);
    if (res.status !== 201) return;
    const movement = await res.json();
    expectTypeOf(movement).toEqualTypeOf<ExpectedMovement>();
    expect(movement).toMatchObject({ type: 'IN', sku: 'RAM-001', quantity: 7, lines: [{ lotId: 'TC-L1', warehouse: 'NJ', delta: 7 }] });
    expect(movement).toMatchObject({ createdBy: 'staff@demo.test', createdById: 'demo-staff' });
  });

  it('reads a planning view: the FEFO order of a SKU, typed from its schema', async () => {
    const res = await client.api.fefo.$get({ query: { sku: 'RAM-001' } }, { headers });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const fefo = await res.json();
    expectTypeOf<(typeof fefo.ranked)[number]>().toMatchTypeOf<{ rank: number; lotId: string; expirationDate: string; reason: string }>();
    expectTypeOf<(typeof fefo.skipped)[number]['code']>().toEqualTypeOf<
      'expired' | 'quarantine' | 'not-available' | 'short-life' | 'empty'
    >();
    expectTypeOf(fefo.warehouse).toEqualTypeOf<string | null>();
    expect(fefo).toMatchObject({ sku: 'RAM-001', warehouse: null });
  });
});
