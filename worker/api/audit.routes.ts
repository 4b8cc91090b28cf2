import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { flushAudit } from '../audit/record';
import { tenantObject } from '../lib/audit';
import { forbidden } from '../lib/problem';
import { anyJson, createRouter, problemResponses } from '../lib/validate';

const tags = ['audit'];
const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'The hash-chained audit log, oldest first (auditor, admin, approver).',
  request: {
    query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
  },
  responses: { 200: anyJson('{items, next}'), ...problemResponses },
});
const verify = createRoute({
  method: 'get',
  path: '/verify',
  tags,
  summary: 'Recompute the chain; names the first bad entry if any.',
  responses: { 200: anyJson('{ok, entries, head, firstBadSeq}'), ...problemResponses },
});

export const auditRoutes = createRouter();
auditRoutes.use('*', guard('users:manage'), async (c, next) => {
  if (!['auditor', 'admin', 'approver'].includes(c.get('auth').role)) throw forbidden();
  await next();
});
auditRoutes
  .openapi(list, async (c) => {
    const { after, limit } = c.req.valid('query');
    // Entries whose append failed earlier join the chain before anyone reads it.
    await flushAudit(c.env, c.get('db'), c.get('auth').tenantId);
    const entries = await tenantObject(c.env, c.get('auth').tenantId).list(after, limit);
    const items = entries.map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
    return c.json({ items, next: entries.length === limit ? entries[entries.length - 1].seq : null }, 200);
  })
  .openapi(verify, async (c) => c.json(await tenantObject(c.env, c.get('auth').tenantId).verify(), 200));
