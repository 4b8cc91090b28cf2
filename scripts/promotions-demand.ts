/**
 * Writes a deterministic daily demand set with promotions (worker/domain/synthetic.ts:
 * promotedDemand) for `npm run backtest -- --promotions`:
 *   npx tsx scripts/promotions-demand.ts [--out DIR] [--skus 200] [--days 1095] [--seed 11]
 *   npm run backtest -- DIR/demand.csv --promotions DIR/promotions.csv --holdout 90
 * DIR/demand.csv: order_date,sku,quantity; DIR/promotions.csv: the promotions import's columns.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promotedDemand } from '../worker/domain/synthetic';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const out = opt('out', '.tmp/promotions');
const skus = Number(opt('skus', '200'));
const days = Number(opt('days', '1095'));
const seed = Number(opt('seed', '11'));
if (!(Number.isInteger(skus) && skus > 0 && Number.isInteger(days) && days > 365 && Number.isInteger(seed))) {
  process.stderr.write('promotions-demand: --skus and --seed must be whole numbers, --days more than 365\n');
  process.exit(2);
}
const { lines, promotions } = promotedDemand({ skus, days, start: '2023-01-02', seed });
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'demand.csv'),
  ['order_date,sku,quantity', ...lines.map((l) => `${l.orderDate},${l.sku},${l.quantity}`)].join('\n') + '\n',
);
writeFileSync(
  join(out, 'promotions.csv'),
  ['promotion_id,sku,start_date,end_date', ...promotions.map((p) => `${p.promotionId},${p.sku},${p.startDate},${p.endDate}`)].join('\n') +
    '\n',
);
process.stdout.write(`${lines.length} order lines and ${promotions.length} promotions of ${skus} SKUs over ${days} days → ${out}\n`);
