import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateWasteRisk, type WasteInput } from '../../worker/domain/waste';
import { rollUpWaste } from '../../worker/domain/waste-rollup';
import { AS_OF, lot } from './helpers';

const flat = (d: number, n = 200) => new Array<number>(n).fill(d);

function input(extra: Partial<WasteInput> = {}): WasteInput {
  return {
    sku: 'SKU-1',
    lots: [lot('A', 30, 100)],
    asOf: AS_OF,
    minRemainingDays: 10,
    demandMean: flat(2),
    uncertainty: { dispersion: 1.5, levelSd: 0.2 },
    ...extra,
  };
}

describe('waste risk simulation', () => {
  it('with no demand the whole lot expires unsold at its sell-by date', () => {
    const r = simulateWasteRisk(input({ demandMean: flat(0) }), { paths: 50 });
    expect(r.expectedWasteUnits).toBe(100);
    expect(r.probabilityAnyWaste).toBe(1);
    expect(r.valueAtRisk).toBe(200);
    expect(r.lots[0]).toMatchObject({ sellByDate: '2025-03-21', expiryBucket: 'within-30', probabilityOfWaste: 1 });
  });

  it('with demand far above stock nothing is wasted', () => {
    const r = simulateWasteRisk(input({ demandMean: flat(50) }), { paths: 50 });
    expect(r.expectedWasteUnits).toBe(0);
    expect(r.probabilityAnyWaste).toBe(0);
  });

  it('expects roughly stock minus demand before the sell-by date when they are close', () => {
    // 20 sellable days × 4/day = 80 expected sales → about 20 of 100 units wasted.
    const r = simulateWasteRisk(input({ demandMean: flat(4), uncertainty: { dispersion: 1, levelSd: 0 } }), { paths: 400 });
    expect(r.expectedWasteUnits).toBeGreaterThan(16);
    expect(r.expectedWasteUnits).toBeLessThan(24);
    expect(r.probabilityAnyWaste).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed and consumes lots FEFO', () => {
    const lots = [lot('LATE', 90, 50), lot('SOON', 25, 50)];
    const a = simulateWasteRisk(input({ lots }), { paths: 100, seed: 3 });
    expect(simulateWasteRisk(input({ lots }), { paths: 100, seed: 3 })).toEqual(a);
    const soon = a.lots.find((l) => l.lotId === 'SOON')!;
    const late = a.lots.find((l) => l.lotId === 'LATE')!;
    expect(soon.expectedWasteUnits).toBeGreaterThan(late.expectedWasteUnits);
  });

  it('prices expired and too short-dated stock as certain loss, with the options left', () => {
    const r = simulateWasteRisk(
      input({
        lots: [lot('GONE', -1, 7), lot('SHORT', 5, 3), lot('OK', 60, 10)],
        alternatives: {
          customers: [
            { customerId: 'OUTLET', minRemainingDays: 3 },
            { customerId: 'STRICT', minRemainingDays: 30 },
          ],
          warehouses: [{ warehouse: 'WH-2', minRemainingDays: 2 }],
          transferLeadTimeDays: 2,
        },
      }),
      { paths: 20 },
    );
    expect(r.unsellableUnits).toBe(10);
    expect(r.unsellableValue).toBe(20);
    const gone = r.lots.find((l) => l.lotId === 'GONE')!;
    const short = r.lots.find((l) => l.lotId === 'SHORT')!;
    expect(gone).toMatchObject({
      certainLoss: true,
      expectedWasteUnits: 7,
      probabilityOfWaste: 1,
      valueAtRisk: 14,
      expiryBucket: 'within-30',
    });
    expect(gone.options.map((o) => o.action)).toEqual(['write-off']);
    expect(short).toMatchObject({ certainLoss: true, expectedWasteUnits: 3, probabilityOfWaste: 1, valueAtRisk: 6 });
    // 5 days left: a markdown, OUTLET (needs 3), WH-2 (needs 2, 3 left after a 2-day transfer), or write-off.
    expect(short.options.map((o) => o.action)).toEqual(['markdown', 'sell-to-customer', 'transfer', 'write-off']);
    expect(short.options[1].customers).toEqual(['OUTLET']);
    expect(short.options[2].warehouse).toBe('WH-2');
    const ok = r.lots.find((l) => l.lotId === 'OK')!;
    expect(r.valueAtRisk).toBeCloseTo(14 + 6 + ok.valueAtRisk, 10);
    expect(r.probabilityAnyWaste).toBe(1);
  });

  it('waste grows with quantity and shrinks with demand (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ exp: fc.integer({ min: 12, max: 120 }), qty: fc.integer({ min: 1, max: 150 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.1, max: 12, noNaN: true }),
        (spec, extra, demand) => {
          const lots = spec.map((s, i) => lot(`L${i}`, s.exp, s.qty));
          const opts = { paths: 40, seed: 11 };
          const base = simulateWasteRisk(input({ lots, demandMean: flat(demand, 130) }), opts).expectedWasteUnits;
          const more = lots.map((l, i) => (i === 0 ? { ...l, quantityOnHand: l.quantityOnHand + extra } : l));
          expect(simulateWasteRisk(input({ lots: more, demandMean: flat(demand, 130) }), opts).expectedWasteUnits).toBeGreaterThanOrEqual(
            base,
          );
          expect(simulateWasteRisk(input({ lots, demandMean: flat(demand * 2, 130) }), opts).expectedWasteUnits).toBeLessThanOrEqual(base);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rolls up by warehouse and expiry bucket', () => {
    const a = simulateWasteRisk(
      input({ lots: [lot('A', 20, 100, { warehouse: 'WH-1' }), lot('B', 75, 10, { warehouse: 'WH-2' })], demandMean: flat(0) }),
      { paths: 10 },
    );
    const r = rollUpWaste([a]);
    expect(r.byWarehouse['WH-1'].expectedWasteUnits).toBe(100);
    expect(r.byWarehouse['WH-2'].valueAtRisk).toBe(20);
    expect(r.byBucket['within-30'].onHandUnits).toBe(100);
    expect(r.byBucket['within-90'].onHandUnits).toBe(10);
    expect(r.total.expectedWasteUnits).toBe(110);
  });
});
