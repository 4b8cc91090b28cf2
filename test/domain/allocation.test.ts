import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circularMoves, overCommittedLots, planCandidates } from '../../bench/lib/plan-checks';
import { planInputFrom } from '../../bench/lib/refresh-input';
import { generateTenant } from '../../sample_data/generator';
import { allocateSku, markdownRemainder, type AllocationSide } from '../../worker/domain/allocation';
import { addDays } from '../../worker/domain/dates';
import { roundOrder } from '../../worker/domain/order-rounding';
import { planTenant } from '../../worker/domain/plan';
import type { ReorderRecommendation } from '../../worker/domain/reorder';
import type { LotWasteRisk } from '../../worker/domain/waste';
import { AS_OF, lot, product } from './helpers';

function reorder(warehouse: string, x: Partial<ReorderRecommendation> = {}): ReorderRecommendation {
  return {
    sku: 'S',
    warehouse,
    action: 'none',
    quantity: 0,
    cases: 0,
    rawQuantity: 0,
    expiryCap: 10_000,
    safetyStock: 0,
    reorderPoint: 0,
    orderUpTo: 0,
    serviceLevel: 0.95,
    z: 1.64,
    leadTimeDays: 7,
    reviewPeriodDays: 7,
    protectionIntervalDays: 14,
    meanDailyDemand: 0,
    sdDailyDemand: 0,
    usableOnHand: 0,
    expiringUnsold: 0,
    inboundUnits: 0,
    lateInboundUnits: 0,
    inventoryPosition: 0,
    arrivalDate: addDays(AS_OF, 7),
    nextArrivalDate: addDays(AS_OF, 7),
    stockoutProbability: 0,
    projectedStockoutDate: null,
    flags: [],
    explanation: 'base.',
    explanationKo: '기본.',
    ...x,
  };
}

/** A warehouse that needs `raw` units over its protection interval (order-up-to 100, no rounding). */
function needing(warehouse: string, raw: number, d: number, stockout: string, x: Partial<ReorderRecommendation> = {}) {
  return reorder(warehouse, {
    action: 'order',
    quantity: raw,
    cases: raw,
    rawQuantity: raw,
    reorderPoint: 100,
    orderUpTo: 100,
    inventoryPosition: 100 - raw,
    meanDailyDemand: d,
    projectedStockoutDate: stockout,
    ...x,
  });
}

function wlot(
  warehouse: string,
  lotId: string,
  quantity: number,
  waste: number,
  daysToExpiry: number,
  x: Partial<LotWasteRisk> = {},
): LotWasteRisk {
  return {
    lotId,
    warehouse,
    quantity,
    expirationDate: addDays(AS_OF, daysToExpiry),
    sellByDate: addDays(AS_OF, daysToExpiry - 1),
    daysToExpiry,
    expiryBucket: 'within-30',
    expectedWasteUnits: waste,
    probabilityOfWaste: waste > 0 ? 0.9 : 0,
    valueAtRisk: waste * 2,
    certainLoss: false,
    reason: '',
    options: [],
    ...x,
  };
}

function side(warehouse: string, r: ReorderRecommendation, lots: LotWasteRisk[] = []): AllocationSide {
  return {
    warehouse,
    reorder: r,
    waste: { sku: 'S', expectedWasteUnits: 0, probabilityAnyWaste: 0, valueAtRisk: 0, unsellableUnits: 0, unsellableValue: 0, lots },
    segments: [{ minRemainingDays: 0, share: 1, customers: [] }],
    unitCost: () => 2,
  };
}

const ONE = { caseSize: 1, moq: 1 };
const run = (sides: AllocationSide[], product = ONE) => allocateSku({ sku: 'S', sides, asOf: AS_OF, transferLeadTimeDays: 2, product });

