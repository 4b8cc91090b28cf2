// Inbound shipments: stock-outs and low SKUs first, then by volume, in the profile's mix of
// arrived, delayed, in-transit and planned, with ETAs and quantities from recent demand.
import { isoOfDay } from './calendar';
import type { InboundShipmentRow, ShipmentStatus } from './rows';
import type { GenContext, RecentDemand, Sku } from './work';

/** The open inbound shipments, by ETA (draws from the 'shipments' stream). */
export function makeShipments(ctx: GenContext, skus: Sku[], { dailyTotal }: RecentDemand): InboundShipmentRow[] {
  const { spec, anchor } = ctx;
  const rngS = ctx.rngFor('shipments');
  const shipmentRows: InboundShipmentRow[] = [];
  {
    const N = spec.shipmentCount;
    const chosen: Sku[] = [];
    const add = (list: Sku[]): void => {
      for (const s of list) if (chosen.length < N && !chosen.includes(s)) chosen.push(s);
    };
    add(skus.filter((s) => s.scenario === 'stockout'));
    add(rngS.shuffle(skus.filter((s) => s.scenario === 'low')).slice(0, Math.ceil(N * 0.55)));
    const rest = skus.filter((s) => !chosen.includes(s) && !s.slow && s.scenario !== 'overstock');
    const picks = rngS.sampleWeighted(
      rest.map((s) => Math.sqrt(dailyTotal(s) + 0.1)),
      N,
    );
    add(picks.map((i) => rest[i]));
    add(skus);
    // A couple of high-volume SKUs get a second (later) shipment.
    const doubles = chosen
      .slice()
      .sort((a, b) => dailyTotal(b) - dailyTotal(a))
      .slice(0, N >= 10 ? 2 : 0);
    const list = chosen.slice(0, N - doubles.length).concat(doubles);

    const nArrived = Math.round(N * 0.12);
    const nDelayed = Math.max(1, Math.round(N * 0.12));
    const nPlanned = Math.round(N * 0.32);
    const statuses: ShipmentStatus[] = [];
    for (let i = 0; i < nArrived; i++) statuses.push('arrived');
    for (let i = 0; i < nDelayed; i++) statuses.push('delayed');
    for (let i = 0; i < nPlanned; i++) statuses.push('planned');
    while (statuses.length < list.length) statuses.push('in_transit');
    rngS.shuffle(statuses);
    // Stock-outs (first in the list) wait for a delayed or an in-transit shipment.
    list.forEach((s, i) => {
      if (s.scenario !== 'stockout') return;
      const want: ShipmentStatus = i === 0 ? 'delayed' : 'in_transit';
      const j = statuses.indexOf(want, i);
      if (j > i) [statuses[i], statuses[j]] = [statuses[j], statuses[i]];
    });
    // The second shipment of a doubled SKU is always planned (further out).
    const seen = new Set<Sku>();
    const work = list.map((s, i) => {
      const second = seen.has(s);
      seen.add(s);
      return { s, status: second ? ('planned' as ShipmentStatus) : statuses[i], second };
    });
    const rows = work.map(({ s, status, second }) => {
      const imp = s.supplier.imported;
      let eta: number;
      switch (status) {
        case 'arrived':
          eta = anchor - rngS.int(1, 5);
          break;
        case 'delayed':
          eta = anchor - rngS.int(1, 6);
          break;
        case 'in_transit':
          eta = anchor + (imp ? rngS.int(2, 30) : rngS.int(1, 6));
          break;
        case 'planned':
          eta = anchor + (imp ? rngS.int(second ? 30 : 18, 42) : rngS.int(7, 16));
          break;
      }
      const d = Math.max(dailyTotal(s), s.base * 0.5);
      const cs = s.row.case_size;
      const want = d * rngS.uniform(25, 60) * (s.scenario === 'stockout' ? 1.5 : 1);
      const quantity = Math.max(s.row.moq, Math.ceil(want / cs) * cs);
      return { sku: s.row.sku, quantity, eta, origin: s.supplier.origin, status };
    });
    rows.sort((a, b) => a.eta - b.eta || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    rows.forEach((r, i) =>
      shipmentRows.push({
        shipment_id: spec.shipmentId(i + 1),
        sku: r.sku,
        quantity: r.quantity,
        eta_date: isoOfDay(r.eta),
        origin: r.origin,
        status: r.status,
      }),
    );
  }
  return shipmentRows;
}
