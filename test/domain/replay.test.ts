import { describe, expect, it } from 'vitest';
import { toDay } from '../../worker/domain/dates';
import { runReplay } from '../../worker/domain/replay/replay';
import { buildCells, simulateCell } from '../../worker/domain/replay/simulate';
import { lotwisePolicy } from '../../worker/domain/replay/lotwise';
import { minMaxPolicy, naivePolicy } from '../../worker/domain/replay/rules';
import { knownUncertainty, oraclePolicy, type KnownDemand } from '../../worker/domain/replay/oracle';
import type { PolicyMetrics, ReplayInput, ReplayLine, ReplayPolicy } from '../../worker/domain/replay/types';
import { createRng } from '../../worker/domain/random';
import { countInverse } from '../../worker/domain/forecast/quantiles';
import type { Product } from '../../worker/domain/types';

const S = toDay('2025-03-03');

function prod(sku: string, extra: Partial<Product>): Product {
  return {
    sku,
    shelfLifeDays: 10,
    caseSize: 1,
    moq: 0,
    leadTimeDays: 2,
    leadTimeSdDays: 0,
    unitCost: 1,
    unitPrice: 2,
    minRemainingShelfLifeDays: 0,
    ...extra,
  };
}

/** Orders a fixed quantity per SKU at every review. */
function fixedPolicy(qty: Record<string, number>): ReplayPolicy {
  return { name: 'fixed', orderQuantity: (v) => qty[v.product.sku] ?? 0 };
}

function history(sku: string, warehouse: string, perDay: number, minRemainingDays = 0): ReplayLine[] {
  return Array.from({ length: 90 }, (_, i) => ({ day: S - 90 + i, sku, warehouse, quantity: perDay, minRemainingDays }));
}

/**
 * Three SKUs over 14 days (S … S+13), review every 7 days, lead time exactly 2 days.
 * A (shelf life 10, cost 2): history 1/day → initial lot 1·min(2+7, 10) = 9 expiring S+10;
 *   orders 5 on S and S+7 (arrive S+2, S+9, expiring S+12, S+19); demand 3 (S), 4 (S+4),
 *   12 (S+11). The 2 units left of the first lot expire on S+10; on S+11 only 10 can ship.
 * B (shelf life 10, customers need 4 days left, cost 1): history 2/day → initial
 *   2·min(9, 10−4) = 12 expiring S+10; no orders; demand 5 (S+3) ships; 5 (S+7) cannot (3 days
 *   left); 7 expire on S+10.
 * C (warehouse W2, shelf life 30): history 1/day → initial 9; orders 3 on S and S+7; no demand.
 */
function handInput(): ReplayInput {
  const products = [prod('A', { unitCost: 2 }), prod('B', { minRemainingShelfLifeDays: 4 }), prod('C', { shelfLifeDays: 30 })];
  const lines: ReplayLine[] = [
    ...history('A', 'W1', 1),
    ...history('B', 'W1', 2, 4),
    ...history('C', 'W2', 1),
    { day: S, sku: 'A', warehouse: 'W1', quantity: 3, minRemainingDays: 0 },
    { day: S + 4, sku: 'A', warehouse: 'W1', quantity: 4, minRemainingDays: 0 },
    { day: S + 11, sku: 'A', warehouse: 'W1', quantity: 12, minRemainingDays: 0 },
    { day: S + 3, sku: 'B', warehouse: 'W1', quantity: 5, minRemainingDays: 4 },
    { day: S + 7, sku: 'B', warehouse: 'W1', quantity: 5, minRemainingDays: 4 },
  ];
  return { products, lines, startDay: S, endDay: S + 13, reviewPeriodDays: 7, seed: 7 };
}

function balance(m: PolicyMetrics): number {
  return m.initialUnits + m.receivedUnits - (m.shippedUnits + m.expiredUnits + m.endOnHandUnits);
}

