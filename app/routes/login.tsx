import { data, Form, redirect, useActionData, useLoaderData, useNavigation, type Session } from 'react-router';
import type { Route } from './+types/login';
import { ApiProblem, api, problemSentence, typedClient } from '../lib/api.server';
import { checkCsrf, getSession, newCsrfToken, safeNext, type SessionData, type SessionUser } from '../lib/session.server';
import { companySignIn, finishSignIn, startSignIn } from '../lib/oidc.server';
import { isRole } from '../lib/roles';
import { langOf } from '../lib/lang.server';
import { Csrf } from '../components/csrf';
import { LangSwitch } from '../components/lang-switch';
import { pageTitle, useI18n } from '../i18n/t';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'login.submit');

export async function loader({ request, context }: Route.LoaderArgs) {
  const { session, commit } = await getSession(request, context);
  const url = new URL(request.url);
  // Back from the company's identity provider: finish the sign-in this session started.
  if (url.searchParams.has('state')) {
    const pending = session.get('oidc');
    session.unset('oidc');
    const done = await finishSignIn(context, request, pending, url.searchParams);
    if (!('error' in done)) {
      const signed = await signInSession(context, request, session, done.token, done.user, done.expiresAt);
      if (signed) throw redirect(pending!.next, { headers: { 'Set-Cookie': await commit(session) } });
    }
    if (!session.get('csrf')) session.set('csrf', newCsrfToken());
    return data(
      {
        next: pending?.next ?? '/',
        expired: false,
        csrf: session.get('csrf')!,
        company: null,
        companyQuery: pending?.tenant ?? '',
        companyError: 'error' in done ? done.error : 'Your company gave no Lotwise role for this account.',
      },
      { headers: { 'Set-Cookie': await commit(session) } },
    );
  }
  const next = safeNext(url.searchParams.get('next'));
  if (session.get('token') && (session.get('expiresAt') ?? 0) > Date.now()) throw redirect(next);
  // Anonymous visitors get a session too, so the sign-in form carries a CSRF token.
  if (!session.get('csrf')) session.set('csrf', newCsrfToken());
  // ?company=<id>: does that company sign in through its own identity provider?
  const companyQuery = (url.searchParams.get('company') ?? '').trim().toLowerCase().slice(0, 64);
  const company = companyQuery ? await companySignIn(context, request, companyQuery) : null;
  return data(
    {
      next,
      expired: url.searchParams.has('expired'),
      csrf: session.get('csrf')!,
      company: company && { tenant: company.tenant, name: company.name, host: new URL(company.issuer).host },
      companyQuery,
      companyError: companyQuery && !company ? 'login.noCompany' : null,
    },
    { headers: { 'Set-Cookie': await commit(session) } },
  );
}

/** Puts a verified token and its user into the session; false when the role is not one of Lotwise's. */
async function signInSession(
  context: Route.LoaderArgs['context'],
  request: Request,
  session: Session<SessionData>,
  token: string,
  user: { id: string; email: string; role: string; tenantId: string },
  expiresAt: number,
): Promise<boolean> {
  if (!isRole(user.role)) return false;
  const tenant = await api(context, request, token).get<{ name: string; currency?: string; timeZone?: string }>('/api/tenant');
  const sessionUser: SessionUser = {
    id: user.id,
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
    tenantName: tenant.name,
    currency: tenant.currency ?? 'USD',
    timeZone: tenant.timeZone ?? 'UTC',
  };
  session.set('token', token);
  session.set('user', sessionUser);
  session.set('csrf', newCsrfToken()); // a new token once signed in
  session.set('expiresAt', expiresAt);
  return true;
}

