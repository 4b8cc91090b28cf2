import { index, layout, route, type RouteConfig } from '@react-router/dev/routes';

export default [
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('lang', 'routes/lang.tsx'),
  layout('routes/shell.tsx', [index('routes/dashboard.tsx'), route('skus', 'routes/skus.tsx'), route('skus/:sku', 'routes/sku.tsx')]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