describe('replay bookkeeping', { timeout: 120_000 }, () => {
  it('matches a hand-computed three-SKU history', () => {
    const r = runReplay(handInput(), () => [fixedPolicy({ A: 5, C: 3 })]);
    const m = r.policies.fixed;
    expect(r.cells).toBe(3);
    expect(r.days).toBe(14);
    expect(m.initialUnits).toBe(9 + 12 + 9);
    expect(m.receivedUnits).toBe(10 + 6);
    expect(m.demandUnits).toBe(19 + 10);
    expect(m.shippedUnits).toBe(17 + 5);
    expect(m.expiredUnits).toBe(2 + 7);
    expect(m.expiredValue).toBe(2 * 2 + 7 * 1);
    expect(m.endOnHandUnits).toBe(15);
    expect(m.onOrderUnits).toBe(0);
    expect(balance(m)).toBe(0);
    expect(m.fillRate).toBeCloseTo((100 * 22) / 29, 9);
    expect(m.lines).toBe(5);
    expect(m.lineFillRate).toBeCloseTo(60, 9);
    expect(m.stockoutDays).toBe(2);
    // B's S+7 line meets 7 units two days too short-dated; A's S+11 line finds both lots
    // arrived on time and emptied (ordered too little), nothing overdue.
    expect(m.lostUnits).toEqual({ late: 0, shortDated: 5, shortOrdered: 2 });
    expect(m.orders).toBe(4);
    // End-of-day stock value summed over days: A 2·91, B 85, C 177.
    expect(m.averageInventoryValue).toBeCloseTo((182 + 85 + 177) / 14, 9);
  });

  it('hands each cell its own counters, which add up to the policy totals', () => {
    const seen: { sku: string; lost: number; shortDated: number; shortOrdered: number }[] = [];
    const r = runReplay(
      handInput(),
      () => [fixedPolicy({ A: 5, C: 3 })],
      undefined,
      (cell, policy, t) => {
        expect(policy).toBe('fixed');
        seen.push({
          sku: cell.product.sku,
          lost: t.demandUnits - t.shippedUnits,
          shortDated: t.lostShortDatedUnits,
          shortOrdered: t.lostShortOrderedUnits,
        });
      },
    );
    expect(seen).toEqual([
      { sku: 'A', lost: 2, shortDated: 0, shortOrdered: 2 },
      { sku: 'B', lost: 5, shortDated: 5, shortOrdered: 0 },
      { sku: 'C', lost: 0, shortDated: 0, shortOrdered: 0 },
    ]);
    expect(seen.reduce((a, x) => a + x.lost, 0)).toBe(r.policies.fixed.demandUnits - r.policies.fixed.shippedUnits);
  });

  it('never ships a lot too short-dated for the customer or after its expiry', () => {
    const input = handInput();
    input.lines = input.lines.map((l) => (l.sku === 'B' && l.day === S + 7 ? { ...l, minRemainingDays: 3 } : l));
    const m = runReplay(input, () => [fixedPolicy({})]).policies.fixed;
    // With 3 days required, the S+7 line of B ships from the lot expiring S+10. Nothing is
    // ordered: A ships 3 + 4 and loses its S+11 line; 2 of A and 2 of B expire on S+10.
    expect(m.shippedUnits).toBe(3 + 4 + 5 + 5);
    expect(m.expiredUnits).toBe(2 + 2);
    expect(balance(m)).toBe(0);
  });

  it('keeps units in = shipped + expired + on hand for every policy on noisy demand, deterministically', () => {
    const rng = createRng(3);
    const start = toDay('2023-01-02');
    const lines: ReplayLine[] = [];
    const skus = ['X', 'Y', 'Z'];
    for (let d = 0; d < 500; d++) {
      const day = start + d;
      const dow = (((day + 4) % 7) + 7) % 7;
      skus.forEach((sku, k) => {
        const mean = (dow === 0 ? 0 : 6 + 4 * k) * (1 + 0.3 * Math.sin((2 * Math.PI * d) / 365));
        const q = countInverse(rng.next(), mean, mean * 2);
        if (q > 0) lines.push({ day, sku, warehouse: k === 2 ? 'W2' : 'W1', quantity: q, minRemainingDays: 5 });
      });
    }
    const products = skus.map((sku, k) =>
      prod(sku, { shelfLifeDays: 20 + 20 * k, minRemainingShelfLifeDays: 5, leadTimeDays: 5, leadTimeSdDays: 1.5, caseSize: 6, moq: 12 }),
    );
    const input: ReplayInput = { products, lines, startDay: start + 380, endDay: start + 499, seed: 11 };
    const a = runReplay(input);
    const b = runReplay(input, () => [minMaxPolicy(), naivePolicy()]);
    expect(Object.keys(a.policies)).toEqual(['lotwise', 'minMax', 'naive']);
    for (const m of Object.values(a.policies)) {
      expect(balance(m)).toBeCloseTo(0, 6);
      const lost = m.lostUnits.late + m.lostUnits.shortDated + m.lostUnits.shortOrdered;
      expect(lost).toBeCloseTo(m.demandUnits - m.shippedUnits, 6);
      expect(m.fillRate).toBeGreaterThan(50);
      expect(m.fillRate).toBeLessThanOrEqual(100);
      expect(m.orders).toBeGreaterThan(0);
    }
    expect(b.policies.minMax).toEqual(a.policies.minMax);
    expect(b.policies.naive).toEqual(a.policies.naive);
  });
});

