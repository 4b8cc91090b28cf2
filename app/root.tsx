import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import './app.css';
import { getSession } from './lib/session.server';
import { langOf } from './lib/lang.server';
import { translator, type RootData } from './i18n/t';

export async function loader({ request, context }: Route.LoaderArgs): Promise<RootData> {
  const { session } = await getSession(request, context);
  const user = session.get('user') ?? null;
  return { lang: langOf(request), user: user && session.get('token') ? user : null, csrf: session.get('csrf') ?? null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData('root') as RootData | undefined;
  return (
    <html lang={data?.lang ?? 'en'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = translator('en');
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? t('common.notFound')
      : String(error.data || error.statusText)
    : t('common.error');
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">{t('app.name')}</h1>
      <p className="mt-4" role="alert">
        {message}
      </p>
      <a className="mt-4 inline-block text-brand-700 underline" href="/">
        {t('common.back')}
      </a>
    </main>
  );
}
