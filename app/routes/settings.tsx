// Settings: the tenant (name, service levels, sign-in mode) and, for administrators, users and roles.
import { createColumnHelper } from '@tanstack/react-table';
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import type { Route } from './+types/settings';
import { api, load } from '../lib/api.server';
import { attempt, formAction } from '../lib/forms.server';
import { requireUser } from '../lib/session.server';
import { can, type Role } from '../lib/roles';
import type { Page } from '../lib/types';
import { useI18n, useRoot } from '../i18n/t';
import { Card, Notice, PageError, PageHeader, buttonCls, inputCls } from '../components/ui';
import { Csrf } from '../components/csrf';
import { DataTable } from '../components/data-table';

export const meta: Route.MetaFunction = () => [{ title: 'Settings · Lotwise' }];

interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}
interface Tenant {
  id: string;
  name: string;
  currency?: string;
  timeZone?: string;
  settings: { serviceLevels: Record<string, number>; alertWebhookUrl?: string };
  oidc: { issuer: string; audience: string; roleClaim: string } | null;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token, user } = await requireUser(request, context);
  const a = api(context, request, token);
  return load(async () => {
    const [tenant, users] = await Promise.all([
      a.get<Tenant>('/api/tenant'),
      can.manageUsers(user.role) ? a.get<Page<User>>('/api/users', { pageSize: 200 }) : Promise.resolve(null),
    ]);
    return { tenant, users: users?.items ?? null };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context, can.manageUsers);
  const s = (k: string) => String(form.get(k) ?? '').trim();
  if (s('intent') === 'create-user') {
    return attempt(
      () =>
        api.send('POST', '/api/users', {
          email: s('email'),
          name: s('name'),
          role: s('role'),
          password: String(form.get('password') ?? ''),
        }),
      'set.created',
    );
  }
  if (s('intent') === 'toggle-user') {
    return attempt(() => api.send('PATCH', `/api/users/${encodeURIComponent(s('id'))}`, { active: s('active') === 'true' }), 'set.saved');
  }
  const levels: Record<string, number> = {};
  for (const [k, v] of form.entries()) if (k.startsWith('sl_') && String(v)) levels[k.slice(3)] = Number(v) / 100;
  return attempt(() => api.send('PATCH', '/api/tenant', { name: s('name'), settings: { serviceLevels: levels } }), 'set.saved');
}

export function ErrorBoundary() {
  return <PageError />;
}

const col = createColumnHelper<User>();
const ROLES: Role[] = ['admin', 'approver', 'planner', 'staff', 'auditor'];

export default function Settings() {
  const { tenant, users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { t, f } = useI18n();
  const { user } = useRoot();
  const admin = user ? can.manageUsers(user.role) : false;
  const columns = [
    col.accessor('email', { header: t('login.email') }),
    col.accessor('name', { header: t('common.name') }),
    col.accessor('role', { header: t('set.role'), cell: (c) => t(`role.${c.getValue()}`) }),
    col.accessor('active', {
      header: t('set.active'),
      cell: (c) => (
        <Form method="post" className="inline">
          <Csrf />
          <input type="hidden" name="intent" value="toggle-user" />
          <input type="hidden" name="id" value={c.row.original.id} />
          <input type="hidden" name="active" value={String(!c.getValue())} />
          <button className="text-xs text-brand-700 underline" disabled={c.row.original.email === user?.email}>
            {c.getValue() ? t('set.deactivate') : t('set.activate')}
          </button>
        </Form>
      ),
    }),
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.settings')} />
      {result &&
        (result.ok ? (
          <Notice kind="ok">{t(result.message === 'set.created' ? 'set.created' : 'set.saved')}</Notice>
        ) : (
          <Notice kind="error">{result.error}</Notice>
        ))}
      <Card title={t('set.tenant')}>
        <Form method="post" className="space-y-3">
          <Csrf />
          <input type="hidden" name="intent" value="tenant" />
          <label className="block text-sm">
            {t('common.name')}
            <input name="name" defaultValue={tenant.name} disabled={!admin} className={`${inputCls} mt-1 block w-full max-w-md`} />
          </label>
          <dl className="grid max-w-md grid-cols-2 gap-1 text-sm">
            <dt className="text-slate-600">{t('set.currency')}</dt>
            <dd>{tenant.currency ?? user?.currency}</dd>
            <dt className="text-slate-600">{t('set.timeZone')}</dt>
            <dd>{tenant.timeZone ?? user?.timeZone}</dd>
            <dt className="text-slate-600">{t('set.signIn')}</dt>
            <dd>{tenant.oidc ? t('set.oidc', { issuer: tenant.oidc.issuer }) : t('set.password')}</dd>
          </dl>
          <fieldset>
            <legend className="text-sm font-medium">{t('set.serviceLevels')}</legend>
            <div className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-9">
              {Object.entries(tenant.settings.serviceLevels).map(([k, v]) => (
                <label key={k} className="text-xs">
                  {k}
                  <input
                    name={`sl_${k}`}
                    type="number"
                    step="0.1"
                    min="50"
                    max="99.99"
                    defaultValue={+(v * 100).toFixed(2)}
                    disabled={!admin}
                    className={`${inputCls} mt-1 block w-full`}
                  />
                </label>
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-600">{t('set.slHint', { example: f.pct(0.95) })}</p>
          </fieldset>
          {admin && (
            <button className={buttonCls} disabled={busy}>
              {t('common.save')}
            </button>
          )}
        </Form>
      </Card>
      {admin && users && (
        <Card title={t('set.users')}>
          <DataTable label={t('set.users')} columns={columns as never} data={users} toolbar={false} compact rowTestId="user-row" />
          <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <Csrf />
            <input type="hidden" name="intent" value="create-user" />
            <label className="text-sm">
              {t('login.email')}
              <input name="email" type="email" required className={`${inputCls} mt-1 block w-full`} />
            </label>
            <label className="text-sm">
              {t('common.name')}
              <input name="name" className={`${inputCls} mt-1 block w-full`} />
            </label>
            <label className="text-sm">
              {t('set.role')}
              <select name="role" className={`${inputCls} mt-1 block w-full`} defaultValue="planner">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              {t('set.initialPassword')}
              <input
                name="password"
                type="password"
                minLength={12}
                required
                autoComplete="new-password"
                className={`${inputCls} mt-1 block w-full`}
              />
            </label>
            <div className="flex items-end">
              <button className={buttonCls} disabled={busy}>
                {t('set.createUser')}
              </button>
            </div>
          </Form>
        </Card>
      )}
    </div>
  );
}
