// Demand history as the backtest CLI reads it: the columns of an orders file that matter for a
// forecast (date, quantity, and what identifies a series), read with the import's rules. Not an
// importable entity: quantities may be negative (returns net against sales).
import { ENTITIES, type EntityDef } from './entities';

const orders = ENTITIES.orders;
const field = (name: string) => orders.fields.find((f) => f.name === name)!;
const warehouse = ENTITIES.inventory_lots.fields.find((f) => f.name === 'warehouse')!;

export const DEMAND: EntityDef = {
  ...orders,
  key: [],
  refs: {},
  fields: [
    { ...field('order_date'), aliases: [...field('order_date').aliases, 'day', 'period', 'shipdate', 'saledate'] },
    { ...field('sku'), required: false },
    {
      ...field('quantity'),
      kind: 'number',
      min: -1e9,
      aliases: [...field('quantity').aliases, 'sales', 'demand', 'sold', 'unitssold', 'qtysold', 'volume'],
    },
    { ...field('customer_id'), required: false },
    { ...field('order_id'), required: false },
    { ...warehouse, required: false, aliases: [...warehouse.aliases, 'store', 'storeid', 'storeno', 'branch'] },
  ],
};