describe('what the policies see', { timeout: 120_000 }, () => {
  it('shows order lines as received (ordered) beside what could be shipped (sales)', () => {
    const seen: { today: number; sales: number[]; ordered: number[] }[] = [];
    const spy: ReplayPolicy = {
      name: 'spy',
      orderQuantity(v) {
        if (v.product.sku === 'B')
          seen.push({ today: v.today, sales: Array.from(v.sales.slice(-7)), ordered: Array.from(v.ordered.slice(-7)) });
        return 0;
      },
    };
    runReplay(handInput(), () => [spy]);
    // B on S+7 (second review) has seen S … S+6: 5 ordered and shipped on S+3.
    expect(seen[1].today).toBe(S + 7);
    expect(seen[1].ordered).toEqual([0, 0, 0, 5, 0, 0, 0]);
    expect(seen[1].sales).toEqual([0, 0, 0, 5, 0, 0, 0]);
    // A's S+11 line of 12 shipped 10: the sales show 10, the order lines 12 (checked through A).
    const a: number[][] = [];
    runReplay({ ...handInput(), endDay: S + 14 }, () => [
      {
        name: 'spy',
        orderQuantity: (v) => {
          if (v.product.sku === 'A' && v.today === S + 14) a.push([v.sales[v.sales.length - 3], v.ordered[v.ordered.length - 3]]);
          return v.product.sku === 'A' ? 5 : 0;
        },
      },
    ]);
    expect(a).toEqual([[10, 12]]);
  });

  it('Lotwise orders for a product whose first orders arrive while it has no stock (new listing)', () => {
    // Y has a year of history; X is listed at the start: its order lines arrive but nothing can
    // ship. Forecasting from shipments would see zeros for ever; the engine reads order lines.
    const start = toDay('2024-01-01');
    const lines: ReplayLine[] = [];
    for (let d = 0; d < 365 + 120; d++) {
      lines.push({ day: start + d, sku: 'Y', warehouse: 'W1', quantity: 5, minRemainingDays: 0 });
      if (d >= 365) lines.push({ day: start + d, sku: 'X', warehouse: 'W1', quantity: 4, minRemainingDays: 0 });
    }
    // X needs one line before the start to be a cell of the replay's history.
    lines.push({ day: start, sku: 'X', warehouse: 'W1', quantity: 1, minRemainingDays: 0 });
    const products = ['X', 'Y'].map((sku) => prod(sku, { shelfLifeDays: 200, leadTimeDays: 5, caseSize: 1, moq: 0 }));
    const input: ReplayInput = { products, lines, startDay: start + 365, endDay: start + 365 + 119, seed: 3 };
    const onlyX = { ...input, lines: input.lines.filter((l) => l.sku === 'X'), products: [products[0]] };
    const m = runReplay(onlyX).policies.lotwise;
    // Demand 4/day over 120 days = 480; the first order goes out at the first review and lands
    // after 5 days, so at most the first days are lost.
    expect(m.demandUnits).toBe(480);
    expect(m.orders).toBeGreaterThan(0);
    expect(m.fillRate).toBeGreaterThan(85);
    expect(balance(m)).toBeCloseTo(0, 6);
  });

  it("Lotwise starts a SKU's history at its first order line, as the product does (no year of zeros before a listing)", () => {
    // Y has sold since 2024-01-01, so the replay's history starts there; X is listed 60 days
    // before the replay and sells 6/day. Read from 2024-01-01, X's history would be 300 zero
    // days and 60 selling ones, and every model would forecast a fraction of 6/day.
    const start = toDay('2024-01-01');
    const replayStart = start + 365;
    const lines: ReplayLine[] = [];
    for (let d = 0; d < 365 + 120; d++) {
      lines.push({ day: start + d, sku: 'Y', warehouse: 'W1', quantity: 5, minRemainingDays: 0 });
      if (d >= 305) lines.push({ day: start + d, sku: 'X', warehouse: 'W1', quantity: 6, minRemainingDays: 0 });
    }
    const products = ['X', 'Y'].map((sku) => prod(sku, { shelfLifeDays: 200, leadTimeDays: 5, caseSize: 1, moq: 0 }));
    const input: ReplayInput = { products, lines, startDay: replayStart, endDay: replayStart + 119, seed: 3 };
    const cells = buildCells(input);
    const x = cells.find((c) => c.product.sku === 'X')!;
    expect(x.historyStart).toBe(start);
    const t = simulateCell(x, lotwisePolicy(cells, replayStart), input);
    expect(t.demandUnits).toBe(720);
    expect(t.shippedUnits / t.demandUnits).toBeGreaterThan(0.97);
  });
});

