// A synthetic tenant (worker/domain/synthetic.ts) as SQL for a local D1: products, lots, inbound,
// warehouses, customers and one order line per SKU and day with demand over the whole history,
// plus a planner to sign in with. Written to a file in parts, so large tenants never sit in memory
// as one string.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { customers, inboundShipments, lots, orderLines, products, tenants, users, warehouses } from '../../worker/data/schema';
import { syntheticTenant } from '../../worker/domain/synthetic';
import { addDays } from '../../worker/domain/dates';
import { hashPassword } from '../../worker/lib/password';
import { insertSql } from '../../scripts/sample-rows';
import type { PlanInput } from '../../worker/domain/plan-types';

export const BENCH_PASSWORD = 'bench-pass-123';

/** Writes the tenant's SQL to `file`; returns the engine input it was made from and the row counts. */
export async function writeSyntheticSeed(file: string, o: { tenantId: string; skus: number; days: number; asOf: string; seed?: number }) {
  const input: PlanInput = syntheticTenant({ skus: o.skus, days: o.days, asOf: o.asOf, seed: o.seed ?? 2026 });
  const out = createWriteStream(file);
  const write = async (lines: string[]) => {
    for (const l of lines) if (!out.write(`${l}\n`)) await once(out, 'drain');
  };
  const t = o.tenantId;
  await write(insertSql(tenants, [{ id: t, name: `Synthetic ${o.skus} SKUs` }]));
  await write(
    insertSql(users, [
      {
        id: `${t}-planner`,
        tenantId: t,
        email: `planner@${t}.test`,
        name: 'planner',
        role: 'planner',
        passwordHash: await hashPassword(BENCH_PASSWORD),
      },
    ]),
  );
  const whs = [...new Set(input.lots.map((l) => l.warehouse))].sort();
  await write(
    insertSql(
      warehouses,
      whs.map((code) => ({ tenantId: t, code, name: code, region: '' })),
    ),
  );
  await write(
    insertSql(
      customers,
      Array.from({ length: 50 }, (_, i) => ({ tenantId: t, customerId: `C-${i + 1}`, name: `Customer ${i + 1}` })),
    ),
  );
  await write(
    insertSql(
      products,
      input.products.map((p) => ({
        tenantId: t,
        sku: p.sku,
        name: p.name ?? p.sku,
        category: 'synthetic',
        caseSize: p.caseSize,
        shelfLifeDays: p.shelfLifeDays,
        unitCost: p.unitCost,
        unitPrice: p.unitPrice,
        leadTimeDays: p.leadTimeDays,
        leadTimeSdDays: p.leadTimeSdDays,
        moq: p.moq,
        supplier: 'Synthetic',
        minRemainingShelfLifeDays: p.minRemainingShelfLifeDays,
      })),
      500,
    ),
  );
  await write(
    insertSql(
      lots,
      input.lots.map((l) => ({
        tenantId: t,
        id: l.lotId,
        ...l,
        status: l.status === 'quarantine' ? ('quarantine' as const) : ('available' as const),
      })),
      500,
    ),
  );
  await write(
    insertSql(
      inboundShipments,
      input.inbound.map((s) => ({
        tenantId: t,
        shipmentId: s.id ?? `IN-${s.sku}`,
        sku: s.sku,
        quantity: s.quantity,
        etaDate: s.etaDate,
        status: s.status as 'in_transit',
      })),
      500,
    ),
  );
  let orderRows = 0;
  for (const d of input.demand) {
    const rows = [];
    for (let i = 0; i < d.values.length; i++) {
      if (!(d.values[i] > 0)) continue;
      const day = addDays(d.startDate, i);
      rows.push({
        tenantId: t,
        orderId: `O-${d.sku}-${day}`,
        line: 1,
        sku: d.sku,
        customerId: `C-${1 + ((i * 7 + d.sku.length) % 50)}`,
        orderDate: day,
        quantity: d.values[i],
        status: 'shipped' as const,
      });
    }
    orderRows += rows.length;
    await write(insertSql(orderLines, rows, 500));
  }
  out.end();
  await once(out, 'finish');
  return { input, orderRows };
}
