import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../worker/domain/dates';
import { planTenant, type PlanInput } from '../../worker/domain/plan';
import { recommendReorder } from '../../worker/domain/reorder';
import { overdueCustomers, buyingCadence } from '../../worker/domain/cadence';
import type { DailyDemand, InboundShipment, Lot, OrderLine, Product } from '../../worker/domain/types';

// "Today" pinned to the real-world cases' date.
const TODAY = '2026-11-30';

const qaProduct = (sku: string, leadTimeDays: number, extra: Partial<Product> = {}): Product => ({
  sku,
  shelfLifeDays: 365,
  caseSize: 1,
  moq: 0,
  leadTimeDays,
  leadTimeSdDays: 0,
  unitCost: 1,
  unitPrice: 2,
  minRemainingShelfLifeDays: 0,
  ...extra,
});

const qaLot = (lotId: string, sku: string, quantity: number, expirationDate = '2027-06-01', extra: Partial<Lot> = {}): Lot => ({
  lotId,
  sku,
  warehouse: 'NJ1',
  quantityOnHand: quantity,
  receivedDate: '2026-11-20',
  expirationDate,
  unitCost: 1,
  status: 'available',
  ...extra,
});

/** `perDay` units every day from 2026-09-18 to the day before TODAY (the cases' order files). */
const steady = (sku: string, perDay: number): DailyDemand => {
  const start = '2026-09-18';
  const n = Math.round((Date.parse(TODAY) - Date.parse(start)) / 86_400_000);
  return { sku, startDate: start, values: new Array<number>(n).fill(perDay) };
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('case 07: short lead time under periodic review', () => {
  const input: PlanInput = {
    products: [qaProduct('QA-LT0', 0), qaProduct('QA-LT1', 1)],
    lots: [qaLot('QA-LT0-L1', 'QA-LT0', 5), qaLot('QA-LT1-L1', 'QA-LT1', 5)],
    inbound: [],
    demand: [steady('QA-LT0', 10), steady('QA-LT1', 10)],
  };
  const plan = planTenant(input, TODAY, { wastePaths: 50 });

  it('covers lead time + review period: reorder point ≈ 10/day × (L + 7) + safety stock, and orders', () => {
    for (const [sku, L] of [
      ['QA-LT0', 0],
      ['QA-LT1', 1],
    ] as const) {
      const r = plan.skus.find((s) => s.sku === sku)!.reorder;
      expect(r.protectionIntervalDays).toBe(L + 7);
      expect(r.meanDailyDemand).toBeCloseTo(10, 0);
      expect(r.reorderPoint).toBeCloseTo(r.meanDailyDemand * (L + 7) + r.safetyStock, 6);
      expect(r.reorderPoint).toBeGreaterThan(60);
      expect(r.action).toBe('order');
      // Up to the order-up-to level from a position of 5.
      expect(r.quantity).toBe(Math.ceil(r.orderUpTo - 5));
      // 5 units against 10/day: out of stock today, and the risk says so.
      expect(r.projectedStockoutDate).toBe(TODAY);
      expect(r.stockoutProbability).toBeGreaterThan(0.9);
      expect(plan.skus.find((s) => s.sku === sku)!.status.status).toBe('critical');
    }
  });
});

describe('case 06: fractional lead time', () => {
  const input: PlanInput = {
    products: [qaProduct('QA-LT-INT', 3), qaProduct('QA-LT-FRAC', 2.5)],
    lots: [qaLot('QA-LT-INT-L1', 'QA-LT-INT', 20), qaLot('QA-LT-FRAC-L1', 'QA-LT-FRAC', 20)],
    inbound: [],
    demand: [steady('QA-LT-INT', 10), steady('QA-LT-FRAC', 10)],
  };
  const plan = planTenant(input, TODAY, { wastePaths: 50 });

  it('plans 2.5 days as 3 whole days: valid dates, no null figures, an order before the certain stock-out', () => {
    const frac = plan.skus.find((s) => s.sku === 'QA-LT-FRAC')!;
    const int = plan.skus.find((s) => s.sku === 'QA-LT-INT')!;
    expect(frac.reorder.leadTimeDays).toBe(3);
    expect(frac.reorder.arrivalDate).toBe('2026-12-03');
    // 20 units at 10/day last today and tomorrow.
    expect(frac.reorder.projectedStockoutDate).toBe('2026-12-02');
    expect(frac.reorder.action).toBe('order');
    expect(frac.reorder.explanation).toContain('lead time 2.5 (planned as 3 whole)');
    for (const k of ['quantity', 'safetyStock', 'reorderPoint', 'orderUpTo', 'stockoutProbability', 'usableOnHand'] as const) {
      expect(Number.isFinite(frac.reorder[k]), k).toBe(true);
      expect(frac.reorder[k]).toBeCloseTo(int.reorder[k], 6);
    }
    const json = JSON.stringify(plan);
    expect(json).not.toMatch(/\d{4}-\d{2}-\d+\.\d/);
    expect(json).not.toContain('null,"flags"');
    for (const d of [frac.reorder.arrivalDate, frac.reorder.nextArrivalDate]) expect(d).toMatch(ISO);
  });

  it('refuses a day count that is not a finite number ≥ 0 with a warning, and plans the rest', () => {
    const p = planTenant({ ...input, products: [...input.products, qaProduct('QA-BAD', Number.NaN)] }, TODAY, { wastePaths: 10 });
    expect(p.skus.map((s) => s.sku)).toEqual(['QA-LT-INT', 'QA-LT-FRAC']);
    expect(p.warnings.join(' ')).toMatch(/QA-BAD: leadTimeDays must be a finite number of days/);
  });

  it('never produces a non-ISO date or a non-finite figure for any decimal lead time (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (L, sd) => {
        const r = recommendReorder({
          product: qaProduct('X', L, { leadTimeSdDays: sd, shelfLifeDays: 90.5, minRemainingShelfLifeDays: 3.2 }),
          lots: [qaLot('X-1', 'X', 40)],
          inbound: [],
          asOf: TODAY,
          demandMean: new Array<number>(120).fill(4),
          uncertainty: { dispersion: 1, levelSd: 0.1 },
          serviceLevel: 0.95,
        });
        expect(r.leadTimeDays).toBe(Math.ceil(L - 1e-9));
        for (const d of [r.arrivalDate, r.nextArrivalDate, r.projectedStockoutDate ?? TODAY]) expect(d).toMatch(ISO);
        for (const v of [r.quantity, r.safetyStock, r.reorderPoint, r.orderUpTo, r.stockoutProbability, r.expiryCap])
          expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('inbound as it really arrives', () => {
  const p = qaProduct('FRZ', 30, { shelfLifeDays: 365 });
  const base = {
    product: p,
    asOf: TODAY,
    demandMean: new Array<number>(400).fill(5),
    uncertainty: { dispersion: 1, levelSd: 0 },
    serviceLevel: 0.95,
  };
  const ship = (extra: Partial<InboundShipment>): InboundShipment => ({
    id: 'S1',
    sku: 'FRZ',
    quantity: 2000,
    etaDate: '2026-11-15',
    status: 'delayed',
    ...extra,
  });

  it('a delayed shipment past its ETA is late, arrival unknown: no stock today means out of stock today', () => {
    const r = recommendReorder({ ...base, lots: [], inbound: [ship({})] });
    expect(r.projectedStockoutDate).toBe(TODAY);
    expect(r.flags).toContain('late-inbound');
    expect(r.lateInboundUnits).toBe(2000);
    // Counted only from today + 7 days (the default late delay), the next possible arrival.
    expect(r.nextArrivalDate).toBe(addDays(TODAY, 7));
    expect(r.stockoutProbability).toBeGreaterThan(0.99);
    expect(r.explanation).toMatch(/late, arrival unknown/);
  });

  it('counts a future shipment from its ETA, never before', () => {
    // 50 units at 5/day last days 0-9; 100 more arrive on day 15: days 10-14 are short.
    const r = recommendReorder({
      ...base,
      lots: [qaLot('A', 'FRZ', 50)],
      inbound: [ship({ etaDate: addDays(TODAY, 15), status: 'in_transit' })],
    });
    expect(r.projectedStockoutDate).toBe(addDays(TODAY, 10));
    expect(r.nextArrivalDate).toBe(addDays(TODAY, 15));
  });

  it('never counts cancelled or received shipments; a partial receipt counts what is left', () => {
    const none = recommendReorder({
      ...base,
      lots: [qaLot('A', 'FRZ', 50)],
      inbound: [
        ship({ status: 'cancelled', etaDate: addDays(TODAY, 3) }),
        ship({ status: 'received', etaDate: addDays(TODAY, 3) }),
        ship({ quantityReceived: 2000, etaDate: addDays(TODAY, 3), status: 'in_transit' }),
      ],
    });
    expect(none.inboundUnits).toBe(0);
    const part = recommendReorder({
      ...base,
      lots: [qaLot('A', 'FRZ', 50)],
      inbound: [ship({ quantity: 300, quantityReceived: 120, etaDate: addDays(TODAY, 3), status: 'in_transit' })],
    });
    expect(part.inboundUnits).toBe(180);
  });

  it('in the tenant plan the SKU is critical and out of stock today', () => {
    const plan = planTenant({ products: [p], lots: [], inbound: [ship({})], demand: [steady('FRZ', 5)] }, TODAY, { wastePaths: 10 });
    const s = plan.skus[0];
    expect(s.reorder.projectedStockoutDate).toBe(TODAY);
    expect(s.status.status).toBe('critical');
    expect(plan.lateInboundDelay).toEqual({ days: 7, basis: 'default' });
  });
});

describe("customers' own shelf-life rules", () => {
  // Half the units go to STRICT (needs 30 days left), half to LOOSE (no own rule → product's 5).
  const product = qaProduct('CH', 3, { shelfLifeDays: 60, minRemainingShelfLifeDays: 5 });
  const orders: OrderLine[] = [];
  for (let d = 1; d <= 60; d++) {
    orders.push({ customerId: 'STRICT', sku: 'CH', orderDate: addDays(TODAY, -d), quantity: 5, warehouse: 'NJ1' });
    orders.push({ customerId: 'LOOSE', sku: 'CH', orderDate: addDays(TODAY, -d), quantity: 5, warehouse: 'NJ1' });
  }
  const customers = [
    { customerId: 'STRICT', minRemainingShelfLifeDays: 30, warehouse: 'NJ1' },
    { customerId: 'LOOSE', minRemainingShelfLifeDays: null, warehouse: 'NJ1' },
  ];

  it('a lot only the looser customers accept sells to their share of demand; the rest expires', () => {
    const r = recommendReorder({
      product,
      lots: [qaLot('L20', 'CH', 100, addDays(TODAY, 20))],
      inbound: [],
      asOf: TODAY,
      demandMean: new Array<number>(200).fill(10),
      uncertainty: { dispersion: 1, levelSd: 0 },
      serviceLevel: 0.95,
      segments: [
        { minRemainingDays: 5, share: 0.5, customers: ['LOOSE'] },
        { minRemainingDays: 30, share: 0.5, customers: ['STRICT'] },
      ],
    });
    // LOOSE takes 5/day while ≥ 5 days are left: days 0-15 → 80 units; 20 expire; STRICT is short from day 0.
    expect(r.usableOnHand).toBeCloseTo(80, 9);
    expect(r.expiringUnsold).toBeCloseTo(20, 9);
    expect(r.projectedStockoutDate).toBe(TODAY);
  });

  it("the plan derives the rules from who buys the SKU; below every buyer's rule a lot is a certain loss", () => {
    const plan = planTenant(
      {
        products: [product],
        lots: [
          qaLot('L3', 'CH', 40, addDays(TODAY, 3)),
          qaLot('L20', 'CH', 100, addDays(TODAY, 20)),
          qaLot('L50', 'CH', 100, addDays(TODAY, 50)),
        ],
        inbound: [],
        demand: [steady('CH', 10)],
        orders,
        customers,
      },
      TODAY,
      { wastePaths: 50 },
    );
    const w = plan.skus[0].warehouses[0];
    expect(w.shelfLifeRules.map((r) => [r.minRemainingDays, r.share])).toEqual([
      [5, 0.5],
      [30, 0.5],
    ]);
    expect(w.fefo.ranked.map((r) => r.lotId)).toEqual(['L20', 'L50']);
    const l3 = w.waste.lots.find((l) => l.lotId === 'L3')!;
    expect(l3).toMatchObject({ certainLoss: true, expectedWasteUnits: 40, probabilityOfWaste: 1, valueAtRisk: 40 });
    expect(l3.options.map((o) => o.action)).toEqual(['markdown', 'write-off']);
  });
});

describe('plans per warehouse, transfers, and totals that reconcile', () => {
  // A 14-day chilled SKU: stock only in NJ1, every customer served from CA1.
  const product = qaProduct('KIM', 3, { shelfLifeDays: 14, minRemainingShelfLifeDays: 0, unitCost: 2.5 });
  const orders: OrderLine[] = [];
  for (let d = 1; d <= 60; d++) orders.push({ customerId: 'WEST', sku: 'KIM', orderDate: addDays(TODAY, -d), quantity: 10 });
  const input: PlanInput = {
    products: [product],
    lots: [
      qaLot('NJ-A', 'KIM', 100, addDays(TODAY, 10), { unitCost: 2.5 }),
      qaLot('NJ-OLD', 'KIM', 7, addDays(TODAY, -1), { unitCost: 2.5 }),
    ],
    inbound: [],
    demand: [steady('KIM', 10)],
    orders,
    customers: [{ customerId: 'WEST', minRemainingShelfLifeDays: null, warehouse: 'CA1' }],
    warehouses: [{ code: 'CA1' }, { code: 'NJ1' }],
  };
  const plan = planTenant(input, TODAY, { wastePaths: 40 });
  const s = plan.skus[0];
  const ca1 = s.warehouses.find((w) => w.warehouse === 'CA1')!;
  const nj1 = s.warehouses.find((w) => w.warehouse === 'NJ1')!;

  it('NJ1 stock does not serve CA1 demand: CA1 is out of stock today, NJ1 wastes its stock', () => {
    expect(ca1.demandShare).toBe(1);
    expect(nj1.demandShare).toBe(0);
    expect(ca1.reorder.projectedStockoutDate).toBe(TODAY);
    expect(ca1.status.status).toBe('critical');
    expect(ca1.reorder.action).toBe('order');
    expect(nj1.reorder.action).toBe('none');
    expect(nj1.waste.lots.find((l) => l.lotId === 'NJ-A')!.expectedWasteUnits).toBe(100);
    expect(s.reorder.quantity).toBe(ca1.reorder.quantity);
  });

  it('recommends a transfer NJ1 → CA1 of what CA1 can sell before the lot expires', () => {
    // After a 2-day transfer, 8 days left; CA1 sells 10/day on days 2-9 → 80 units.
    expect(s.transfers).toEqual([
      expect.objectContaining({
        sku: 'KIM',
        lotId: 'NJ-A',
        fromWarehouse: 'NJ1',
        toWarehouse: 'CA1',
        quantity: 80,
        value: 200,
        arrivalDate: addDays(TODAY, 2),
      }),
    ]);
    expect(plan.transfers).toHaveLength(1);
  });

  it('value at risk = Σ lots (expected waste + certain loss), per bucket and per warehouse, to the cent', () => {
    const w = plan.waste;
    // NJ-A: 100 × 2.50 expected waste; NJ-OLD: 7 × 2.50 certain loss.
    expect(w.total.valueAtRisk).toBe(267.5);
    expect(w.total.certainLossValue).toBe(17.5);
    const sum = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0) / 100;
    expect(sum(Object.values(w.byBucket).map((b) => b.valueAtRisk))).toBe(w.total.valueAtRisk);
    expect(sum(Object.values(w.byWarehouse).map((b) => b.valueAtRisk))).toBe(w.total.valueAtRisk);
    expect(sum(plan.skus.flatMap((x) => x.waste.lots.map((l) => l.valueAtRisk)))).toBe(w.total.valueAtRisk);
    expect(w.byWarehouse.NJ1.valueAtRisk).toBe(267.5);
    expect(s.insights.capitalAtRisk).toBe(267.5);
  });

  it('without an order warehouse or a customer warehouse, splits demand by stock on hand', () => {
    const p = planTenant(
      {
        ...input,
        lots: [qaLot('N', 'KIM', 300, addDays(TODAY, 12)), qaLot('C', 'KIM', 100, addDays(TODAY, 12), { warehouse: 'CA1' })],
        customers: [],
      },
      TODAY,
      { wastePaths: 10 },
    );
    expect(p.skus[0].warehouses.map((w) => [w.warehouse, w.demandShare, w.demandBasis])).toEqual([
      ['CA1', 0.25, 'stock'],
      ['NJ1', 0.75, 'stock'],
    ]);
  });
});

describe('tenant-wide overdue customers', () => {
  it('lists every customer overdue on any SKU, most overdue first', () => {
    const lines: OrderLine[] = [];
    // ACME buys A weekly until 21 days ago; BETA buys B weekly until 14 days ago; GAMMA is on time.
    for (let k = 0; k < 6; k++) {
      lines.push({ customerId: 'ACME', sku: 'A', orderDate: addDays(TODAY, -21 - 7 * k), quantity: 1 });
      lines.push({ customerId: 'BETA', sku: 'B', orderDate: addDays(TODAY, -14 - 7 * k), quantity: 1 });
      lines.push({ customerId: 'GAMMA', sku: 'A', orderDate: addDays(TODAY, -1 - 7 * k), quantity: 1 });
    }
    const list = overdueCustomers(buyingCadence(lines, TODAY));
    // ACME expected 14 days ago, BETA 7 days ago (tolerance 2 days).
    expect(list.map((c) => [c.customerId, c.maxOverdueDays])).toEqual([
      ['ACME', 14],
      ['BETA', 7],
    ]);
    expect(list[0].skus[0]).toMatchObject({ sku: 'A', nextExpectedDate: addDays(TODAY, -14), medianIntervalDays: 7 });
  });
});

describe('anomalies: calendar-aware, ranked by surprise, few', () => {
  // 20 SKUs sell 50 every day for 20 weeks. On Thursday 2026-11-26 (a public holiday) customers
  // are closed and every SKU's Thursday demand moves to Friday: 0, then 100 (alone, each day is a
  // surprise of 50/√50 ≈ 7). One customer's bulk
  // line of SKU S07 on 2026-11-23 is 10× its usual 2.
  const skus = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(2, '0')}`);
  const days = 140;
  const start = addDays(TODAY, -days);
  const demand: DailyDemand[] = skus.map((sku) => {
    const values = new Array<number>(days).fill(50);
    values[days - 4] = 0; // 2026-11-26
    values[days - 3] = 100; // 2026-11-27
    return { sku, startDate: start, values };
  });
  const orders: OrderLine[] = [];
  for (let d = 1; d <= 120; d++)
    orders.push({ orderId: `O${d}`, customerId: 'C1', sku: 'S07', orderDate: addDays(TODAY, -d), quantity: 2 });
  orders.find((o) => o.orderDate === '2026-11-23')!.quantity = 20;
  demand[7].values[days - 7] += 18;
  const plan = planTenant(
    { products: skus.map((s) => qaProduct(s, 5)), lots: skus.map((s) => qaLot(`${s}-L`, s, 500)), inbound: [], demand, orders },
    TODAY,
    { wastePaths: 5 },
  );
  const all = plan.skus.flatMap((s) => s.anomalies).sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));

  it("a holiday that moves every SKU's deliveries to the next day is the calendar, not 40 anomalies", () => {
    expect(all.filter((a) => a.date === '2026-11-26' || a.date === '2026-11-27')).toEqual([]);
  });

  it('the planted bulk line ranks first', () => {
    expect(all[0]).toMatchObject({ kind: 'order-line', sku: 'S07', date: '2026-11-23', value: 20, expected: 2, customerId: 'C1' });
    // (20 − 2) / max(1.4826·MAD = 0, σ = 0, √2, 1) = 12.7
    expect(all[0].robustZ).toBeCloseTo(18 / Math.SQRT2, 6);
    // The day spike it causes is explained by the line, not listed again.
    expect(all.filter((a) => a.sku === 'S07' && a.kind === 'sales')).toEqual([]);
  });

  it('keeps at most the anomaly limit', () => {
    const many = planTenant(
      {
        products: skus.map((s) => qaProduct(s, 5)),
        lots: [],
        inbound: [],
        demand: demand.map((d, i) => ({ ...d, values: d.values.map((v, t) => (t === days - 2 - (i % 5) ? 200 : v)) })),
      },
      TODAY,
      { wastePaths: 5, anomalyLimit: 5 },
    );
    expect(many.skus.flatMap((s) => s.anomalies)).toHaveLength(5);
  });
});
