import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { alertsRoutes } from './alerts.routes';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth.routes';
import { customersRoutes, productsRoutes, warehousesRoutes } from './catalog.routes';
import { devRoutes } from './dev.routes';
import { docsPage } from './docs';
import { exportRoutes } from './export.routes';
import { importsRoutes, UPLOAD_BODY_LIMIT } from './imports.routes';
import { lotsRoutes } from './lots.routes';
import { movementsRoutes } from './movements.routes';
import { planningRoutes } from './planning.routes';
import { skusRoutes } from './skus.routes';
import { inboundRoutes, ordersRoutes } from './orders.routes';
import { tenantRoutes } from './tenant.routes';
import { templatesRoutes } from './templates.routes';
import { usersRoutes } from './users.routes';
import { authenticate, guard, withDb, type AppEnv } from '../lib/auth';
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

  // Chained so the route types flow into AppType (the web app's typed client reads them).
  const typed = app.get('/api/health', (c) => c.json({ status: 'ok' as const }, 200));
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
  const routes = typed.route('/api/auth', authRoutes);

  /** Guards a path and everything below it: body limit, verified token (the tenant comes from it), idempotency. */
  const protect = (path: string, maxBody = JSON_LIMIT, ...more: MiddlewareHandler<AppEnv>[]) =>
    app.use(`${path}/*`, limit(maxBody), authenticate, idempotency, ...more);
  const mount = (path: string, router: OpenAPIHono<AppEnv>, maxBody = JSON_LIMIT) => {
    protect(path, maxBody);
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
  mount('/api/alerts', alertsRoutes);
  mount('/api/dev', devRoutes, UPLOAD_BODY_LIMIT);
  // Uploads: a hard ceiling here; the configured MAX_UPLOAD_BYTES is enforced (413) by the route.
  mount('/api/imports', importsRoutes, UPLOAD_BODY_LIMIT);
  mount('/api/templates', templatesRoutes);
  mount('/api/export', exportRoutes);
  // Planning views live at several top-level paths: guard each (reads for all roles, recompute for
  // planners), then route both routers at /api. A router-wide '*' guard would also catch unknown paths.
  const planningPaths = [
    '/api/plan',
    '/api/reorders',
    '/api/stockouts',
    '/api/expiring',
    '/api/insights',
    '/api/anomalies',
    '/api/skus',
    '/api/fefo',
    '/api/forecast-validation',
  ];
  planningPaths.forEach((p) => protect(p, JSON_LIMIT, guard('planning:write')));
  app.route('/api', planningRoutes);
  app.route('/api', skusRoutes);
  return routes;
}

/** The API's routes as a type, for `hc<AppType>` (hono/client) in the web app. Sub-routers built as
 * one chain (`createRouter().openapi(...).openapi(...)`) carry their paths into it. */
export type AppType = ReturnType<typeof createApp>;
