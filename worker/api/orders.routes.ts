import { z } from '@hono/zod-openapi';
import { documentRoutes } from './documents';
import { isoDate } from '../lib/formats';
import { businessKey, plainText } from '../lib/keys';
import { missingRefs, storedKey } from '../data/refs.repo';
import { InboundShipment, InboundShipmentSummary, Order, OrderSummary } from './schemas';
import { ORDER_TABLE, SHIPMENT_TABLE } from '../data/documents.repo';

export const ordersRoutes = documentRoutes({
  path: 'orders',
  label: 'Order',
  document: Order,
  summary: OrderSummary,
  idField: 'orderId',
  store: ORDER_TABLE,
  headerShape: {
    customerId: businessKey,
    orderDate: isoDate,
    status: z.enum(['open', 'shipped', 'cancelled']).default('open'),
  },
  dateField: 'orderDate',
  query: z.object({
    customer: businessKey.optional(),
    status: z.enum(['open', 'shipped', 'cancelled']).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  }),
  checkHeader: async (db, tenantId, h) => {
    if (typeof h.customerId !== 'string') return [];
    const stored = await storedKey(db, tenantId, 'customer', h.customerId);
    if (stored === undefined) return missingRefs(db, tenantId, { customerId: h.customerId });
    h.customerId = stored;
    return [];
  },
});

const shipmentStatus = z.enum(['planned', 'in_transit', 'delayed', 'arrived', 'cancelled']);
export const inboundRoutes = documentRoutes({
  path: 'inbound-shipments',
  label: 'Inbound shipment',
  document: InboundShipment,
  summary: InboundShipmentSummary,
  idField: 'shipmentId',
  store: SHIPMENT_TABLE,
  headerShape: { etaDate: isoDate, origin: plainText(200).default(''), status: shipmentStatus.default('planned') },
  dateField: 'etaDate',
  query: z.object({ status: shipmentStatus.optional(), from: isoDate.optional(), to: isoDate.optional() }),
});
