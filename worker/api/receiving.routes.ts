// Receiving inbound shipments into lots (staff and admins: it is a stock change). Mounted at
// /api/inbound-shipments beside the document routes; the guard is per route, not router-wide.
import { createRoute, z } from '@hono/zod-openapi';
import { enqueueDebouncedRefresh } from '../planning/refresh/enqueue';
import { flushAudit } from '../audit/record';
import { guard } from '../lib/auth';
import { businessKey } from '../lib/keys';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { json, Receipt } from './schemas';
import { ReceiveInput, receiveShipment } from '../data/receiving';

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
  const r = await receiveShipment(c.get('db'), tenantId, { userId, email }, c.req.valid('param').id, c.req.valid('json'));
  await flushAudit(c.env, c.get('db'), tenantId);
  await enqueueDebouncedRefresh(c.env, tenantId, 'receipt');
  return c.json(r, 201);
});
