import fc from 'fast-check';
import { addDays } from '../../worker/domain/dates';
import type { Lot, LotStatus, Product } from '../../worker/domain/types';

export const AS_OF = '2025-03-01';

export function lot(id: string, expiresInDays: number, quantity: number, extra: Partial<Lot> = {}): Lot {
  return {
    lotId: id,
    sku: 'SKU-1',
    warehouse: 'WH-1',
    quantityOnHand: quantity,
    receivedDate: addDays(AS_OF, -30),
    expirationDate: addDays(AS_OF, expiresInDays),
    unitCost: 2,
    status: 'available',
    ...extra,
  };
}

export function product(extra: Partial<Product> = {}): Product {
  return {
    sku: 'SKU-1',
    shelfLifeDays: 120,
    caseSize: 12,
    moq: 24,
    leadTimeDays: 14,
    leadTimeSdDays: 2,
    unitCost: 2,
    unitPrice: 3.5,
    minRemainingShelfLifeDays: 20,
    ...extra,
  };
}

const statuses: LotStatus[] = ['available', 'available', 'available', 'quarantine', 'hold', 'damaged'];

/** Arbitrary lots of one SKU around AS_OF: some expired, some short-dated, some held. */
export const lotsArb = fc
  .array(
    fc.record({
      exp: fc.integer({ min: -20, max: 200 }),
      rec: fc.integer({ min: 0, max: 60 }),
      qty: fc.integer({ min: 0, max: 120 }),
      status: fc.constantFrom(...statuses),
      wh: fc.constantFrom('WH-1', 'WH-2'),
    }),
    { maxLength: 12 },
  )
  .map((xs) =>
    xs.map((x, i) =>
      lot(`L-${String(i).padStart(3, '0')}`, x.exp, x.qty, { status: x.status, warehouse: x.wh, receivedDate: addDays(AS_OF, -x.rec) }),
    ),
  );

/** Seeded Poisson-ish integers for fixtures (Knuth), independent of the engine's samplers. */
export function poissonSeries(n: number, mean: (t: number) => number, seed = 1): Float64Array {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const L = Math.exp(-mean(t));
    let k = 0;
    let p = u();
    while (p > L) {
      k++;
      p *= u();
    }
    y[t] = k;
  }
  return y;
}