describe('Lotwise with promotions in the replay', () => {
  it('orders ahead of a known promotion and runs out less during it', () => {
    // Two years of a SKU selling about 20 a day, 3× that in a one-week promotion every eight
    // weeks; the replay's last year has six promotions, known in advance as imported.
    const start = toDay('2024-01-01');
    const days = 2 * 364;
    const promos: { first: number; last: number }[] = [];
    for (let d = start + 30; d + 7 < start + days; d += 56) promos.push({ first: d, last: d + 6 });
    const rng = createRng(5);
    const lines: ReplayLine[] = [];
    for (let i = 0; i < days; i++) {
      const day = start + i;
      const m = promos.some((p) => day >= p.first && day <= p.last) ? 60 : 20;
      lines.push({ day, sku: 'P', warehouse: 'W1', quantity: Math.max(1, countInverse(rng.next(), m, 1.5 * m)), minRemainingDays: 0 });
    }
    const input: ReplayInput = {
      products: [prod('P', { shelfLifeDays: 120, leadTimeDays: 7, leadTimeSdDays: 1, unitCost: 2, unitPrice: 4, caseSize: 10 })],
      lines,
      startDay: start + 364,
      endDay: start + days - 1,
      reviewPeriodDays: 7,
      seed: 3,
    };
    const run = (withPromotions: boolean) =>
      runReplay(input, (cells) => [lotwisePolicy(cells, input.startDay, withPromotions ? { promotions: new Map([['P', promos]]) } : {})])
        .policies.lotwise;
    const blind = run(false);
    const informed = run(true);
    expect(informed.lostUnits.late + informed.lostUnits.shortOrdered).toBeLessThan(
      0.6 * (blind.lostUnits.late + blind.lostUnits.shortOrdered),
    );
    expect(informed.fillRate).toBeGreaterThan(blind.fillRate);
  });
});

