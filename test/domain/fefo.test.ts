import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toDay } from '../../worker/domain/dates';
import { allocateFefo, rankFefo } from '../../worker/domain/fefo';
import { AS_OF, lot, lotsArb } from './helpers';

describe('FEFO ranking', () => {
  it('ranks by expiry, then receipt, then lot id, with a reason for each', () => {
    const lots = [
      lot('L-0192', 40, 10),
      lot('L-0007', 28, 5),
      lot('L-0100', 28, 5, { receivedDate: '2025-01-01' }),
      lot('L-0101', 28, 5, { receivedDate: '2025-01-01' }),
    ];
    const { ranked } = rankFefo(lots, AS_OF);
    expect(ranked.map((r) => r.lot.lotId)).toEqual(['L-0100', 'L-0101', 'L-0007', 'L-0192']);
    expect(ranked[0].reason).toBe('ships before L-0101: same expiry and receipt date, lot id sorts first');
    expect(ranked[1].reason).toMatch(/ships before L-0007: same expiry, received \d+ days earlier/);
    expect(ranked[2].reason).toBe('ships before L-0192: expires 12 days earlier');
    expect(ranked[3].reason).toBe('ships last: latest expiry');
    expect(ranked[2].daysToExpiry).toBe(28);
  });

  it('skips expired, quarantined, empty and too short-dated lots and says why', () => {
    const lots = [
      lot('EXP', 0, 5),
      lot('OLD', -3, 5),
      lot('Q', 90, 5, { status: 'quarantine' }),
      lot('SHORT', 10, 5),
      lot('EMPTY', 90, 0),
      lot('OK', 90, 5),
    ];
    const { ranked, skipped } = rankFefo(lots, AS_OF, { minRemainingDays: 14 });
    expect(ranked.map((r) => r.lot.lotId)).toEqual(['OK']);
    const why = Object.fromEntries(skipped.map((s) => [s.lot.lotId, s.reason]));
    expect(why.EXP).toBe('expires today (2025-03-01)');
    expect(why.OLD).toBe('expired on 2025-02-26, 3 days ago');
    expect(why.Q).toMatch(/quarantined/);
    expect(why.SHORT).toBe('only 10 days of shelf life left; customer requires 14');
    expect(why.EMPTY).toBe('no stock on hand');
  });

  it('ranks and explains each lot against the lots of its own warehouse', () => {
    const lots = [
      lot('CA-A', 10, 5, { warehouse: 'CA1' }),
      lot('TX-A', 12, 5, { warehouse: 'TX1' }),
      lot('CA-B', 20, 5, { warehouse: 'CA1' }),
      lot('TX-B', 30, 5, { warehouse: 'TX1' }),
    ];
    const { ranked } = rankFefo(lots, AS_OF);
    // Still in expiry order across the network…
    expect(ranked.map((r) => r.lot.lotId)).toEqual(['CA-A', 'TX-A', 'CA-B', 'TX-B']);
    // …but TX-A ships before TX-B (not before a CA1 lot), and each warehouse starts at rank 1.
    expect(ranked.map((r) => [r.lot.lotId, r.rank, r.reason])).toEqual([
      ['CA-A', 1, 'ships before CA-B: expires 10 days earlier'],
      ['TX-A', 1, 'ships before TX-B: expires 18 days earlier'],
      ['CA-B', 2, 'ships last: latest expiry'],
      ['TX-B', 2, 'ships last: latest expiry'],
    ]);
  });

  it('filters by warehouse', () => {
    const lots = [lot('A', 10, 1, { warehouse: 'WH-1' }), lot('B', 5, 1, { warehouse: 'WH-2' })];
    expect(rankFefo(lots, AS_OF, { warehouse: 'WH-1' }).ranked.map((r) => r.lot.lotId)).toEqual(['A']);
  });

  it('never ranks an expired, held or short-dated lot, and ranks in expiry order (property)', () => {
    fc.assert(
      fc.property(lotsArb, fc.integer({ min: 0, max: 60 }), (lots, minLife) => {
        const { ranked, skipped } = rankFefo(lots, AS_OF, { minRemainingDays: minLife });
        expect(ranked.length + skipped.length).toBe(lots.length);
        for (const r of ranked) {
          const left = toDay(r.lot.expirationDate) - toDay(AS_OF);
          expect(r.lot.status).toBe('available');
          expect(left).toBeGreaterThan(0);
          expect(left).toBeGreaterThanOrEqual(minLife);
          expect(r.lot.quantityOnHand).toBeGreaterThan(0);
        }
        for (let i = 1; i < ranked.length; i++) expect(ranked[i].lot.expirationDate >= ranked[i - 1].lot.expirationDate).toBe(true);
      }),
    );
  });
});

describe('FEFO allocation', () => {
  it('splits a quantity over lots in FEFO order', () => {
    const a = allocateFefo([lot('LATE', 50, 100), lot('SOON', 20, 30)], 45, AS_OF);
    expect(a.picks).toEqual([
      { lotId: 'SOON', warehouse: 'WH-1', quantity: 30, expirationDate: '2025-03-21' },
      { lotId: 'LATE', warehouse: 'WH-1', quantity: 15, expirationDate: '2025-04-20' },
    ]);
    expect(a).toMatchObject({ requested: 45, allocated: 45, shortage: 0, complete: true });
  });

  it('reports a shortage instead of over-picking', () => {
    const a = allocateFefo([lot('A', 50, 10), lot('X', -1, 100)], 25, AS_OF);
    expect(a).toMatchObject({ allocated: 10, shortage: 15, complete: false });
    expect(a.skipped.map((s) => s.code)).toEqual(['expired']);
  });

  it('refuses lots of several SKUs without a sku filter, and negative quantities', () => {
    expect(() => allocateFefo([lot('A', 5, 1), lot('B', 5, 1, { sku: 'OTHER' })], 1, AS_OF)).toThrow(RangeError);
    expect(() => allocateFefo([lot('A', 5, 1)], -1, AS_OF)).toThrow(RangeError);
  });

  it('sums to the request or reports the shortage, never exceeds a lot, never picks an unsellable lot (property)', () => {
    fc.assert(
      fc.property(lotsArb, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 60 }), (lots, qty, minLife) => {
        const a = allocateFefo(lots, qty, AS_OF, { sku: 'SKU-1', minRemainingDays: minLife });
        const sellable = new Map(
          rankFefo(lots, AS_OF, { minRemainingDays: minLife }).ranked.map((r) => [r.lot.lotId, r.lot.quantityOnHand]),
        );
        const total = [...sellable.values()].reduce((s, q) => s + q, 0);
        const picked = a.picks.reduce((s, p) => s + p.quantity, 0);
        expect(picked).toBe(a.allocated);
        expect(a.allocated + a.shortage).toBe(qty);
        expect(a.allocated).toBe(Math.min(qty, total));
        expect(a.complete).toBe(a.shortage === 0);
        for (const p of a.picks) {
          expect(sellable.has(p.lotId)).toBe(true);
          expect(p.quantity).toBeGreaterThan(0);
          expect(p.quantity).toBeLessThanOrEqual(sellable.get(p.lotId)!);
        }
      }),
    );
  });
});
