// Development only (404 elsewhere): what an ERP drop is in production, for a running local server.
// Miniflare emits no R2 event notifications, so this puts the file under landing/ and sends the
// same event message R2 would; `npm run drop` uses it while `npm start` is running.
import { createRoute, z } from '@hono/zod-openapi';
import { guard } from '../lib/auth';
import { config, isDevelopment } from '../lib/env';
import { notFound, ProblemError } from '../lib/problem';
import { createRouter, problemResponses } from '../lib/validate';
import { Dropped, json } from './schemas';
import { objectPutEvent } from '../lib/messages';
import { d1View, type D1View } from '../planning/d1-views';

const drop = createRoute({
  method: 'put',
  path: '/landing/{entity}/{file}',
  tags: ['development'],
  summary: 'Development only: drop a file into landing/<your tenant>/<entity>/ and send its R2 event (raw body).',
  request: { params: z.object({ entity: z.string().regex(/^[a-z_]{1,40}$/), file: z.string().regex(/^[A-Za-z0-9._ -]{1,200}$/) }) },
  responses: { 202: json(Dropped, 'The landing key and its size'), ...problemResponses },
});

const router = createRouter();
router.use(
  '*',
  async (c, next) => {
    if (!isDevelopment(c.env)) throw notFound('Route');
    await next();
  },
  guard('imports:write'),
);
// The D1 path of the reads benchmark: a view computed from D1 on every request (planning/d1-views.ts).
router.get('/d1/:view', async (c) => {
  const view = c.req.param('view');
  if (!['dashboard', 'stockouts', 'insights', 'expiring'].includes(view)) throw notFound('View');
  return c.json(await d1View(c.env, c.get('db'), c.get('auth').tenantId, view as D1View, c.req.query()), 200);
});

export const devRoutes = router.openapi(drop, async (c) => {
  const { entity, file } = c.req.valid('param');
  const key = `landing/${c.get('auth').tenantId}/${entity}/${file}`;
  const bytes = await c.req.arrayBuffer();
  const max = config(c.env).MAX_UPLOAD_BYTES;
  if (bytes.byteLength > max) throw new ProblemError(413, 'too-large', `Files are limited to ${max} bytes.`);
  const put = (await c.env.FILES.put(key, bytes))!;
  await c.env.IMPORTS_QUEUE.send(objectPutEvent({ key, size: bytes.byteLength, eTag: put.etag }));
  return c.json({ key, bytes: bytes.byteLength }, 202);
});
