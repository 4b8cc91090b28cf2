// Planning truth on a small hand-computed tenant, through the API: certain losses priced, a late
// shipment that does not hide a stock-out, per-warehouse plans and transfers, totals that
// reconcile to the cent, the tenant-wide overdue list, and OUT movements that stay in one warehouse.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { customers, inboundShipments, lots, orderLines, products, tenants, users, warehouses } from '../../worker/data/schema';
import { hashPassword } from '../../worker/lib/password';
import { call, daysFromToday, login, PASSWORD } from '../helpers/api';

const T = 'truth';
let planner: string;
const today = daysFromToday(0);

beforeAll(async () => {
  const db = createDb(env);
  await db.insert(tenants).values({ id: T, name: 'Truth' }).onConflictDoNothing();
  const passwordHash = await hashPassword(PASSWORD);
  await db
    .insert(users)
    .values(
      ['planner', 'staff'].map((role) => ({
        id: `${T}-${role}`,
        tenantId: T,
        email: `${role}@${T}.test`,
        role: role as 'planner',
        passwordHash,
      })),
    )
    .onConflictDoNothing();
  await db.insert(warehouses).values([
    { tenantId: T, code: 'CA1', name: 'City of Industry', region: 'West' },
    { tenantId: T, code: 'NJ1', name: 'Edison', region: 'Northeast' },
  ]);
  const product = (sku: string, extra: Partial<typeof products.$inferInsert>) => ({
    tenantId: T,
    sku,
    name: sku,
    shelfLifeDays: 365,
    caseSize: 1,
    moq: 0,
    leadTimeDays: 30,
    leadTimeSdDays: 0,
    unitCost: 2,
    unitPrice: 4,
    ...extra,
  });
  await db.insert(products).values([
    product('FRZ', { unitCost: 3 }),
    product('SAU', { minRemainingShelfLifeDays: 60 }),
    product('KIM', { shelfLifeDays: 14, leadTimeDays: 3, unitCost: 2.5 }),
    // Sold from both warehouses, a few days of stock in each: one SKU, two warehouses running out.
    product('TWO', { leadTimeDays: 20 }),
  ]);
  await db.insert(customers).values([
    { tenantId: T, customerId: 'C1', name: 'East grocer', warehouse: 'NJ1' },
    { tenantId: T, customerId: 'C2', name: 'West grocer', warehouse: 'CA1' },
    { tenantId: T, customerId: 'C3', name: 'Weekly buyer', warehouse: 'NJ1' },
    { tenantId: T, customerId: 'OUTLET', name: 'Outlet', minRemainingShelfLifeDays: 3 },
  ]);
  const lot = (lotId: string, sku: string, warehouse: string, qty: number, expiresIn: number, unitCost: number) => ({
    tenantId: T,
    id: lotId,
    lotId,
    sku,
    warehouse,
    quantityOnHand: qty,
    receivedDate: daysFromToday(-20),
    expirationDate: daysFromToday(expiresIn),
    unitCost,
  });
  await db
    .insert(lots)
    .values([
      lot('S-SHORT', 'SAU', 'NJ1', 88, 5, 2),
      lot('S-OK', 'SAU', 'NJ1', 500, 200, 2),
      lot('K-NJ', 'KIM', 'NJ1', 100, 10, 2.5),
      lot('T-NJ', 'TWO', 'NJ1', 20, 200, 2),
      lot('T-CA', 'TWO', 'CA1', 20, 200, 2),
    ]);
  await db.insert(inboundShipments).values([
    { tenantId: T, shipmentId: 'LATE', sku: 'FRZ', quantity: 500, etaDate: daysFromToday(-10), status: 'delayed', warehouse: 'NJ1' },
    { tenantId: T, shipmentId: 'GONE', sku: 'FRZ', quantity: 999, etaDate: daysFromToday(3), status: 'cancelled', warehouse: 'NJ1' },
    {
      tenantId: T,
      shipmentId: 'DONE',
      sku: 'FRZ',
      quantity: 100,
      quantityReceived: 100,
      etaDate: daysFromToday(2),
      status: 'arrived',
      warehouse: 'NJ1',
    },
  ]);
  const lines: (typeof orderLines.$inferInsert)[] = [];
  for (let d = 1; d <= 60; d++) {
    const orderDate = daysFromToday(-d);
    lines.push({ tenantId: T, orderId: `E${d}`, sku: 'FRZ', customerId: 'C1', orderDate, quantity: 5, status: 'shipped' });
    lines.push({ tenantId: T, orderId: `E${d}`, line: 2, sku: 'SAU', customerId: 'C1', orderDate, quantity: 5, status: 'shipped' });
    lines.push({ tenantId: T, orderId: `W${d}`, sku: 'KIM', customerId: 'C2', orderDate, quantity: 10, status: 'shipped' });
    lines.push({ tenantId: T, orderId: `E${d}`, line: 3, sku: 'TWO', customerId: 'C1', orderDate, quantity: 4, status: 'shipped' });
    lines.push({ tenantId: T, orderId: `W${d}`, line: 2, sku: 'TWO', customerId: 'C2', orderDate, quantity: 4, status: 'shipped' });
  }
  // C3 bought SAU every 7 days until 21 days ago.
  for (let k = 0; k < 6; k++)
    lines.push({
      tenantId: T,
      orderId: `C3-${k}`,
      sku: 'SAU',
      customerId: 'C3',
      orderDate: daysFromToday(-21 - 7 * k),
      quantity: 1,
      status: 'shipped',
    });
  for (let i = 0; i < lines.length; i += 10) await db.insert(orderLines).values(lines.slice(i, i + 10));
  planner = await login(`planner@${T}.test`);
  const r = await call('POST', '/api/plan/refresh', { token: planner });
  expect(r.status).toBe(200);
});