describe('the known-demand bound (oracle)', () => {
  // A SKU sold 10 a day for a year; a new customer doubles it to 20 a day 30 days into the
  // replay. A forecast learns the step only after it; the generating process knew it.
  const start = toDay('2024-01-01');
  const replayStart = start + 364;
  const step = replayStart + 30;
  const rate = (day: number) => (day >= step ? 20 : 10);
  function stepInput(): ReplayInput {
    const rng = createRng(11);
    const lines: ReplayLine[] = [];
    for (let day = start; day < replayStart + 120; day++)
      lines.push({ day, sku: 'K', warehouse: 'W1', quantity: countInverse(rng.next(), rate(day), rate(day)), minRemainingDays: 0 });
    return {
      products: [prod('K', { shelfLifeDays: 365, leadTimeDays: 14, caseSize: 1, moq: 0, unitCost: 1, unitPrice: 2 })],
      lines,
      startDay: replayStart,
      endDay: replayStart + 119,
      reviewPeriodDays: 7,
      seed: 5,
    };
  }
  const known: KnownDemand = {
    startDay: start,
    daily: Float64Array.from({ length: 364 + 120 }, (_, i) => rate(start + i)),
  };

  it('orders for a level change before it happens, and fills more than the forecast can', () => {
    const input = stepInput();
    const r = runReplay(input, (cells) => [lotwisePolicy(cells, input.startDay), oraclePolicy(cells, input.startDay, () => known)]);
    const { lotwise, oracle } = r.policies;
    expect(oracle.demandUnits).toBe(lotwise.demandUnits);
    expect(balance(oracle)).toBeCloseTo(0, 6);
    // Lotwise runs short while its forecast catches up with the step; the bound does not.
    expect(lotwise.lostUnits.shortOrdered + lotwise.lostUnits.late).toBeGreaterThan(100);
    expect(oracle.fillRate).toBeGreaterThan(99);
    expect(oracle.fillRate).toBeGreaterThan(lotwise.fillRate + 1);
  });

  it('measures only the noise around the known expectation (Poisson demand: dispersion ≈ 1, no level error)', () => {
    const input = stepInput();
    const cell = buildCells(input)[0];
    const ordered = cell.demand.subarray(0, replayStart - cell.historyStart);
    const u = knownUncertainty({ ordered, historyStart: cell.historyStart }, (d) => rate(d));
    expect(u.levelSd).toBe(0);
    expect(u.dispersion).toBeGreaterThan(0.8);
    expect(u.dispersion).toBeLessThan(1.3);
    // Measured against a wrong expectation (half the rate), the error counts as noise.
    expect(knownUncertainty({ ordered, historyStart: cell.historyStart }, (d) => rate(d) / 2).dispersion).toBeGreaterThan(3);
  });

  it('measures the noise on protection-interval totals: a weekly order is lumpy by the day but not by the week', () => {
    // Consumption 10 a day, ordered as 70 every Monday: every day is 60 or 10 off its expectation,
    // every 7-day total is exact.
    const ordered = Float64Array.from({ length: 364 }, (_, i) => (i % 7 === 0 ? 70 : 0));
    const daily = knownUncertainty({ ordered, historyStart: start }, () => 10).dispersion;
    const weekly = knownUncertainty({ ordered, historyStart: start }, () => 10, 7).dispersion;
    expect(daily).toBeGreaterThan(50);
    expect(weekly).toBe(1);
  });

  it('orders nothing for a cell without a known expectation', () => {
    const input = stepInput();
    const r = runReplay(input, (cells) => [oraclePolicy(cells, input.startDay, () => undefined)]);
    expect(r.policies.oracle.orders).toBe(0);
  });
});
