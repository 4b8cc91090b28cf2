import { z } from '@hono/zod-openapi';
import { documentRoutes } from './documents';
import { isoDate } from '../lib/formats';
import { businessKey, plainText } from '../lib/keys';
import { missingRefs, storedKey } from '../data/refs.repo';
import { tenantToday } from '../data/tenant-time';
import { etaDateProblem, orderDateProblem } from '../domain/record-limits';
import { conflict, forbidden, invalid } from '../lib/problem';
import { can } from '../lib/roles';
import { DOCK_STATUSES, shipmentStatusOf, shipmentTransitionProblem, type ShipmentStatus } from '../domain/inbound';
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
    // The importer's rule too (domain/record-limits): a shipped order is not dated after today.
    const when = orderDateProblem(h.status as string | undefined, String(h.orderDate), await tenantToday(db, tenantId));
    if (when) throw invalid('The order date is not possible.', [{ path: 'orderDate', value: String(h.orderDate), message: when.message }]);
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
  checkHeader: async (db, tenantId, h) => {
    // The importer's rule too (domain/record-limits): an ETA is not years away from today.
    const eta = h.etaDate === undefined ? undefined : etaDateProblem(String(h.etaDate), await tenantToday(db, tenantId));
    if (eta) throw invalid('The ETA is not possible.', [{ path: 'etaDate', value: String(h.etaDate), message: eta.message }]);
    return [];
  },
  // Receiving roles (staff) may set the status: they mark a shipment arrived at the dock.
  statusWrite: 'movements:write',
  statusChange: (rows, to, role) => {
    const from = shipmentStatusOf(rows as { status: string }[]);
    const received = rows.reduce((s, r) => s + Number(r.quantityReceived ?? 0), 0);
    const problem = shipmentTransitionProblem(from, to as ShipmentStatus, received);
    if (problem) throw conflict(problem, { state: from });
    if (from === to) return;
    // The dock's statuses (arrived, and refusing an arrived shipment) are for those who receive; the plan's for planners.
    const dock = DOCK_STATUSES.includes(to as ShipmentStatus) || DOCK_STATUSES.includes(from);
    if (dock ? !can(role, 'movements:write') : !can(role, 'catalog:write'))
      throw forbidden(
        dock
          ? 'Marking a shipment arrived, or cancelling one that arrived, is for the roles that receive stock (staff, admin).'
          : 'Your role may only mark a shipment arrived or cancel one that arrived.',
      );
  },
});