describe('planning truth (API)', () => {
  it("the dashboard's stock-outs count SKUs, as /api/stockouts lists them, not SKU–warehouse pairs", async () => {
    const list = await call('GET', '/api/stockouts?days=30&pageSize=500', { token: planner });
    const two = list.body.items.find((x: { sku: string }) => x.sku === 'TWO');
    expect(two.warehouses.map((w: { warehouse: string }) => w.warehouse).sort()).toEqual(['CA1', 'NJ1']);
    const dash = await call('GET', '/api/dashboard', { token: planner });
    expect(dash.body.kpis.projectedStockouts).toBe(list.body.total);
  });

  it('a SKU with no stock and only a late shipment is out of stock today', async () => {
    const r = await call('GET', '/api/stockouts?days=30', { token: planner });
    const frz = r.body.items.find((x: { sku: string }) => x.sku === 'FRZ');
    expect(frz).toMatchObject({ projectedStockoutDate: today, status: 'critical', usableOnHand: 0 });
    expect(frz.stockoutProbability).toBeGreaterThan(0.99);
    // The late 500 count only from today + 7; the cancelled and the received shipments never.
    expect(frz.inboundUnits).toBe(500);
    expect(frz.nextArrivalDate).toBe(daysFromToday(7));
  });

  it('prices short-dated stock as a certain loss with its options; no sellable lot is unpriced', async () => {
    const r = await call('GET', '/api/expiring?days=30', { token: planner });
    const short = r.body.items.find((x: { lotId: string }) => x.lotId === 'S-SHORT');
    expect(short).toMatchObject({ certainLoss: true, expectedWasteUnits: 88, probabilityOfWaste: 1, valueAtRisk: 176 });
    expect(short.options.map((o: { action: string }) => o.action)).toEqual(['markdown', 'sell-to-customer', 'write-off']);
    expect(short.options[1].customers).toEqual(['OUTLET']);
    // Each option says what to do in Korean too, through the stored plan.
    expect(short.options.map((o: { detailKo: string }) => o.detailKo)).toEqual([
      expect.stringMatching(/유통기한 요건이 없는 구매처에 할인 판매$/),
      expect.stringMatching(/^고객 1곳이 잔여 유통기한 \d+일을 받아들임$/),
      '로트 폐기(처분 또는 기부)',
    ]);
    for (const l of r.body.items) expect(l.valueAtRisk, l.lotId).not.toBeNull();
    const sum = r.body.items.reduce((a: number, l: { valueAtRisk: number }) => a + Math.round(l.valueAtRisk * 100), 0) / 100;
    expect(r.body.totals.valueAtRisk).toBe(sum);
    expect(r.body.totals.certainLossValue).toBe(176);
  });

  it('plan totals reconcile: value at risk = Σ lots = Σ buckets = Σ warehouses, to the cent', async () => {
    const plan = (await call('GET', '/api/plan', { token: planner })).body;
    const all = (await call('GET', '/api/expiring?days=730&pageSize=100', { token: planner })).body;
    const w = plan.waste;
    const cents = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0) / 100;
    expect(cents(Object.values(w.byBucket).map((b) => (b as { valueAtRisk: number }).valueAtRisk))).toBe(w.total.valueAtRisk);
    expect(cents(Object.values(w.byWarehouse).map((b) => (b as { valueAtRisk: number }).valueAtRisk))).toBe(w.total.valueAtRisk);
    expect(all.totals.valueAtRisk).toBe(w.total.valueAtRisk);
    // K-NJ: no demand in NJ1 → all 100 × 2.50 expected to waste; S-SHORT certain 176.
    expect(w.byWarehouse.NJ1.valueAtRisk).toBeGreaterThanOrEqual(426);
    expect(w.total.certainLossValue).toBe(176);
  });

  it('plans per warehouse and recommends the transfer NJ1 → CA1', async () => {
    const t = await call('GET', '/api/transfers', { token: planner });
    expect(t.body.items).toEqual([
      expect.objectContaining({ sku: 'KIM', lotId: 'K-NJ', fromWarehouse: 'NJ1', toWarehouse: 'CA1', quantity: 80, value: 200 }),
    ]);
    const r = await call('GET', '/api/reorders?level=warehouse&action=all&pageSize=50', { token: planner });
    const kim = r.body.items.filter((x: { sku: string }) => x.sku === 'KIM');
    expect(kim.map((x: { warehouse: string; action: string }) => [x.warehouse, x.action])).toEqual([
      ['CA1', 'order'],
      ['NJ1', 'none'],
    ]);
  });

  it("ranks FEFO under a customer's own shelf-life rule", async () => {
    const product = await call('GET', '/api/fefo?sku=SAU', { token: planner });
    expect(product.body.ranked.map((x: { lotId: string }) => x.lotId)).toEqual(['S-OK']);
    const outlet = await call('GET', '/api/fefo?sku=SAU&customerId=OUTLET', { token: planner });
    expect(outlet.body.minRemainingDays).toBe(3);
    expect(outlet.body.ranked.map((x: { lotId: string }) => x.lotId)).toEqual(['S-SHORT', 'S-OK']);
  });

  it('lists customers overdue on their cadence tenant-wide', async () => {
    const r = await call('GET', '/api/overdue-customers', { token: planner });
    expect(r.body.items).toEqual([expect.objectContaining({ customerId: 'C3', maxOverdueDays: 14 })]);
  });

  it("an OUT without a warehouse ships from the customer's warehouse, and is refused when the SKU is in several", async () => {
    const db = createDb(env);
    await db.insert(lots).values([
      {
        tenantId: T,
        id: 'K-CA',
        lotId: 'K-CA',
        sku: 'KIM',
        warehouse: 'CA1',
        quantityOnHand: 30,
        receivedDate: daysFromToday(-2),
        expirationDate: daysFromToday(12),
        unitCost: 2.5,
      },
    ]);
    const staff = await login(`staff@${T}.test`);
    const refused = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM', quantity: 5 } });
    expect(refused.status).toBe(422);
    const ok = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM', quantity: 5, customerId: 'C2' } });
    expect(ok.status).toBe(201);
    expect(ok.body.lines).toEqual([expect.objectContaining({ lotId: 'K-CA', warehouse: 'CA1', delta: -5 })]);
  });
});
