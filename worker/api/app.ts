import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth.routes';
import { customersRoutes, productsRoutes, warehousesRoutes } from './catalog.routes';
import { docsPage } from './docs';
import { lotsRoutes } from './lots.routes';
import { movementsRoutes } from './movements.routes';
import { inboundRoutes, ordersRoutes } from './orders.routes';
import { tenantRoutes } from './tenant.routes';
import { usersRoutes } from './users.routes';
import { authenticate, withDb, type AppEnv } from '../lib/auth';
import { idempotency } from '../lib/idempotency';
import { ProblemError, problemResponse } from '../lib/problem';

const JSON_LIMIT = 1024 * 1024;

/** Every error becomes problem+json; only server faults are logged, never echoed. */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof HTTPException) {
    const detail = err.status === 400 ? 'The request body is not valid JSON.' : err.message;
    return new ProblemError(err.status, err.status === 400 ? 'malformed' : 'http', detail);
  }
  console.error('unhandled', err);
  return new ProblemError(500, 'internal', 'Something went wrong on our side. The request had no effect if it was not acknowledged.');
}

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-site' }));
  app.use('/api/*', withDb);
  app.onError((err) => problemResponse(toProblem(err)));
  app.notFound((c) => problemResponse(new ProblemError(404, 'not-found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)));

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Lotwise API',
      version: '1.0.0',
      description: 'Expiration-aware inventory planning. Errors are application/problem+json.',
    },
    security: [{ bearer: [] }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.get('/api/docs', (c) => c.html(docsPage));

  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(413, 'too-large', `Request bodies here are limited to ${maxSize} bytes.`);
      },
    });
  app.use('/api/auth/*', limit(JSON_LIMIT));
  app.route('/api/auth', authRoutes);

  /** Mounts a resource behind a body limit, a verified token (the tenant comes from it) and idempotency. */
  const mount = (path: string, router: OpenAPIHono<AppEnv>, maxBody = JSON_LIMIT) => {
    // In Hono "/x/*" also matches "/x", so one registration guards both.
    app.use(`${path}/*`, limit(maxBody), authenticate, idempotency);
    app.route(path, router);
  };
  mount('/api/tenant', tenantRoutes);
  mount('/api/users', usersRoutes);
  mount('/api/warehouses', warehousesRoutes);
  mount('/api/products', productsRoutes);
  mount('/api/customers', customersRoutes);
  mount('/api/lots', lotsRoutes);
  mount('/api/orders', ordersRoutes);
  mount('/api/inbound-shipments', inboundRoutes);
  mount('/api/movements', movementsRoutes);
  mount('/api/audit', auditRoutes);
  return app;
}
