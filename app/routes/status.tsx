// Status (admins, auditors): is the data fresh, did jobs and imports work, are the queues drained,
// is the API healthy, and how the optional Ask model has been doing this month.
import { useLoaderData } from 'react-router';
import type { Route } from './+types/status';
import { api, load } from '../lib/api.server';
import type { StatusResponse } from '../lib/types';
import { requireUser } from '../lib/session.server';
import { can } from '../lib/roles';
import { entityLabel, pageTitle, useI18n } from '../i18n/t';
import { Card, Empty, PageError, PageHeader, pageProblem } from '../components/ui';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.status');

const RUN_STATES = { running: 'status.run.running', done: 'status.run.done', failed: 'status.run.failed' } as const;

/** A job run's state in the reader's language (a state this page does not know is shown as it is). */
function runState(status: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = RUN_STATES[status as keyof typeof RUN_STATES];
  return key ? t(key) : status;
}

/**
 * A refresh's recorded result (the API gives it as an object; worker/planning/refresh/job.ts writes
 * it) in words; any other run (a failure's message, "superseded by …") shows its text as it is.
 */
type JobRun = StatusResponse['jobs'][number];
function runOutcome(run: Pick<JobRun, 'outcome' | 'result'>, t: ReturnType<typeof useI18n>['t'], num: (n: number) => string): string {
  const o = run.result as { skus?: unknown; ordersRecommended?: unknown; newAlerts?: unknown; actions?: { created?: unknown } } | null;
  // A refresh the resume gave up on (worker/planning/refresh/job.ts).
  if (run.outcome === 'gave up: no progress') return t('status.gaveUp');
  if (typeof o?.skus !== 'number') return run.outcome;
  const n = (v: unknown) => num(typeof v === 'number' ? v : 0);
  return t('status.refreshOutcome', {
    skus: n(o.skus),
    orders: n(o.ordersRecommended),
    alerts: n(o.newAlerts),
    actions: n(o.actions?.created),
  });
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token, user } = await requireUser(request, context);
  if (!can.readStatus(user.role)) throw pageProblem('refused.status', 403);
  return load(() => api(context, request, token).get<StatusResponse>('/api/status'));
}

export function ErrorBoundary() {
  return <PageError />;
}

function Stat({ label, value, bad, id }: { label: string; value: string; bad?: boolean; id: string }) {
  return (
    <div className={`rounded-xl border bg-white p-3 ${bad ? 'border-red-300' : 'border-slate-200'}`} data-testid={`status-${id}`}>
      <p className="text-xs text-slate-600">{label}</p>
      <p className={`tabular text-xl font-semibold ${bad ? 'text-red-800' : ''}`}>{value}</p>
    </div>
  );
}

