// Alerts: what was raised and when, to which channels it went and how each receiver answered;
// acknowledge one to say someone is on it. Planners and admins (the API's planning:write).
import { Form, Link, useActionData, useLoaderData, useSearchParams } from 'react-router';
import type { Route } from './+types/alerts';
import { api, load } from '../lib/api.server';
import { attempt, formAction } from '../lib/forms.server';
import { requireUser } from '../lib/session.server';
import { queryOf } from '../lib/query';
import { can } from '../lib/roles';
import type { Alert, AlertDelivery, Page } from '../lib/types';
import { pageTitle, useI18n, useRoot } from '../i18n/t';
import { Empty, Notice, PageError, PageHeader, pageProblem, ghostCls, inputCls } from '../components/ui';
import { Csrf } from '../components/csrf';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.alerts');

type Delivery = AlertDelivery;

const SEVERITIES = ['critical', 'warning', 'info'] as const;
const KINDS = ['stock-critical', 'stockout', 'expiry', 'certain-loss', 'import-failed', 'refresh-failed', 'dead-letter'] as const;
const PAGE_SIZE = 25;
const SEVERITY_CLS = {
  critical: 'bg-red-100 text-red-800 ring-red-200',
  warning: 'bg-amber-100 text-amber-900 ring-amber-200',
  info: 'bg-sky-100 text-sky-900 ring-sky-200',
} as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token, user } = await requireUser(request, context);
  if (!can.alerts(user.role)) throw pageProblem('refused.alerts', 403);
  const a = api(context, request, token);
  const read = queryOf(request);
  const page = read.int('page', 1) ?? 1;
  return load(async () => {
    const list = await a.get<Page<Alert>>('/api/alerts', {
      severity: read.choice('severity', SEVERITIES, (s) => `alerts.sev.${s}`),
      kind: read.choice('kind', KINDS, (k) => `alerts.kind.${k}`),
      state: read.choice('state', ['open', 'cleared'] as const, (s) => `alerts.${s}`),
      page,
      pageSize: PAGE_SIZE,
    });
    const deliveries = await Promise.all(
      list.items.map((x) => a.get<{ items: Delivery[] }>(`/api/alerts/${encodeURIComponent(x.id)}/deliveries`)),
    );
    return { ...list, items: list.items.map((x, i) => ({ ...x, sent: deliveries[i].items })) };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context);
  return attempt(() => api.send('POST', `/api/alerts/${encodeURIComponent(String(form.get('id') ?? ''))}/acknowledge`), 'alerts.acked');
}

export function ErrorBoundary() {
  return <PageError />;
}

export default function Alerts() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, f, tx } = useI18n();
  const { user } = useRoot();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const pageLink = (p: number) => {
    const n = new URLSearchParams(params);
    n.set('page', String(p));
    return `?${n}`;
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.alerts')}>
        {user && can.manageChannels(user.role) && (
          <Link className={ghostCls} to="/settings#alert-channels">
            {t('alerts.channels')}
          </Link>
        )}
      </PageHeader>
      {result && (result.ok ? <Notice kind="ok">{t('alerts.acked')}</Notice> : <Notice kind="error">{result.error}</Notice>)}
      <Form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="text-xs text-slate-700">
          {t('alerts.severity')}
          <select name="severity" defaultValue={params.get('severity') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`alerts.sev.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-700">
          {t('alerts.kind')}
          <select name="kind" defaultValue={params.get('kind') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`alerts.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-700">
          {t('common.status')}
          <select name="state" defaultValue={params.get('state') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            <option value="open">{t('alerts.open')}</option>
            <option value="cleared">{t('alerts.cleared')}</option>
          </select>
        </label>
        <button className={ghostCls}>{t('common.filter')}</button>
      </Form>
      {data.items.length === 0 ? (
        <Empty>{t('alerts.empty')}</Empty>
      ) : (
        <ul className="space-y-3">
          {data.items.map((a) => (
            <li key={a.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="alert" data-kind={a.kind}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="text-sm">
                    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${SEVERITY_CLS[a.severity]}`}>
                      {t(`alerts.sev.${a.severity}`)}
                    </span>{' '}
                    <strong>{t(`alerts.kind.${a.kind}` as 'alerts.kind.stockout')}</strong> · {f.time(a.createdAt)}
                    {a.clearedAt && (
                      <span className="ml-2 text-xs text-slate-600">{t('alerts.clearedAt', { when: f.time(a.clearedAt) })}</span>
                    )}
                  </p>
                  <p className="mt-1 text-sm text-slate-800">{tx(a, 'message')}</p>
                </div>
                {a.acknowledgedAt ? (
                  <p className="text-xs text-slate-700" data-testid="acked">
                    {t('alerts.ackedBy', { who: a.acknowledgedBy ?? '', when: f.time(a.acknowledgedAt) })}
                  </p>
                ) : (
                  <Form method="post">
                    <Csrf />
                    <input type="hidden" name="id" value={a.id} />
                    <button className={ghostCls}>{t('alerts.acknowledge')}</button>
                  </Form>
                )}
              </div>
              {a.sent.length === 0 ? (
                <p className="mt-2 text-xs text-slate-600">{t('alerts.noDeliveries')}</p>
              ) : (
                <table className="mt-2 min-w-full text-xs" aria-label={t('alerts.deliveries')}>
                  <thead className="text-left text-slate-700">
                    <tr>
                      <th scope="col" className="pr-3">
                        {t('alerts.channel')}
                      </th>
                      <th scope="col" className="pr-3">
                        {t('common.status')}
                      </th>
                      <th scope="col" className="pr-3">
                        {t('alerts.attempts')}
                      </th>
                      <th scope="col" className="pr-3">
                        {t('alerts.answer')}
                      </th>
                      <th scope="col">{t('alerts.sentAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.sent.map((d) => (
                      <tr key={d.id} data-testid="delivery" data-status={d.status}>
                        <td className="pr-3">
                          {d.channelName ?? d.channelId} {d.channelType ? `(${d.channelType})` : ''}
                        </td>
                        <td className="pr-3">{t(`alerts.dstatus.${d.status}` as 'alerts.dstatus.sent')}</td>
                        <td className="pr-3">{d.attempts}</td>
                        <td className="pr-3">{d.responseStatus ? `HTTP ${d.responseStatus}` : (d.error ?? '—')}</td>
                        <td>{f.time(d.sentAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={t('alerts.pages')} className="flex items-center gap-2 text-xs">
          <span>{t('common.page', { page: data.page, pages, total: data.total })}</span>
          {data.page > 1 && (
            <Link className={ghostCls} to={pageLink(data.page - 1)}>
              {t('common.prev')}
            </Link>
          )}
          {data.page < pages && (
            <Link className={ghostCls} to={pageLink(data.page + 1)}>
              {t('common.next')}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