describe('one allocation per SKU', () => {
  it('moves a SKU one way only: two short warehouses with wasting lots do not swap them', () => {
    // A runs out first and takes B's lot; B then has sent stock and receives none (the old
    // per-receiver loop also sent A's lot to B: a circular pair).
    const a = side('A', needing('A', 50, 10, addDays(AS_OF, 3), { expiringUnsold: 30 }), [wlot('A', 'A1', 30, 30, 20)]);
    const b = side('B', needing('B', 60, 10, addDays(AS_OF, 8), { expiringUnsold: 40 }), [wlot('B', 'B1', 40, 40, 30)]);
    const out = run([a, b]);
    expect(out.transfers.map((t) => [t.lotId, t.fromWarehouse, t.toWarehouse, t.quantity])).toEqual([['B1', 'B', 'A', 40]]);
    // A's own wasting lot stays for a markdown, whole.
    const a1 = out.sides[0].waste.lots[0];
    expect(a1.transferUnits).toBeUndefined();
    expect(markdownRemainder(a1)).toEqual({ quantity: 30, wasteUnits: 30, transferred: 0 });
  });

  it("commits a lot's units once across receivers, and a markdown only takes the rest", () => {
    // B1: 40 on hand, 25.6 expected to waste → at most 25 whole units move; A takes 20, C the last 5.
    const a = side('A', needing('A', 20, 10, addDays(AS_OF, 3)));
    const c = side('C', needing('C', 20, 10, addDays(AS_OF, 4)));
    const b = side('B', reorder('B'), [wlot('B', 'B1', 40, 25.6, 30), wlot('B', 'B2', 50, 30, 40)]);
    const out = run([a, b, c]);
    expect(out.transfers.map((t) => [t.lotId, t.toWarehouse, t.quantity, t.senderWasteUnits])).toEqual([
      ['B1', 'A', 20, 25],
      ['B1', 'C', 5, 5],
      ['B2', 'C', 15, 30],
    ]);
    const [b1, b2] = out.sides[1].waste.lots;
    expect(b1.transferUnits).toBe(25);
    expect(markdownRemainder(b1)).toEqual({ quantity: 15, wasteUnits: expect.closeTo(0.6, 9), transferred: 25 });
    expect(markdownRemainder(b2)).toEqual({ quantity: 35, wasteUnits: 15, transferred: 15 });
  });

  it("nets the receiver's order by what it receives", () => {
    // A needs 50 (position 50, order-up-to 100); B (no demand) wastes 40 of lot B1 → A orders only 10.
    const out = run([
      side('A', needing('A', 50, 10, addDays(AS_OF, 3))),
      side('B', reorder('B', { expiringUnsold: 40 }), [wlot('B', 'B1', 40, 40, 30)]),
    ]);
    expect(out.transfers.map((t) => t.quantity)).toEqual([40]);
    const r = out.sides[0].reorder;
    expect(r).toMatchObject({
      action: 'order',
      quantity: 10,
      rawQuantity: 10,
      inventoryPosition: 90,
      transferInUnits: 40,
      expiryCap: 10_000 - 40,
    });
    expect(r.explanation).toContain('Transfers bring 40 units, so the order covers only the rest: 10 units instead of 50.');
    expect(r.explanationKo).toContain('이동으로 40개가 들어오므로 주문은 나머지만 채웁니다: 50개 대신 10개.');
    expect(out.sides[1].reorder).toBe(out.sides[1].reorder); // the sender's order is untouched
    expect(out.sides[1].reorder.action).toBe('none');
  });

  it('rounds the netted order to case pack and MOQ again', () => {
    // Case 12, MOQ 24: A needs 50 → 60 before; B1 gives 2 cases (24 of its 30 waste) → 26 left → 36.
    const a = side('A', needing('A', 50, 10, addDays(AS_OF, 3), { quantity: 60, cases: 5 }));
    const out = run([a, side('B', reorder('B', { expiringUnsold: 30 }), [wlot('B', 'B1', 30, 30, 30)])], { caseSize: 12, moq: 24 });
    expect(out.transfers.map((t) => t.quantity)).toEqual([24]);
    expect(out.sides[0].reorder).toMatchObject({ action: 'order', rawQuantity: 26, quantity: 36, cases: 3 });
  });

  it('the sender keeps what it needs over lead time + review period', () => {
    // B: position 120, reorder point 100, 10 units expected to expire unsold, 60 of lot B1 at risk
    // (simulated): it may send the 10 plus 19 of what it could sell, staying above 100.
    const b = side(
      'B',
      reorder('B', { meanDailyDemand: 5, inventoryPosition: 120, reorderPoint: 100, orderUpTo: 100, expiringUnsold: 10 }),
      [wlot('B', 'B1', 80, 60, 30)],
    );
    const out = run([side('A', needing('A', 80, 10, addDays(AS_OF, 3))), b]);
    expect(out.transfers.map((t) => t.quantity)).toEqual([29]);
    expect(out.sides[1].reorder).toMatchObject({ action: 'none', rawQuantity: 0, inventoryPosition: 101, transferOutUnits: 19 });
    // A sender that already orders only sends what it expects to waste anyway.
    const ordering = side('B', needing('B', 10, 5, addDays(AS_OF, 20), { expiringUnsold: 7 }), [wlot('B', 'B1', 80, 60, 30)]);
    expect(run([side('A', needing('A', 80, 10, addDays(AS_OF, 3))), ordering]).transfers.map((t) => t.quantity)).toEqual([7]);
  });

  it("sends FEFO only what the receiver's buyers can take before expiry, after its own older stock", () => {
    // A sells 10/day, buyers need 5 days left; its own lot A0 (30 units, expires day 8) sells first.
    // B1 expires day 12: sell-by day 7 → demand up to then 80, less A0's 30 → 50; arriving day 2 → ≤ 60.
    const a = side('A', needing('A', 90, 10, addDays(AS_OF, 3)), [wlot('A', 'A0', 30, 0, 8)]);
    a.segments = [{ minRemainingDays: 5, share: 1, customers: [] }];
    const b = side('B', reorder('B', { expiringUnsold: 200 }), [
      wlot('B', 'B2', 100, 100, 40),
      wlot('B', 'B1', 100, 100, 12),
      wlot('B', 'B0', 100, 100, 6),
    ]);
    const out = run([a, b]);
    // B0 cannot arrive with 5 days left; B1 first (FEFO), then B2 for the rest of the need.
    expect(out.transfers.map((t) => [t.lotId, t.quantity])).toEqual([
      ['B1', 50],
      ['B2', 40],
    ]);
  });
});

