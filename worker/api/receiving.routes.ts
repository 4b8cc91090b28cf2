// Receiving inbound shipments into lots (staff and admins: it is a stock change). Mounted at
// /api/inbound-shipments beside the document routes; the guard is per route, not router-wide.
import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { isoDate } from '../lib/formats';
import { businessKey, plainText } from '../lib/keys';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { json, Receipt } from './schemas';
import { receiveStock } from '../stock/receive';
import type { ReceiveRequest } from '../stock/types';

export const ReceiveInput = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        sku: businessKey,
        lotId: businessKey,
        expirationDate: isoDate,
        quantity: z.number().int('Whole units only.').positive().max(1e9),
        /** Defaults to the shipment's destination warehouse. */
        warehouse: businessKey.optional(),
        receivedDate: isoDate.optional(),
        /** Defaults to the product's unit cost. */
        unitCost: z.number().finite().min(0).max(1e9).optional(),
      }),
    )
    .min(1)
    .max(100),
  reason: plainText(500).default(''),
}) satisfies z.ZodType<ReceiveRequest>;

const receive = createRoute({
  method: 'post',
  path: '/{id}/receive',
  tags: ['inbound-shipments'],
  summary:
    'Receive units of a shipment into lots (lot number, expiry, quantity per line; partial receipts allowed). Posts IN movements and reduces or closes the shipment. Honours Idempotency-Key.',
  middleware: [guard('movements:write')] as const,
  request: {
    params: z.object({ id: businessKey }),
    headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
    ...jsonBody(ReceiveInput),
  },
  responses: { 201: json(Receipt, 'What each line received and the IN movements posted'), ...problemResponses },
});

export const receivingRoutes = createRouter().openapi(receive, async (c) => {
  const { tenantId, userId, email } = c.get('auth');
  const r = await receiveStock(c.env, c.get('db'), tenantId, { userId, email }, c.req.valid('param').id, c.req.valid('json'));
  return c.json(r, 201);
});
