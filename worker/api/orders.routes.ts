import { z } from '@hono/zod-openapi';
import { eq, gte, lte } from 'drizzle-orm';
import { documentRoutes } from './documents';
import { isoDate } from '../lib/formats';
import { businessKey } from '../lib/keys';
import { missingRefs, storedKey } from '../data/refs.repo';
import { inboundShipments, orderLines } from '../data/schema';
import { InboundShipment, InboundShipmentSummary, Order, OrderSummary } from './schemas';

export const ordersRoutes = documentRoutes({
  path: 'orders',
  label: 'Order',
  document: Order,
  summary: OrderSummary,
  idField: 'orderId',
  table: orderLines,
  tenant: orderLines.tenantId,
  id: orderLines.orderId,
  sku: orderLines.sku,
  quantity: orderLines.quantity,
  line: orderLines.line,
  status: orderLines.status,
  header: { customerId: orderLines.customerId, orderDate: orderLines.orderDate, status: orderLines.status },
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
  filters: (q) => [
    q.customer ? eq(orderLines.customerId, q.customer) : undefined,
    q.status ? eq(orderLines.status, q.status) : undefined,
    q.from ? gte(orderLines.orderDate, q.from) : undefined,
    q.to ? lte(orderLines.orderDate, q.to) : undefined,
  ],
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
  table: inboundShipments,
  tenant: inboundShipments.tenantId,
  id: inboundShipments.shipmentId,
  sku: inboundShipments.sku,
  quantity: inboundShipments.quantity,
  status: inboundShipments.status,
  header: { etaDate: inboundShipments.etaDate, origin: inboundShipments.origin, status: inboundShipments.status },
  headerShape: { etaDate: isoDate, origin: z.string().trim().max(200).default(''), status: shipmentStatus.default('planned') },
  dateField: 'etaDate',
  query: z.object({ status: shipmentStatus.optional(), from: isoDate.optional(), to: isoDate.optional() }),
  filters: (q) => [
    q.status ? eq(inboundShipments.status, q.status) : undefined,
    q.from ? gte(inboundShipments.etaDate, q.from) : undefined,
    q.to ? lte(inboundShipments.etaDate, q.to) : undefined,
  ],
});
