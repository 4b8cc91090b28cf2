/**
 * The known-demand bound of `npm run replay -- --oracle` (worker/domain/replay/oracle.ts): the
 * committed demo tenant's generating process, regenerated from its seed, gives each SKU–warehouse
 * its expected demand per day. Only for sample_data/, whose files that process wrote.
 */
import { DEFAULT_ANCHOR, DEFAULT_SEED, generateTenantDetailed } from '../sample_data/generator';
import { toDay } from '../worker/domain/dates';
import type { KnownDemand } from '../worker/domain/replay/oracle';
import type { ReplayData } from './replay-input';

/**
 * Expected units/day per `sku + "\u0000" + warehouse`, customers assigned to warehouses as the
 * replay assigns their order lines. Throws when the loaded files are not the generator's own
 * (order lines or units differ): the expectation would belong to other data.
 */
export function demoKnownDemand(data: ReplayData): Map<string, KnownDemand> {
  const { data: generated, truth } = generateTenantDetailed({ seed: DEFAULT_SEED, anchorDate: DEFAULT_ANCHOR, profile: 'demo' });
  const units = (xs: readonly { quantity: number }[]) => xs.reduce((a, x) => a + x.quantity, 0);
  if (generated.orders.length !== data.lines.length || units(generated.orders) !== units(data.lines))
    throw new Error(
      `--oracle needs the demo tenant as generated (seed ${DEFAULT_SEED}, anchor ${DEFAULT_ANCHOR}): these files hold ${data.lines.length} order lines, the generator ${generated.orders.length}`,
    );
  const startDay = toDay(truth.historyStart);
  const out = new Map<string, KnownDemand>();
  for (const [key, daily] of truth.expectedBySkuCustomer) {
    const [sku, customer] = key.split('\u0000');
    const warehouse = data.customerWarehouse.get(customer);
    if (warehouse === undefined) continue;
    const cell = `${sku}\u0000${warehouse}`;
    let k = out.get(cell);
    if (!k) out.set(cell, (k = { startDay, daily: new Float64Array(daily.length) }));
    for (let i = 0; i < daily.length; i++) k.daily[i] += daily[i];
  }
  return out;
}
