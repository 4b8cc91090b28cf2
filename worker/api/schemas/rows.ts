// Stored records as the API returns them, derived from the drizzle tables (drizzle-zod): a column
// added to worker/data/schema.ts shows up in the response schema and the OpenAPI document without
// another edit. Only what the tables cannot say is written by hand (business keys, joined fields).
import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import * as t from '../../data/schema';
import { record } from './common';

// Business keys are a drizzle customType (text COLLATE NOCASE), which drizzle-zod cannot see into.
const key = z.string();

export const Warehouse = createSelectSchema(t.warehouses, { code: key }).omit({ tenantId: true }).openapi('Warehouse');

export const Product = createSelectSchema(t.products, { sku: key }).omit({ tenantId: true }).openapi('Product');

export const Customer = createSelectSchema(t.customers, { customerId: key, warehouse: key.nullable() })
  .omit({ tenantId: true })
  .openapi('Customer');

/** A lot; the answer to DELETE (archive) also says `archived: true` beside its status. */
export const Lot = createSelectSchema(t.lots, { id: key, lotId: key, sku: key, warehouse: key })
  .omit({ tenantId: true })
  .extend({ archived: z.boolean().optional() })
  .openapi('Lot');

/** A user without the password hash or token version. */
export const User = createSelectSchema(t.users)
  .pick({ id: true, email: true, name: true, role: true, active: true, createdAt: true, updatedAt: true })
  .openapi('User');

export const MovementLine = createSelectSchema(t.movementLines, { lotId: key, warehouse: key }).pick({
  lotId: true,
  warehouse: true,
  delta: true,
});

/** A ledger entry with its per-lot lines; `reversedBy` names the reversing movement, when asked for one. */
export const Movement = createSelectSchema(t.movements, { sku: key })
  .omit({ tenantId: true })
  .extend({
    reasonKo: z.string().nullable().openapi({
      description:
        "A reason the system wrote (a receipt, an import, an executed action) in Korean; null for a person's reason, shown as typed.",
    }),
    lines: z.array(MovementLine),
    reversedBy: z.string().nullable().optional(),
  })
  .openapi('Movement');

/** An action; its evidence (the plan's figures behind it) and outcome (what execution wrote) are objects in every answer. */
export const Action = createSelectSchema(t.actions, { sku: key, lotId: key.nullable(), warehouse: key.nullable() })
  .extend({
    confidence: z
      .enum(['high', 'medium', 'low'])
      .nullable()
      .openapi({ description: "The planning engine's confidence in its own proposal; null for a person's proposal." }),
    evidence: record.openapi({
      description: "The plan's figures behind the action when proposed or last refreshed (frozen at the decision).",
    }),
    outcome: record
      .nullable()
      .openapi({ description: 'What execution wrote (movement, shipment or price change ids) or why it failed; null before.' }),
  })
  .openapi('Action');

export const ActionNote = createSelectSchema(t.actionNotes).openapi('ActionNote');

export const Alert = createSelectSchema(t.alerts).omit({ tenantId: true }).openapi('Alert');

/** Where an alert went: the delivery row with its channel's name and type (null once the channel is gone). */
export const AlertDelivery = createSelectSchema(t.alertDeliveries)
  .pick({
    id: true,
    channelId: true,
    status: true,
    attempts: true,
    responseStatus: true,
    error: true,
    sentAt: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({
    channelName: z.string().nullable(),
    channelType: createSelectSchema(t.alertChannels).shape.type.nullable(),
  })
  .openapi('AlertDelivery');

const OrderLineRow = createSelectSchema(t.orderLines, { orderId: key, sku: key, customerId: key, warehouse: key.nullable() });
const ShipmentRow = createSelectSchema(t.inboundShipments, { shipmentId: key, sku: key, warehouse: key.nullable() });

/** Orders and inbound shipments are stored one row per line; the API shows a header over its lines. */
const orderHeader = OrderLineRow.pick({ orderId: true, customerId: true, orderDate: true, status: true });
const shipmentHeader = ShipmentRow.pick({ shipmentId: true, etaDate: true, origin: true, status: true });
// `archived: true` marks the answer to DELETE (the document is kept, cancelled).
const stamps = OrderLineRow.pick({ createdAt: true, updatedAt: true }).extend({ archived: z.boolean().optional() });
const lineCounts = z.object({ lineCount: z.number().int(), units: z.number() });

export const Order = orderHeader
  .extend({ lines: z.array(OrderLineRow.pick({ line: true, sku: true, quantity: true })), ...stamps.shape })
  .openapi('Order');
export const OrderSummary = orderHeader.extend(lineCounts.shape).openapi('OrderSummary');
export const InboundShipment = shipmentHeader
  .extend({
    // Each line with what is already received of it, where it goes and its status (a receipt offers what is open).
    lines: z.array(ShipmentRow.pick({ sku: true, quantity: true, quantityReceived: true, warehouse: true, status: true })),
    ...stamps.shape,
  })
  .openapi('InboundShipment');
export const InboundShipmentSummary = shipmentHeader.extend(lineCounts.shape).openapi('InboundShipmentSummary');

/** What receiving did to each line of a shipment, and the IN movements it posted. */
export const Receipt = z
  .object({
    shipmentId: z.string(),
    lines: z.array(
      ShipmentRow.pick({ sku: true, quantity: true, quantityReceived: true, status: true, warehouse: true }).extend({ open: z.number() }),
    ),
    movements: z.array(Movement),
  })
  .openapi('Receipt');

export const ImportRow = createSelectSchema(t.imports);
