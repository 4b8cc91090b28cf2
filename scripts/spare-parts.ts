/**
 * Writes a deterministic monthly intermittent demand set (synthetic spare parts, see
 * worker/domain/synthetic.ts: sparePartsDemand) as an order-line CSV for `npm run backtest`:
 *   npx tsx scripts/spare-parts.ts [--out FILE] [--parts 300] [--months 72] [--seed 7]
 *   npm run backtest -- FILE --freq month --holdout 365
 */
import { writeFileSync } from 'node:fs';
import { sparePartsDemand } from '../worker/domain/synthetic';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const out = opt('out', '.tmp/spare-parts.csv');
const parts = Number(opt('parts', '300'));
const months = Number(opt('months', '72'));
const seed = Number(opt('seed', '7'));
if (!(Number.isInteger(parts) && parts > 0 && Number.isInteger(months) && months > 12 && Number.isInteger(seed))) {
  process.stderr.write('spare-parts: --parts and --seed must be whole numbers, --months more than 12\n');
  process.exit(2);
}
const lines = sparePartsDemand({ parts, months, start: '2020-01-01', seed });
writeFileSync(out, ['order_date,sku,quantity', ...lines.map((l) => `${l.orderDate},${l.sku},${l.quantity}`)].join('\n') + '\n');
process.stdout.write(`${lines.length} order lines of ${parts} parts over ${months} months → ${out}\n`);
