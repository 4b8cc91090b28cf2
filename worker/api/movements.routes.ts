import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { isoDate } from '../lib/formats';
import { businessKey, plainText } from '../lib/keys';
import { money, positiveUnits } from '../lib/numbers';
import { notFound } from '../lib/problem';
import { createRouter, jsonBody, pagination, problemResponses } from '../lib/validate';
import { json, Movement, page } from './schemas';
import { getMovement, listMovements } from '../data/movements.repo';
import { postStockMovement, reverseStockMovement, type MovementRequest } from '../stock/post-movement';

const qty = positiveUnits;
const text = plainText(500).default('');
const base = { sku: businessKey, reason: text, reference: text };

// A lot is named by its lot number (or its API id) within the SKU; `warehouse` picks one when the
// same lot number is stocked in several warehouses (lots are keyed as ERPs key them).
export const MovementInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('IN'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey,
    quantity: qty,
    expirationDate: isoDate.optional(),
    receivedDate: isoDate.optional(),
    unitCost: money.optional(),
    /** A new lot's status; an already-expired lot can only be received into quarantine. */
    status: z.enum(['available', 'quarantine']).optional(),
  }),
  z.strictObject({
    type: z.literal('OUT'),
    ...base,
    quantity: qty,
    lotId: businessKey.optional(),
    warehouse: businessKey.optional(),
    customerId: businessKey.optional(),
    /** Ship a named lot shorter-dated than the customer accepts; the reason is audited. */
    override: z.strictObject({ reason: plainText(500).min(3, 'Say why the rule is overridden.') }).optional(),
  }),
  z.strictObject({
    type: z.literal('MOVE'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey.optional(),
    toWarehouse: businessKey,
    quantity: qty,
  }),
  z.strictObject({
    type: z.literal('ADJUST'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey.optional(),
    quantity: z
      .number()
      .int('Whole units only.')
      .min(-1e9)
      .max(1e9)
      .refine((n) => n !== 0, 'An adjustment cannot be zero.'),
    reason: plainText(500).min(3, 'Say why the stock is adjusted.'),
  }),
  z.strictObject({
    type: z.literal('WRITE_OFF'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey.optional(),
    quantity: qty,
    reason: plainText(500).min(3, 'Say why the stock is written off.'),
  }),
]) satisfies z.ZodType<MovementRequest>;

const tags = ['movements'];
// Ids come in several shapes (API uuids, seeded "seed-<tenant>-<lot>"): any id the API hands out is accepted back.
const Id = z.object({ id: z.string().min(1).max(200) });
const ListQuery = pagination.extend({
  q: z.string().max(200).optional(),
  sku: businessKey.optional(),
  lot: businessKey.optional(),
  type: z.enum(['IN', 'OUT', 'MOVE', 'ADJUST', 'WRITE_OFF', 'REVERSAL']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only movements posted after this instant (e.g. a plan's builtAt: what the plan has not seen). */
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'An instant in UTC, e.g. 2026-12-02T18:05:00.000Z.')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a real instant.')
    .optional(),
});

const post = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary:
    'Post a stock movement (IN, OUT, MOVE, ADJUST, WRITE_OFF). OUT without lotId ships FEFO and returns the per-lot split. Honours Idempotency-Key.',
  request: { headers: z.object({ 'idempotency-key': z.string().max(255).optional() }), ...jsonBody(MovementInput) },
  responses: { 201: json(Movement, 'The movement with its per-lot lines'), ...problemResponses },
});
const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'The ledger, newest first.',
  request: { query: ListQuery },
  responses: { 200: json(page(Movement), 'A page of the ledger'), ...problemResponses },
});
const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One movement with its lines and reversal, if any.',
  request: { params: Id },
  responses: { 200: json(Movement, 'Movement'), ...problemResponses },
});
const reverse = createRoute({
  method: 'post',
  path: '/{id}/reverse',
  tags,
  summary:
    'Write the reversing movement: type REVERSAL, reversesId the original, the same lines with the opposite sign. A movement reverses once; a reason is required, as for other corrections.',
  request: {
    params: Id,
    ...jsonBody(z.strictObject({ reason: plainText(500).min(3, 'Say why the movement is reversed.') })),
  },
  responses: { 201: json(Movement, 'The reversing movement'), ...problemResponses },
});

const router = createRouter();
router.use('*', guard('movements:write'));
export const movementsRoutes = router
  .openapi(post, async (c) => {
    const { tenantId, userId, email } = c.get('auth');
    const m = await postStockMovement(c.env, c.get('db'), tenantId, { userId, email }, c.req.valid('json'));
    return c.json(m, 201);
  })
  .openapi(list, async (c) => c.json(await listMovements(c.get('db'), c.get('auth').tenantId, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const m = await getMovement(c.get('db'), c.get('auth').tenantId, c.req.valid('param').id);
    if (!m) throw notFound('Movement');
    return c.json(m, 200);
  })
  .openapi(reverse, async (c) => {
    const { tenantId, userId, email } = c.get('auth');
    const m = await reverseStockMovement(
      c.env,
      c.get('db'),
      tenantId,
      { userId, email },
      c.req.valid('param').id,
      c.req.valid('json').reason,
    );
    return c.json(m, 201);
  });
