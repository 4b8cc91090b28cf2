import { describe, expect, it } from 'vitest';
import { projectStock } from '../../app/lib/projection';

// The trial's KR-SNK-002: TX1 runs out first, NJ1 weeks later. One pool run down by every
// warehouse's demand reached zero before NJ1's own run-out date; the SKU's line must not.
describe('projected stock on the SKU page', () => {
  const mean = Array.from({ length: 60 }, () => 30);
  const sku = { usableOnHand: 700, inboundUnits: 0, nextArrivalDate: null, meanDailyDemand: 30 };
  const warehouses = [
    { warehouse: 'NJ1', usableOnHand: 500, inboundUnits: 0, nextArrivalDate: null, meanDailyDemand: 10 },
    { warehouse: 'TX1', usableOnHand: 200, inboundUnits: 0, nextArrivalDate: null, meanDailyDemand: 20 },
  ];

  it('runs each warehouse down on its own share and sums them: the SKU reaches zero with its last warehouse', () => {
    const p = projectStock(mean, '2026-12-02', sku, warehouses);
    // TX1: 200 at 20/day, empty after day 10; NJ1: 500 at 10/day, empty after day 50.
    expect(p[9].byWarehouse).toEqual({ NJ1: 400, TX1: 0 });
    expect(p[9].stock).toBe(400);
    expect(p[48].stock).toBe(10);
    expect(p[49].stock).toBe(0);
    // One pool (700 at 30/day) would have said zero after day 23, while NJ1 still held 260.
    expect(p[23].stock).toBe(260);
  });

  it('adds each warehouse its own inbound on its own arrival day', () => {
    const withInbound = [{ ...warehouses[0] }, { ...warehouses[1], inboundUnits: 100, nextArrivalDate: '2026-12-07' }];
    const p = projectStock(mean, '2026-12-02', sku, withInbound);
    // 2026-12-07 is day 5: six days of 20 sold, 100 received.
    expect(p[4].byWarehouse.TX1).toBe(200 - 5 * 20);
    expect(p[5].byWarehouse.TX1).toBe(200 - 6 * 20 + 100);
    expect(p[5].byWarehouse.NJ1).toBe(440);
  });

  it("with one warehouse, runs the SKU's own row down by the whole mean", () => {
    const p = projectStock([10, 10, 10], '2026-12-02', { ...sku, usableOnHand: 25, inboundUnits: 5, nextArrivalDate: '2026-12-03' });
    expect(p.map((x) => x.stock)).toEqual([15, 10, 0]);
    expect(p[0].byWarehouse).toEqual({});
  });
});
