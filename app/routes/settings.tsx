// Settings: the tenant (name, time zone, currency, holiday calendar, service levels, approval threshold, company
// sign-in through OIDC) and, for administrators, users and roles. Secrets are write-only.
import { createColumnHelper } from '@tanstack/react-table';
import { Form, useActionData, useLoaderData, useNavigation } from 'react-router';
import type { Route } from './+types/settings';
import { api, load } from '../lib/api.server';
import { attempt, formAction } from '../lib/forms.server';
import { tenantFieldErrors, tenantPatch } from '../lib/settings-fields';
import { requireUser } from '../lib/session.server';
import { can, type Role } from '../lib/roles';
import type { Page } from '../lib/types';
import { pageTitle, useI18n, useRoot } from '../i18n/t';
import { Card, Field, FieldError, Notice, PageError, PageHeader, buttonCls, inputCls } from '../components/ui';
import { Csrf } from '../components/csrf';
import { DataTable } from '../components/data-table';
import { BATCH_SIZE, BatchNav, batchOf } from '../components/batch';
import { AlertChannels } from '../components/alert-channels';
import type { UserRow } from '../lib/types';
import type { TenantView } from '../lib/types';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.settings');

type User = UserRow;
type Tenant = TenantView;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token, user } = await requireUser(request, context);
  const a = api(context, request, token);
  const batch = batchOf(new URL(request.url));
  return load(async () => {
    const [tenant, users] = await Promise.all([
      a.get<Tenant>('/api/tenant'),
      can.manageUsers(user.role) ? a.get<Page<User>>('/api/users', { page: batch, pageSize: BATCH_SIZE }) : Promise.resolve(null),
    ]);
    return { tenant, users: users?.items ?? null, usersTotal: users?.total ?? 0, batch };
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
  return attempt(() => api.send('PATCH', '/api/tenant', tenantPatch(form)), 'set.saved', 'tenant');
}

export function ErrorBoundary() {
  return <PageError />;
}

const col = createColumnHelper<User>();
const ROLES: Role[] = ['admin', 'approver', 'planner', 'staff', 'auditor'];

export default function Settings() {
  const { tenant, users, usersTotal, batch } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { t, f } = useI18n();
  const { user } = useRoot();
  const admin = user ? can.manageUsers(user.role) : false;
  // Each refused field's sentence next to it, in the page's language (the API's Korean on Korean pages).
  const fe: Record<string, string | undefined> = result && !result.ok && result.form === 'tenant' ? tenantFieldErrors(result.fields) : {};
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
          <Field
            label={t('common.name')}
            inputClassName="max-w-md"
            name="name"
            error={fe.name}
            defaultValue={tenant.name}
            disabled={!admin}
          />
          <div className="grid max-w-2xl gap-3 sm:grid-cols-2">
            <Field
              label={t('set.timeZone')}
              name="timeZone"
              error={fe.timeZone}
              defaultValue={tenant.timeZone ?? user?.timeZone}
              disabled={!admin}
              maxLength={64}
              placeholder="Asia/Seoul"
            />
            <Field
              label={t('set.currency')}
              inputClassName="uppercase"
              name="currency"
              error={fe.currency}
              defaultValue={tenant.currency ?? user?.currency}
              disabled={!admin}
              maxLength={3}
              pattern="[A-Za-z]{3}"
            />
            <Field
              label={t('set.approvalThreshold', { currency: tenant.currency ?? user?.currency ?? '' })}
              hint={t('set.approvalThresholdHint')}
              name="approvalThreshold"
              error={fe.approvalThreshold}
              type="number"
              min={0}
              step="any"
              defaultValue={tenant.settings.actions?.approvalThreshold}
              disabled={!admin}
            />
            <Field
              label={t('set.maxDiscount')}
              name="maxDiscount"
              error={fe.maxDiscount}
              type="number"
              min={0}
              max={90}
              step="any"
              defaultValue={tenant.settings.actions ? +(tenant.settings.actions.maxDiscount * 100).toFixed(2) : undefined}
              disabled={!admin}
            />
            <label className="block text-sm">
              {t('set.holidayCalendar')}
              <select
                name="holidayCalendar"
                className={`${inputCls} mt-1 block w-full`}
                defaultValue={tenant.settings.holidayCalendar}
                disabled={!admin}
              >
                <option value="none">{t('set.holidays.none')}</option>
                <option value="korea">{t('set.holidays.korea')}</option>
              </select>
              <span className="text-xs text-slate-600">{t('set.holidayCalendarHint')}</span>
              <FieldError message={fe.holidayCalendar} />
            </label>
          </div>
          <fieldset>
            <legend className="text-sm font-medium">{t('set.serviceLevels')}</legend>
            <div className="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-9">
              {Object.entries(tenant.settings.serviceLevels).map(([k, v]) => (
                <Field
                  key={k}
                  className="text-xs"
                  label={k}
                  name={`sl_${k}`}
                  error={fe[`sl_${k}`]}
                  type="number"
                  step="0.1"
                  min="50"
                  max="99.99"
                  defaultValue={+(v * 100).toFixed(2)}
                  disabled={!admin}
                />
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-600">{t('set.slHint', { example: f.pct(0.95) })}</p>
          </fieldset>
          <fieldset className="max-w-2xl" data-testid="oidc-settings">
            <legend className="text-sm font-medium">{t('set.signIn')}</legend>
            <p className="mt-1 text-xs text-slate-600" data-testid="sign-in-mode">
              {tenant.oidc ? t('set.oidc', { issuer: tenant.oidc.issuer }) : t('set.password')}
            </p>
            {admin && (
              <div className="mt-2 grid gap-3 sm:grid-cols-2">
                <Field
                  label={t('set.oidcIssuer')}
                  name="oidcIssuer"
                  error={fe.oidcIssuer}
                  type="url"
                  defaultValue={tenant.oidc?.issuer ?? undefined}
                  maxLength={500}
                />
                <Field
                  label={t('set.oidcJwks')}
                  name="oidcJwksUrl"
                  error={fe.oidcJwksUrl}
                  type="url"
                  defaultValue={tenant.oidc?.jwksUrl ?? undefined}
                  maxLength={500}
                />
                <Field
                  label={t('set.oidcClientId')}
                  name="oidcClientId"
                  error={fe.oidcClientId}
                  defaultValue={tenant.oidc?.clientId ?? undefined}
                  maxLength={500}
                />
                <Field
                  label={t('set.oidcAudience')}
                  name="oidcAudience"
                  error={fe.oidcAudience}
                  defaultValue={tenant.oidc?.audience ?? undefined}
                  maxLength={500}
                />
                <Field
                  label={t('set.oidcRoleClaim')}
                  name="oidcRoleClaim"
                  error={fe.oidcRoleClaim}
                  defaultValue={tenant.oidc?.roleClaim ?? 'role'}
                  maxLength={100}
                />
                <Field
                  label={t('set.oidcSecret')}
                  name="oidcClientSecret"
                  error={fe.oidcClientSecret}
                  type="password"
                  autoComplete="new-password"
                  maxLength={1000}
                  placeholder={tenant.oidc?.clientSecretSet ? t('set.oidcSecretKept') : t('set.oidcSecretNone')}
                />
                {tenant.oidc && (
                  <label className="flex items-center gap-2 text-sm sm:col-span-2">
                    <input type="checkbox" name="oidcRemove" />
                    {t('set.oidcRemove')}
                  </label>
                )}
              </div>
            )}
          </fieldset>
          {admin && (
            <button className={buttonCls} disabled={busy}>
              {t('common.save')}
            </button>
          )}
        </Form>
      </Card>
      {/* Alert channels: their own component, added here with one line. */}
      {admin && users && (
        <Card title={t('set.users')}>
          <BatchNav total={usersTotal} batch={batch} />
          <DataTable label={t('set.users')} columns={columns as never} data={users} toolbar={false} compact rowTestId="user-row" />
          <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            <Csrf />
            <input type="hidden" name="intent" value="create-user" />
            <Field className="text-sm" label={t('login.email')} name="email" type="email" required />
            <Field className="text-sm" label={t('common.name')} name="name" />
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
            <Field
              className="text-sm"
              label={t('set.initialPassword')}
              name="password"
              type="password"
              minLength={12}
              required
              autoComplete="new-password"
            />
            <div className="flex items-end">
              <button className={buttonCls} disabled={busy}>
                {t('set.createUser')}
              </button>
            </div>
          </Form>
        </Card>
      )}
      <AlertChannels />
    </div>
  );
}