export default function StatusPage() {
  const s = useLoaderData<typeof loader>();
  const { t, f, tx } = useI18n();
  const ms = (n: number | null) => (n === null ? '—' : n < 1000 ? `${f.num(n)} ms` : `${f.num(n / 1000, 1)} s`);
  const refreshes = s.jobs.filter((j) => j.job === 'refresh' || j.job.includes('refresh'));
  const failures = s.imports.recentFailures;
  const slow = s.api.routes.slice(0, 10);
  const dead = s.deadLetters.last24h;
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.status')}>
        <span className="text-xs text-slate-600">{t('status.asOf', { time: f.time(s.asOf) })}</span>
      </PageHeader>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat
          id="refresh-age"
          label={t('status.lastGoodRefresh')}
          value={s.refresh.lastSuccess ? f.ago(s.refresh.lastSuccess.scheduledTime) : t('status.never')}
          bad={!s.refresh.lastSuccess || (s.refresh.ageSeconds ?? 0) > 2 * 3600}
        />
        <Stat id="backlog" label={t('status.importBacklog')} value={f.num(s.imports.backlog)} />
        <Stat id="dead-letters" label={t('status.deadLetters')} value={f.num(dead)} bad={dead > 0} />
        <Stat
          id="api-errors"
          label={t('status.apiErrors', { m: s.api.windowMinutes })}
          value={`${f.num(s.api.errors5xx)} / ${f.num(s.api.errors4xx)}`}
          bad={s.api.errors5xx > 0}
        />
      </div>
      <Card title={t('status.refreshes')}>
        {refreshes.length === 0 ? (
          <Empty />
        ) : (
          <table className="min-w-full text-sm" aria-label={t('status.refreshes')}>
            <thead className="text-left text-xs uppercase text-slate-700">
              <tr>
                <th scope="col" className="px-2 py-1">
                  {t('status.when')}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t('common.status')}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t('status.duration')}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t('status.outcome')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {refreshes.map((j) => (
                <tr key={`${j.job}-${j.scheduledTime}`} data-testid="refresh-run">
                  <td className="px-2 py-1">{f.time(j.scheduledTime)}</td>
                  <td className="px-2 py-1">{runState(j.status, t)}</td>
                  <td className="tabular px-2 py-1 text-right">{ms(j.durationMs)}</td>
                  <td className="px-2 py-1 text-slate-700">{runOutcome(j, t, f.num)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('status.imports')}>
          <p className="text-sm">{t('status.importFigures', { backlog: s.imports.backlog, failed: s.imports.failed })}</p>
          {failures.length > 0 && (
            <ul className="mt-2 space-y-1 text-sm">
              {failures.map((x) => (
                <li key={x.id}>
                  {f.time(x.updatedAt)} · {x.fileName} ({entityLabel(t, x.entity)}) —{' '}
                  <span className="text-slate-700">{x.message ? tx({ message: x.message, messageKo: x.messageKo }, 'message') : ''}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('status.queues')}>
          <p className="text-sm">{t('status.queueFigures', { dead, failed: s.alerts.failedDeliveries24h, open: s.alerts.open })}</p>
          <ul className="mt-2 space-y-1 text-sm">
            {s.jobs
              .filter((j) => !refreshes.includes(j))
              .slice(0, 8)
              .map((j) => (
                <li key={`${j.job}-${j.scheduledTime}`}>
                  {f.time(j.scheduledTime)} · {j.job} · {runState(j.status, t)} · {ms(j.durationMs)}
                </li>
              ))}
          </ul>
        </Card>
      </div>
      <Card title={t('status.api', { m: s.api.windowMinutes, n: f.num(s.api.requests) })}>
        {slow.length === 0 ? (
          <Empty />
        ) : (
          <table className="min-w-full text-sm" aria-label={t('status.slowRoutes')}>
            <thead className="text-left text-xs uppercase text-slate-700">
              <tr>
                <th scope="col" className="px-2 py-1">
                  {t('status.route')}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t('status.requests')}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  4xx
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  5xx
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t('status.mean')}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  p95
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {slow.map((r) => (
                <tr key={`${r.method} ${r.route}`}>
                  <td className="px-2 py-1 font-mono text-xs">
                    {r.method} {r.route}
                  </td>
                  <td className="tabular px-2 py-1 text-right">{f.num(r.requests)}</td>
                  <td className="tabular px-2 py-1 text-right">{f.num(r.errors4xx)}</td>
                  <td className="tabular px-2 py-1 text-right">{f.num(r.errors5xx)}</td>
                  <td className="tabular px-2 py-1 text-right">{ms(r.meanMs)}</td>
                  <td className="tabular px-2 py-1 text-right">{ms(r.p95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t('status.model')}>
        {s.model ? (
          <p className="text-sm" data-testid="model-calls">
            {t('status.modelFigures', {
              month: s.model.month,
              calls: s.model.calls,
              ok: s.model.ok,
              repaired: s.model.repaired,
              failed: s.model.malformed + s.model.errors + s.model.timeouts,
              slow: s.model.slow,
              spent: `$${s.model.spentUsd.toFixed(2)}`,
            })}
          </p>
        ) : (
          <Empty />
        )}
      </Card>
    </div>
  );
}
