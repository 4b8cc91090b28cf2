// Triage: what is at stake today, in money, with the lists behind each figure one click away.
import { useActionData, useFetcher, useLoaderData, Link } from 'react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { Route } from './+types/dashboard';
import { api, load } from '../lib/api.server';
import { formAction, attempt } from '../lib/forms.server';
import { requireUser } from '../lib/session.server';
import { can } from '../lib/roles';
import type { Bucket, ExpiringResponse, InsightRow, Page, PlanResponse, Snapshot, StockoutRow } from '../lib/types';
import { useI18n, useRoot } from '../i18n/t';
import { Card, Notice, PageError, PageHeader, StatusBadge, buttonCls } from '../components/ui';
import { Csrf } from '../components/csrf';
import { DataTable, viewOnlyRevalidate } from '../components/data-table';
import { BarPanel } from '../components/lazy-charts';

export const meta: Route.MetaFunction = () => [{ title: 'Dashboard · Lotwise' }];
export const shouldRevalidate = viewOnlyRevalidate;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  return load(async () => {
    const [plan, e30, e60, e90, stockouts, waste] = await Promise.all([
      a.get<PlanResponse>('/api/plan'),
      a.get<ExpiringResponse>('/api/expiring', { days: 30, pageSize: 1 }),
      a.get<ExpiringResponse>('/api/expiring', { days: 60, pageSize: 1 }),
      a.get<ExpiringResponse>('/api/expiring', { days: 90, pageSize: 1 }),
      a.get<Snapshot & Page<StockoutRow>>('/api/stockouts', { days: 30, pageSize: 8 }),
      a.get<Snapshot & Page<InsightRow>>('/api/insights', { sort: 'capitalAtRisk', pageSize: 8 }),
    ]);
    return {
      plan,
      expiring: { 30: e30.totals.value, 60: e60.totals.value, 90: e90.totals.value },
      stockouts: { total: stockouts.total, items: stockouts.items },
      waste: waste.items.filter((w) => w.capitalAtRisk > 0),
    };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const { api } = await formAction(request, context, can.refresh);
  return attempt(() => api.send('POST', '/api/plan/refresh'), 'dash.refreshed');
}

export function ErrorBoundary() {
  return <PageError />;
}

const BUCKETS: Bucket[] = ['within-30', 'within-60', 'within-90', 'later'];
const so = createColumnHelper<StockoutRow>();
const wr = createColumnHelper<InsightRow>();

export default function Dashboard() {
  const { plan, expiring, stockouts, waste } = useLoaderData<typeof loader>();
  const { t, f, currency } = useI18n();
  const { user } = useRoot();
  const refresh = useFetcher<typeof action>();
  const posted = useActionData<typeof action>();
  const result = refresh.data ?? posted;
  const kpis = [
    {
      id: 'inventory-value',
      label: t('dash.inventoryValue'),
      value: plan.totals.capitalLocked,
      hint: t('dash.inventoryValue.hint'),
      to: '/skus?sort=capitalLocked.desc',
    },
    ...([30, 60, 90] as const).map((d) => ({
      id: `expiring-${d}`,
      label: t('dash.expiring', { days: d }),
      value: expiring[d],
      hint: t('dash.expiring.hint', { days: d }),
      to: `/lots?days=${d}`,
    })),
    {
      id: 'certain-loss',
      label: t('dash.certainLoss'),
      value: plan.waste.total.unsellableValue,
      hint: t('dash.certainLoss.hint'),
      to: '/lots?f_expired=true',
    },
    {
      id: 'stockouts',
      label: t('dash.stockouts'),
      value: stockouts.total,
      count: true,
      hint: t('dash.stockouts.hint'),
      to: '/skus?sort=stockoutDate.asc',
    },
    {
      id: 'reorder-value',
      label: t('dash.reorderValue'),
      value: plan.totals.orderValue,
      hint: t('dash.reorderValue.hint', { count: plan.totals.ordersRecommended }),
      to: '/skus?sort=order.desc',
    },
    {
      id: 'capital-at-risk',
      label: t('dash.capitalAtRisk'),
      value: plan.totals.capitalAtRisk,
      hint: t('dash.capitalAtRisk.hint'),
      to: '/skus?sort=capitalAtRisk.desc',
    },
  ];
  const byBucket = BUCKETS.map((b) => ({ name: t(`dash.bucket.${b}`), value: plan.waste.byBucket[b]?.valueAtRisk ?? 0 }));
  const byWarehouse = Object.entries(plan.waste.byWarehouse)
    .map(([name, w]) => ({ name, value: w.valueAtRisk }))
    .sort((a, b) => b.value - a.value);
  const stockoutCols = [
    so.accessor('sku', {
      header: t('common.sku'),
      cell: (c) => (
        <Link className="font-medium text-brand-700 underline" to={`/skus/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    so.accessor('name', { header: t('common.name') }),
    so.accessor('projectedStockoutDate', { header: t('dash.stockoutDate'), cell: (c) => f.day(c.getValue()) }),
    so.accessor('stockoutProbability', { header: t('dash.probability'), cell: (c) => f.pct(c.getValue()), meta: { numeric: true } }),
  ];
  const wasteCols = [
    wr.accessor('sku', {
      header: t('common.sku'),
      cell: (c) => (
        <Link className="font-medium text-brand-700 underline" to={`/skus/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    wr.accessor('name', { header: t('common.name') }),
    wr.accessor((r) => r.status.status, { id: 'status', header: t('common.status'), cell: (c) => <StatusBadge status={c.getValue()} /> }),
    wr.accessor('capitalAtRisk', { header: t('dash.atRisk', { currency }), cell: (c) => f.money(c.getValue()), meta: { numeric: true } }),
  ];
  return (
    <div>
      <PageHeader title={t('dash.title')} snapshot={plan}>
        {user && can.refresh(user.role) && (
          <refresh.Form method="post">
            <Csrf />
            <button className={buttonCls} disabled={refresh.state !== 'idle'}>
              {refresh.state !== 'idle' ? t('common.loading') : t('dash.refresh')}
            </button>
          </refresh.Form>
        )}
      </PageHeader>
      {result && (
        <div className="mb-4">
          {result.ok ? <Notice kind="ok">{t('dash.refreshed')}</Notice> : <Notice kind="error">{result.error}</Notice>}
        </div>
      )}
      <section aria-label={t('dash.kpis')} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {kpis.map((k) => (
          <Link
            key={k.id}
            to={k.to}
            data-testid={`kpi-${k.id}`}
            data-value={k.value}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-600"
            title={k.hint}
          >
            <p className="text-xs font-medium text-slate-600">{k.label}</p>
            <p className="tabular mt-1 text-2xl font-semibold" data-testid="kpi-value">
              {'count' in k ? f.num(k.value) : f.money(k.value)}
            </p>
            <p className="mt-1 line-clamp-2 text-xs text-slate-600">{k.hint}</p>
          </Link>
        ))}
      </section>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={t('dash.byBucket', { currency })}>
          <BarPanel data={byBucket} format={f.money} testId="chart-bucket" />
        </Card>
        <Card title={t('dash.byWarehouse', { currency })}>
          <BarPanel data={byWarehouse} format={f.money} testId="chart-warehouse" />
        </Card>
        <Card title={t('dash.topStockouts')}>
          <DataTable
            id="so_"
            label={t('dash.topStockouts')}
            columns={stockoutCols as never}
            data={stockouts.items}
            toolbar={false}
            compact
          />
        </Card>
        <Card title={t('dash.topWaste')}>
          <DataTable id="w_" label={t('dash.topWaste')} columns={wasteCols as never} data={waste} toolbar={false} compact />
        </Card>
      </div>
    </div>
  );
}
