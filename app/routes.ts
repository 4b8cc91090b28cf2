import { index, layout, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('lang', 'routes/lang.tsx'),
  route('fefo-preview', 'routes/fefo-preview.tsx'),
  route('imports/:id/status', 'routes/import-status.tsx', { id: 'import-status' }),
  route('imports/:id/errors.csv', 'routes/import-status.tsx', { id: 'import-errors' }),
  route('templates/:file', 'routes/import-status.tsx', { id: 'template' }),
  layout('routes/shell.tsx', [
    index('routes/dashboard.tsx'),
    route('skus', 'routes/skus.tsx'),
    route('skus/:sku', 'routes/sku.tsx'),
    route('lots', 'routes/lots.tsx'),
    route('movements', 'routes/movements.tsx'),
    route('inbound', 'routes/inbound.tsx'),
    route('imports', 'routes/imports.tsx'),
    route('customers', 'routes/customers.tsx'),
    route('customers/:id', 'routes/customer.tsx'),
    route('validation', 'routes/validation.tsx'),
    route('settings', 'routes/settings.tsx'),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
