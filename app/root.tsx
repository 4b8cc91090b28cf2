import { useEffect } from 'react';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import './app.css';
import { getSession } from './lib/session.server';
import { langOf } from './lib/lang.server';
import { useRoot, type RootData } from './i18n/t';
import { catalogs } from './i18n/messages';

export async function loader({ request, context }: Route.LoaderArgs): Promise<RootData> {
  const { session } = await getSession(request, context);
  const user = session.get('user') ?? null;
  const lang = langOf(request);
  return { lang, messages: catalogs[lang], user: user && session.get('token') ? user : null, csrf: session.get('csrf') ?? null };
}

/** The tab icon, inline (no request, no 404 for /favicon.ico): a white L on the brand green. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#137257"/><path d="M11 7v18h11" stroke="#fff" stroke-width="4" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
)}`;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData('root') as RootData | undefined;
  // Marks the document once React has hydrated it: until then a click is the browser's own (a plain
  // form post or link), and scripts driving the page (browser tests) wait for this before using forms.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang={data?.lang ?? 'en'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href={FAVICON} />
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
  const { messages } = useRoot();
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? (messages['common.notFound'] ?? 'Page not found.')
      : String(error.data || error.statusText)
    : (messages['common.error'] ?? 'This page could not be loaded.');
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-semibold">Lotwise</h1>
      <p className="mt-4" role="alert">
        {message}
      </p>
      <a className="mt-4 inline-block text-brand-700 underline" href="/">
        {messages['common.back'] ?? 'Back to the dashboard'}
      </a>
    </main>
  );
}
