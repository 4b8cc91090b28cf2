import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { alertChannelsRoutes } from './alert-channels.routes';
import { actionsRoutes } from './actions.routes';
import { alertsRoutes } from './alerts.routes';
import { askRoutes } from './ask.routes';
import { auditRoutes } from './audit.routes';
import { authRoutes } from './auth.routes';
import { customersRoutes, productsRoutes, warehousesRoutes } from './catalog.routes';
import { devRoutes } from './dev.routes';
import { dashboardRoutes } from './dashboard.routes';
import { docsPage } from './docs';
import { exportRoutes } from './export.routes';
import { importsRoutes, UPLOAD_BODY_LIMIT } from './imports.routes';
import { lotsRoutes } from './lots.routes';
import { movementsRoutes } from './movements.routes';
import { planningRoutes } from './planning.routes';
import { roiRoutes } from './roi.routes';
import { skusRoutes } from './skus.routes';
import { inboundRoutes, ordersRoutes } from './orders.routes';
import { receivingRoutes } from './receiving.routes';
import { oidcRoutes } from './oidc.routes';
import { tenantRoutes } from './tenant.routes';
import { templatesRoutes } from './templates.routes';
import { statusRoutes } from './status.routes';
import { usersRoutes } from './users.routes';
import { viewCache } from './view-cache';
import { authenticate, guard, withDb, type AppEnv } from '../lib/auth';
import { idempotency } from '../lib/idempotency';
import { DomainError } from '../lib/errors';
import { ProblemError, problemFromDomain, problemResponse } from '../lib/problem';
import { problemKo } from '../lib/problem-ko';
import { importTextKo } from '../imports/text-ko';
import { isRounded, markRounded, mayNeedRounding, roundForApi, toApiJson } from '../lib/serialize';
import { requestMetrics } from '../status/request-metrics';
import { API_CSP, docsCsp, rejectUnknownQuery } from './edge';

const JSON_LIMIT = 1024 * 1024;

/** Every error becomes problem+json; only server faults are logged, never echoed. */
export function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof DomainError) return problemFromDomain(err);
  if (err instanceof HTTPException) {
    const detail = err.status === 400 ? 'The request body is not valid JSON.' : err.message;
    return new ProblemError(err.status, err.status === 400 ? 'malformed' : 'http', detail);
  }
  console.error('unhandled', err);
  return new ProblemError(500, 'internal', 'Something went wrong on our side. The request had no effect if it was not acknowledged.');
}

/**
 * A refusal's Korean (ADR 029): the API's own sentences (lib/problem-ko.ts), then the import's —
 * the record checks (order dates, shipment statuses, lot limits) say the same sentences to a
 * form as to a file row.
 */
const sentenceKo = (en: string) => problemKo(en) ?? importTextKo(en);