describe('allocation invariants on random networks', () => {
  const warehouses = ['A', 'B', 'C', 'D'];
  const sideArb = (w: string) =>
    fc
      .record({
        d: fc.integer({ min: 0, max: 20 }),
        pos: fc.integer({ min: 0, max: 300 }),
        rop: fc.integer({ min: 0, max: 200 }),
        extra: fc.integer({ min: 0, max: 50 }),
        unsold: fc.integer({ min: 0, max: 60 }),
        stockout: fc.integer({ min: 0, max: 40 }),
        rule: fc.integer({ min: 0, max: 10 }),
        lots: fc.array(
          fc.record({
            qty: fc.integer({ min: 0, max: 120 }),
            waste: fc.double({ min: 0, max: 1, noNaN: true }),
            exp: fc.integer({ min: -3, max: 60 }),
            certain: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
      })
      .map((x): AllocationSide => {
        const upTo = x.rop + x.extra;
        const raw = x.pos <= x.rop && x.d > 0 ? upTo - x.pos : 0;
        const s = side(
          w,
          reorder(w, {
            meanDailyDemand: x.d,
            inventoryPosition: x.pos,
            reorderPoint: x.rop,
            orderUpTo: upTo,
            rawQuantity: raw,
            action: raw > 0 ? 'order' : 'none',
            quantity: raw,
            expiringUnsold: x.unsold,
            expiryCap: 500,
            projectedStockoutDate: raw > 0 ? addDays(AS_OF, x.stockout) : null,
          }),
          x.lots.map((l, i) => wlot(w, `${w}${i}`, l.qty, l.certain ? l.qty : l.qty * l.waste, l.exp, { certainLoss: l.certain })),
        );
        s.segments = [{ minRemainingDays: x.rule, share: 1, customers: [] }];
        return s;
      });
  const networkArb = fc.integer({ min: 2, max: 4 }).chain((n) => fc.tuple(...warehouses.slice(0, n).map(sideArb)));
  const productArb = fc.record({ caseSize: fc.constantFrom(1, 6, 12), moq: fc.constantFrom(0, 12, 48) });

  it('never moves both ways, never commits a lot past its units, and keeps every position consistent', () => {
    fc.assert(
      fc.property(networkArb, productArb, (sides, product) => {
        const out = allocateSku({ sku: 'S', sides, asOf: AS_OF, transferLeadTimeDays: 2, product });
        const senders = new Set(out.transfers.map((t) => t.fromWarehouse));
        const receivers = new Set(out.transfers.map((t) => t.toWarehouse));
        for (const w of senders) expect(receivers.has(w)).toBe(false);
        const moved = new Map<string, number>();
        for (const t of out.transfers) {
          expect(t.quantity % product.caseSize).toBe(0);
          moved.set(`${t.fromWarehouse}|${t.lotId}`, (moved.get(`${t.fromWarehouse}|${t.lotId}`) ?? 0) + t.quantity);
        }
        sides.forEach((s, i) => {
          const after = out.sides[i];
          for (const l of after.waste.lots) {
            const m = moved.get(`${l.warehouse}|${l.lotId}`) ?? 0;
            expect(l.transferUnits ?? 0).toBe(m);
            expect(m).toBeLessThanOrEqual(Math.floor(l.expectedWasteUnits + 1e-9));
            const rest = markdownRemainder(l);
            expect(m + rest.quantity).toBe(l.quantity);
          }
          const inUnits = out.transfers.filter((t) => t.toWarehouse === s.warehouse).reduce((a, t) => a + t.quantity, 0);
          const r0 = s.reorder;
          const r = after.reorder;
          expect(r.transferInUnits ?? 0).toBe(inUnits);
          expect(r.inventoryPosition).toBeCloseTo(r0.inventoryPosition + inUnits - (r.transferOutUnits ?? 0), 9);
          if (r === r0) return;
          const raw = r.inventoryPosition <= r.reorderPoint && r.meanDailyDemand > 0 ? Math.max(0, r.orderUpTo - r.inventoryPosition) : 0;
          expect(r.rawQuantity).toBeCloseTo(raw, 9);
          expect(r.quantity).toBe(roundOrder(raw, r.expiryCap, product, []).quantity);
          // Receivers order no more than before; senders are never pushed into an order.
          if (inUnits > 0) expect(r.rawQuantity).toBeLessThanOrEqual(r0.rawQuantity);
          if (senders.has(s.warehouse) && r0.rawQuantity === 0) expect(r.rawQuantity).toBe(0);
          if (senders.has(s.warehouse)) expect(r.rawQuantity).toBeCloseTo(r0.rawQuantity, 9);
        });
      }),
      { numRuns: 300, seed: 30 },
    );
  });
});

describe("the demo tenant's plan contradicts itself nowhere", () => {
  const asOf = '2026-12-03';
  const input = planInputFrom(generateTenant({ seed: 20261121, anchorDate: asOf, profile: 'demo' }), asOf);
  const plan = planTenant(input, asOf);

  it('moves no SKU both ways and asks no lot for more than it holds across transfers, markdowns and sales', () => {
    expect(circularMoves(plan)).toEqual([]);
    const candidates = planCandidates(input, plan);
    expect(overCommittedLots(input, candidates)).toEqual([]);
    expect(candidates.some((c) => c.kind === 'markdown')).toBe(true);
  });

  it("gives each transfer its SKU's forecast confidence, not a fixed level", () => {
    const transfers = planCandidates(input, plan).filter((c) => c.kind === 'transfer');
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers) expect(t.confidence).toBe(plan.skus.find((s) => s.sku === t.sku)!.forecast.confidence!.level);
    expect(new Set(plan.skus.filter((s) => s.transfers.length).map((s) => s.forecast.confidence!.level)).size).toBeGreaterThan(0);
  });

  it('orders each receiving warehouse net of what it receives', () => {
    for (const s of plan.skus) {
      for (const w of s.warehouses) {
        const received = s.transfers.filter((t) => t.toWarehouse === w.warehouse).reduce((a, t) => a + t.quantity, 0);
        expect(w.reorder.transferInUnits ?? 0).toBe(received);
        // The account never contradicts the order: no "240 units instead of 240", and an order the
        // transfers changed leads with its net quantity.
        expect(w.reorder.explanation).not.toMatch(/(\d[\d,]*) units instead of \1\./);
        expect(w.reorder.explanationKo ?? '').not.toMatch(/(\d[\d,]*)개 대신 \1개/);
        if (received > 0 && w.reorder.action === 'order' && w.reorder.explanation.includes('Before the transfers'))
          expect(w.reorder.explanation.startsWith('Transfers bring')).toBe(true);
        if (received > 0) expect(w.reorder.explanation).toContain(`Transfers bring ${received.toLocaleString('en-US')} units`);
      }
      expect(s.reorder.quantity).toBe(s.warehouses.reduce((a, w) => a + w.reorder.quantity, 0));
    }
  });
});

describe('sales of short-dated stock commit only what the lot holds in its warehouse', () => {
  it('a lot number in two warehouses (after a move) is sold for the units where it is short-dated', () => {
    // L1: 10 units in NJ1 with 10 days left (below the product's 20), 500 fresh units in CA1. The
    // outlet accepts 3 days: the sale is for NJ1's 10 units, not for the 500 of the same lot number.
    const lots = [lot('L1', 10, 10, { warehouse: 'NJ1' }), lot('L1', 100, 500, { warehouse: 'CA1' })];
    const input = {
      products: [product()],
      lots,
      inbound: [],
      demand: [],
      customers: [{ customerId: 'OUTLET', minRemainingShelfLifeDays: 3, warehouse: 'NJ1' }],
      warehouses: [{ code: 'CA1' }, { code: 'NJ1' }],
    };
    const candidates = planCandidates(input, planTenant(input, AS_OF, { wastePaths: 20 }));
    const sale = candidates.find((c) => c.kind === 'sell');
    expect(sale).toMatchObject({ warehouse: 'NJ1', lotId: 'L1', quantity: 10, customerId: 'OUTLET' });
  });
});

describe('a lot no customer takes before it expires', () => {
  const input = (outletRule: number) => ({
    products: [product()],
    // 6 days left: below the product's 20-day rule in both warehouses.
    lots: [lot('L1', 6, 40, { warehouse: 'NJ1' }), lot('L2', 100, 500, { warehouse: 'NJ1' })],
    inbound: [],
    demand: [],
    customers: [{ customerId: 'OUTLET', minRemainingShelfLifeDays: outletRule, warehouse: 'CA1' }],
    warehouses: [{ code: 'CA1' }, { code: 'NJ1' }],
  });

  it('is written off as a certain loss, once, with the rule it misses', () => {
    const i = input(10);
    const candidates = planCandidates(i, planTenant(i, AS_OF, { wastePaths: 20 }));
    const offs = candidates.filter((c) => c.lotId === 'L1' && c.kind === 'write_off');
    expect(offs).toHaveLength(1);
    expect(offs[0]).toMatchObject({ warehouse: 'NJ1', quantity: 40, confidence: 'high', validUntil: addDays(AS_OF, 6) });
    expect(offs[0].reason).toMatch(/No customer takes it/);
    expect(offs[0].reasonKo).toMatch(/받을 고객이 없습니다/);
    expect(candidates.filter((c) => c.lotId === 'L1' && c.kind !== 'write_off')).toEqual([]);
    expect(candidates.some((c) => c.lotId === 'L2' && c.kind === 'write_off')).toBe(false);
  });

  it('is sold instead when a customer accepts its days left', () => {
    const i = input(3);
    const candidates = planCandidates(i, planTenant(i, AS_OF, { wastePaths: 20 }));
    expect(candidates.filter((c) => c.lotId === 'L1').map((c) => c.kind)).toEqual(['sell']);
  });
});