/** What the sign-in form shows after a refused attempt (sent with the refusal's status). */
interface LoginAnswer {
  error: 'login.failed' | 'login.noCompany' | 'login.chooseOrganisation' | null;
  detail: string | null;
  email?: string;
  tenant?: string;
  chooseTenant?: boolean;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, commit } = await getSession(request, context);
  const form = await request.formData();
  checkCsrf(request, form, session.get('csrf'));
  if (form.get('intent') === 'company') {
    const company = await companySignIn(
      context,
      request,
      String(form.get('company') ?? '')
        .trim()
        .toLowerCase(),
    );
    if (!company) return data<LoginAnswer>({ error: 'login.noCompany' as const, detail: null }, { status: 404 });
    const { pending, location } = await startSignIn(request, company, safeNext(String(form.get('next') ?? '/')));
    session.set('oidc', pending);
    throw redirect(location, { headers: { 'Set-Cookie': await commit(session) } });
  }
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const tenant =
    String(form.get('tenant') ?? '')
      .trim()
      .toLowerCase() || undefined;
  const next = safeNext(String(form.get('next') ?? '/'));
  if (!email || !password) return data<LoginAnswer>({ error: 'login.failed' as const, detail: null }, { status: 400 });
  const res = await typedClient(context, request).api.auth.login.$post({ json: { email, password, tenant } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as ApiProblem['body'];
    // Each refusal keeps the API's status (401, 409, 422, 429 …) with the form's sentence.
    const status = Number(res.status);
    if (status === 401) return data<LoginAnswer>({ error: 'login.failed' as const, detail: null, email, tenant }, { status });
    // The email and password fit accounts in several organisations: ask which one (the API names none).
    if (status === 409 && String(body?.type ?? '').endsWith('/tenant-required'))
      return data<LoginAnswer>({ error: 'login.chooseOrganisation' as const, detail: null, email, chooseTenant: true }, { status });
    // A malformed organisation ID is the user's typo: ask again with the field shown.
    if (tenant && status === 422)
      return data<LoginAnswer>({ error: 'login.failed' as const, detail: null, email, chooseTenant: true }, { status });
    return data<LoginAnswer>({ error: null, detail: problemSentence(new ApiProblem(status, body, langOf(request))) }, { status });
  }
  const { token, user } = await res.json();
  const exp = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
  if (!(await signInSession(context, request, session, token, user, (exp.exp ?? Date.now() / 1000 + 3600) * 1000)))
    return data<LoginAnswer>({ error: 'login.failed' as const, detail: null }, { status: 401 });
  throw redirect(next, { headers: { 'Set-Cookie': await commit(session) } });
}

export default function Login() {
  const { next, expired, company, companyQuery, companyError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Shown once the API says this email and password fit several organisations (or one was sent).
  const chooseTenant = !!result && 'chooseTenant' in result && !!result.chooseTenant;
  const tenantSent = result && 'tenant' in result ? result.tenant : undefined;
  const emailSent = result && 'email' in result ? result.email : undefined;
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
                defaultValue={emailSent}
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
            {(chooseTenant || tenantSent) && (
              <label className="block text-sm font-medium">
                {t('login.organisation')}
                <input
                  name="tenant"
                  required
                  maxLength={64}
                  autoComplete="organization"
                  defaultValue={tenantSent ?? ''}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
                />
              </label>
            )}
            <button
              type="submit"
              disabled={busy}
              className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
            >
              {t('login.submit')}
            </button>
          </Form>
          <p className="mt-4 text-xs text-slate-600">{t('login.demo')}</p>
          <div className="mt-5 border-t border-slate-200 pt-4" data-testid="company-sign-in">
            <h2 className="text-sm font-semibold">{t('login.company')}</h2>
            {companyError && (
              <p className="mt-2 rounded-md bg-red-50 p-2 text-xs text-red-800" role="alert">
                {companyError === 'login.noCompany' ? t('login.noCompany') : companyError}
              </p>
            )}
            {company ? (
              <Form method="post" className="mt-2 space-y-2">
                <Csrf />
                <input type="hidden" name="intent" value="company" />
                <input type="hidden" name="company" value={company.tenant} />
                <input type="hidden" name="next" value={next} />
                <p className="text-xs text-slate-600">{t('login.companyVia', { name: company.name, host: company.host })}</p>
                <button
                  type="submit"
                  disabled={busy}
                  className="w-full rounded-md border border-brand-700 px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60"
                >
                  {t('login.companyGo', { name: company.name })}
                </button>
              </Form>
            ) : (
              <Form method="get" className="mt-2 flex gap-2">
                <input type="hidden" name="next" value={next} />
                <label className="sr-only" htmlFor="company">
                  {t('login.companyId')}
                </label>
                <input
                  id="company"
                  name="company"
                  defaultValue={companyQuery}
                  placeholder={t('login.companyId')}
                  maxLength={64}
                  className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
                <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
                  {t('login.companyFind')}
                </button>
              </Form>
            )}
          </div>
        </div>
        <div className="mt-4 flex justify-center">
          <LangSwitch />
        </div>
      </div>
    </main>
  );
}