export function createApp() {
  const app = new OpenAPIHono<AppEnv>();
  const apiHeaders = secureHeaders({ crossOriginResourcePolicy: 'same-site', contentSecurityPolicy: API_CSP });
  const plainHeaders = secureHeaders({ crossOriginResourcePolicy: 'same-site' });
  app.use('*', async (c, next) => {
    // The reference page runs its own inline script (nonce below); everything else is data only.
    await (c.req.path === '/api/docs' ? plainHeaders : apiHeaders)(c, next);
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()');
    // Every API answer is one tenant's data or a token: no shared cache or browser cache keeps it —
    // unless the route chose private caching itself (planning views, revalidated by ETag).
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use('/api/*', withDb, requestMetrics);
  app.use(
    '/api/*',
    rejectUnknownQuery(() => app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: '', version: '' } })),
  );
  app.use('/api/*', async (c, next) => {
    // Answers written with c.json are rounded as they are serialised: one pass, no re-parse.
    c.json = ((object: unknown, arg?: number | ResponseInit, headers?: Record<string, string>) =>
      markRounded(c.body(toApiJson(object), arg as never, { 'Content-Type': 'application/json', ...headers }))) as typeof c.json;
    await next();
    if (isRounded(c.res) || !c.res.headers.get('content-type')?.startsWith('application/json')) return;
    // Most answers carry no number to round: they go out as they are, without a parse and re-serialise.
    const text = await c.res.clone().text();
    if (!mayNeedRounding(text)) return;
    const body = roundForApi(JSON.parse(text));
    c.res = new Response(JSON.stringify(body), { status: c.res.status, headers: c.res.headers });
  });
  app.onError((err) => problemResponse(toProblem(err), sentenceKo));
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
  app.get('/api/docs', (c) => {
    const nonce = crypto.randomUUID().replace(/-/g, '');
    c.header('Content-Security-Policy', docsCsp(nonce));
    return c.html(docsPage.replace('<style>', `<style nonce="${nonce}">`).replace('<script>', `<script nonce="${nonce}">`));
  });

  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(413, 'too-large', `Request bodies here are limited to ${maxSize} bytes.`);
      },
    });
  app.use('/api/auth/*', limit(JSON_LIMIT));

  /** Guards a path and everything below it: body limit, verified token (the tenant comes from it), idempotency. */
  const protect = (path: string, maxBody = JSON_LIMIT, ...more: MiddlewareHandler<AppEnv>[]) =>
    app.use(`${path}/*`, limit(maxBody), authenticate, idempotency, ...more);
  ['/api/tenant', '/api/users', '/api/warehouses', '/api/products', '/api/customers', '/api/lots', '/api/orders'].forEach((p) =>
    protect(p),
  );
  ['/api/inbound-shipments', '/api/movements', '/api/alerts', '/api/alert-channels', '/api/status', '/api/dashboard'].forEach((p) =>
    protect(p),
  );
  // Uploads: a hard ceiling here; the configured MAX_UPLOAD_BYTES is enforced (413) by the route.
  ['/api/dev', '/api/imports'].forEach((p) => protect(p, UPLOAD_BODY_LIMIT));
  // Questions are reads for every role: no permission beyond a verified token.
  ['/api/templates', '/api/export', '/api/ask'].forEach((p) => protect(p));
  // Planning views live at several top-level paths: guard each (reads for all roles, recompute for
  // planners), then route both routers at /api. A router-wide '*' guard would also catch unknown paths.
  const planningPaths = [
    '/api/plan',
    '/api/reorders',
    '/api/stockouts',
    '/api/expiring',
    '/api/insights',
    '/api/anomalies',
    '/api/transfers',
    '/api/overdue-customers',
    '/api/skus',
    '/api/fefo',
    '/api/forecast-validation',
  ];
  planningPaths.forEach((p) => protect(p, JSON_LIMIT, guard('planning:write'), viewCache));
  // Actions: reads for every role; each write names its own rule in worker/actions.
  ['/api/actions', '/api/actions.csv', '/api/actions.xlsx'].forEach((p) => protect(p));
  ['/api/audit', '/api/audit.csv'].forEach((p) => protect(p));
  ['/api/roi', '/api/roi.csv', '/api/roi.html'].forEach((p) => protect(p));

  // One chain, after every guard above, so the route types flow into AppType (hono/client).
  return (
    typed
      .route('/api/auth', authRoutes)
      .route('/api/auth/oidc', oidcRoutes)
      .route('/api/tenant', tenantRoutes)
      .route('/api/users', usersRoutes)
      .route('/api/warehouses', warehousesRoutes)
      .route('/api/products', productsRoutes)
      .route('/api/customers', customersRoutes)
      .route('/api/lots', lotsRoutes)
      .route('/api/orders', ordersRoutes)
      // Receiving first: the document routes guard everything below them with catalog:write.
      .route('/api/inbound-shipments', receivingRoutes)
      .route('/api/inbound-shipments', inboundRoutes)
      .route('/api/movements', movementsRoutes)
      .route('/api/alerts', alertsRoutes)
      .route('/api/alert-channels', alertChannelsRoutes)
      .route('/api/status', statusRoutes)
      // The dashboard: a read for every role, revalidated by its own ETag (the snapshot's age moves).
      .route('/api/dashboard', dashboardRoutes)
      .route('/api/dev', devRoutes)
      .route('/api/imports', importsRoutes)
      .route('/api/templates', templatesRoutes)
      .route('/api/export', exportRoutes)
      .route('/api/ask', askRoutes)
      .route('/api', actionsRoutes)
      .route('/api', auditRoutes)
      .route('/api', roiRoutes)
      .route('/api', planningRoutes)
      .route('/api', skusRoutes)
  );
}

/** The API's routes as a type, for `hc<AppType>` (hono/client) in the web app: each route's path, input
 * and declared responses (worker/api/schemas). Sub-routers carry their routes in by chaining `.openapi(...)`. */
export type AppType = ReturnType<typeof createApp>;
