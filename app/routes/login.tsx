import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from 'react-router';
import type { Route } from './+types/login';
import { ApiProblem, api, problemSentence, typedClient } from '../lib/api.server';
import { checkCsrf, getSession, newCsrfToken, safeNext, type SessionUser } from '../lib/session.server';
import { isRole } from '../lib/roles';
import { Csrf } from '../components/csrf';
import { LangSwitch } from '../components/lang-switch';
import { useI18n } from '../i18n/t';

export const meta: Route.MetaFunction = () => [{ title: 'Sign in · Lotwise' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { session, commit } = await getSession(request, context);
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get('next'));
  if (session.get('token') && (session.get('expiresAt') ?? 0) > Date.now()) throw redirect(next);
  // Anonymous visitors get a session too, so the sign-in form carries a CSRF token.
  if (!session.get('csrf')) session.set('csrf', newCsrfToken());
  return data(
    { next, expired: url.searchParams.has('expired'), csrf: session.get('csrf')! },
    { headers: { 'Set-Cookie': await commit(session) } },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, commit } = await getSession(request, context);
  const form = await request.formData();
  checkCsrf(request, form, session.get('csrf'));
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const next = safeNext(String(form.get('next') ?? '/'));
  if (!email || !password) return { error: 'login.failed' as const, detail: null };
  const res = await typedClient(context, request).api.auth.login.$post({ json: { email, password } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as ApiProblem['body'];
    if (Number(res.status) === 401) return { error: 'login.failed' as const, detail: null };
    return { error: null, detail: problemSentence(new ApiProblem(res.status, body)) };
  }
  const { token, user } = await res.json();
  if (!isRole(user.role)) return { error: 'login.failed' as const, detail: null };
  const tenant = await api(context, request, token).get<{ name: string; currency?: string; timeZone?: string }>('/api/tenant');
  const sessionUser: SessionUser = {
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
    tenantName: tenant.name,
    currency: tenant.currency ?? 'USD',
    timeZone: tenant.timeZone ?? 'UTC',
  };
  const exp = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
  session.set('token', token);
  session.set('user', sessionUser);
  session.set('csrf', newCsrfToken()); // a new token once signed in
  session.set('expiresAt', (exp.exp ?? Date.now() / 1000 + 3600) * 1000);
  throw redirect(next, { headers: { 'Set-Cookie': await commit(session) } });
}

export default function Login() {
  const { next, expired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { t } = useI18n();
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-bold text-brand-700">{t('app.name')}</p>
          <p className="text-sm text-slate-600">{t('app.tagline')}</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">{t('login.title')}</h1>
          {expired && !result && (
            <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="status">
              {t('login.expired')}
            </p>
          )}
          {result && (
            <p className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800" role="alert">
              {result.error ? t(result.error) : result.detail}
            </p>
          )}
          <Form method="post" className="space-y-4">
            <Csrf />
            <input type="hidden" name="next" value={next} />
            <label className="block text-sm font-medium">
              {t('login.email')}
              <input
                name="email"
                type="email"
                autoComplete="username"
                required
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
            </label>
            <label className="block text-sm font-medium">
              {t('login.password')}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
            </label>
            <button
              type="submit"
              disabled={busy}
              className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {t('login.submit')}
            </button>
          </Form>
          <p className="mt-4 text-xs text-slate-600">{t('login.demo')}</p>
        </div>
        <div className="mt-4 flex justify-center">
          <LangSwitch />
        </div>
      </div>
    </main>
  );
}
