// Triage: what is at stake today, in money, with the lists behind each figure one click away.
import { useActionData, useFetcher, useLoaderData, Link } from 'react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { Route } from './+types/dashboard';
import { api, load } from '../lib/api.server';
import { formAction, attempt } from '../lib/forms.server';
import { requireUser } from '../lib/session.server';
import { can } from '../lib/roles';
import type { DashboardResponse, StockoutRow } from '../lib/types';
import { pageTitle, useI18n, useRoot } from '../i18n/t';
import { Card, Notice, PageError, PageHeader, pageProblem, StatusBadge, buttonCls } from '../components/ui';
import { Csrf } from '../components/csrf';
import { DataTable, viewOnlyRevalidate } from '../components/data-table';
import { EXPIRY_WINDOWS } from '../lib/expiry';
import { BarPanel } from '../components/lazy-charts';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.dashboard');
export const shouldRevalidate = viewOnlyRevalidate;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  // One call: the KPIs, charts, top lists, actions and the week's ROI, all from one snapshot.
  const d = await load(() => api(context, request, token).get<DashboardResponse | { status?: number }>('/api/dashboard'));
  if (!('kpis' in d)) throw pageProblem('page.planBuilding', 503);
  return d;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { api } = await formAction(request, context, can.refresh);
  return attempt(() => api.send('POST', '/api/plan/refresh'), 'dash.refreshed');
}

export function ErrorBoundary() {
  return <PageError />;
}

const so = createColumnHelper<StockoutRow>();
const wr = createColumnHelper<DashboardResponse['topWaste'][number]>();

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const { t, f, currency, tx } = useI18n();
  const { user } = useRoot();
  const refresh = useFetcher<typeof action>();
  const posted = useActionData<typeof action>();
  const result = refresh.data ?? posted;
  const k = d.kpis;
  const kpis = [
    {
      id: 'inventory-value',
      label: t('dash.inventoryValue'),
      value: k.inventoryValue,
      hint: t('dash.inventoryValue.hint'),
      to: '/skus?sort=capitalLocked.desc',
    },
    ...([30, 60, 90] as const).map((days) => ({
      id: `expiring-${days}`,
      label: t('dash.expiring', { days }),
      value: k.expiring[`d${days}`],
      hint: t('dash.expiring.hint', { days }),
      to: `/lots?days=${days}`,
    })),
    {
      id: 'certain-loss',
      label: t('dash.certainLoss'),
      value: k.certainLoss,
      hint: t('dash.certainLoss.hint'),
      to: '/lots?f_certainLoss=true',
    },
    {
      id: 'stockouts',
      label: t('dash.stockouts'),
      value: k.projectedStockouts,
      count: true,
      hint: t('dash.stockouts.hint'),
      to: '/skus?sort=stockoutDate.asc',
    },
    {
      id: 'reorder-value',
      label: t('dash.reorderValue'),
      value: k.reorderValue,
      hint: t('dash.reorderValue.hintPlain'),
      to: '/skus?sort=order.desc',
    },
    {
      id: 'capital-at-risk',
      label: t('dash.capitalAtRisk'),
      value: k.capitalAtRisk,
      hint: t('dash.capitalAtRisk.hint'),
      to: '/skus?sort=capitalAtRisk.desc',
    },
  ];
  const byBucket = EXPIRY_WINDOWS.map((b) => ({
    name: t(`dash.bucket.${b}`),
    value: d.expiringByBucket.find((x) => x.bucket === b)?.value ?? 0,
  }));
  const byWarehouse = d.capitalAtRiskByWarehouse.map((w) => ({ name: w.warehouse, value: w.value })).sort((a, b) => b.value - a.value);
  const waste = d.topWaste.filter((w) => w.capitalAtRisk > 0);
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
    // The date is the first warehouse's to run out: said with it, as the SKU page says it.
    so.accessor('projectedStockoutDate', {
      header: t('dash.stockoutDate'),
      cell: (c) => (c.row.original.runsOutIn ? `${f.day(c.getValue())} · ${c.row.original.runsOutIn}` : f.day(c.getValue())),
    }),
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
    // The SKU's stock status (availability): a healthy SKU can still hold stock that will expire.
    wr.accessor((r) => r.status.status, {
      id: 'status',
      header: t('dash.stockStatus'),
      cell: (c) => <StatusBadge status={c.getValue()} />,
    }),
    // What the waste simulation expects to expire unsold, and how likely any waste is; the value at risk beside it.
    wr.accessor((r) => r.expectedWasteUnits ?? null, {
      id: 'wasteRisk',
      header: t('dash.wasteRisk'),
      cell: (c) => {
        const r = c.row.original;
        return r.expectedWasteUnits === undefined
          ? '—'
          : t('dash.wasteRisk.value', { units: f.num(r.expectedWasteUnits), pct: f.pct(r.probabilityAnyWaste ?? 0) });
      },
      meta: { numeric: true },
    }),
    wr.accessor('capitalAtRisk', { header: t('dash.atRisk', { currency }), cell: (c) => f.money(c.getValue()), meta: { numeric: true } }),
  ];
  return (
    <div>
      <PageHeader title={t('dash.title')} snapshot={{ asOf: d.snapshot.asOf, builtAt: d.snapshot.computedAt }}>
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
          <BarPanel data={byBucket} format={f.money} axisFormat={f.moneyShort} testId="chart-bucket" />
        </Card>
        <Card title={t('dash.byWarehouse', { currency })}>
          <BarPanel data={byWarehouse} format={f.money} axisFormat={f.moneyShort} testId="chart-warehouse" />
        </Card>
        <Card title={t('dash.topStockouts')}>
          <DataTable
            id="so_"
            label={t('dash.topStockouts')}
            columns={stockoutCols as never}
            data={d.topStockouts}
            toolbar={false}
            compact
          />
        </Card>
        <Card title={t('dash.topWaste')}>
          <DataTable id="w_" label={t('dash.topWaste')} columns={wasteCols as never} data={waste} toolbar={false} compact />
        </Card>
        <Card
          title={t('dash.topActions', { currency })}
          aside={
            <Link className="text-sm text-brand-700 underline" to="/actions">
              {t('dash.allActions')}
            </Link>
          }
        >
          {d.topActions.length ? (
            <ol className="space-y-2 text-sm" data-testid="top-actions">
              {d.topActions.map((a) => (
                <li key={a.id} className="flex items-baseline justify-between gap-3">
                  <Link
                    className="min-w-0 truncate text-brand-700 underline"
                    to={`/actions?sku=${encodeURIComponent(a.sku)}`}
                    title={tx(a, 'reason')}
                  >
                    {t(`act.kind.${a.kind}`)} · {a.sku}
                    {a.warehouse ? ` · ${a.warehouse}` : ''}
                  </Link>
                  <span className="tabular shrink-0">{f.money(a.value)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-600">{t('dash.noActions')}</p>
          )}
        </Card>
        <Card title={t('dash.roiWeek')}>
          <Link to="/roi" className="block" data-testid="roi-week">
            {d.roiWeek ? (
              <>
                <p className="tabular text-2xl font-semibold">{f.money(d.roiWeek.total)}</p>
                <p className="text-xs text-slate-600">
                  {t('dash.roiWeekDetail', {
                    from: f.day(d.roiWeek.weekStart),
                    to: f.day(d.roiWeek.weekEnd),
                    waste: f.money(d.roiWeek.wasteAvoided.value),
                    stockouts: f.money(d.roiWeek.stockoutsAvoided.value),
                  })}
                </p>
              </>
            ) : (
              <p className="text-sm text-slate-600">{t('dash.roiNone')}</p>
            )}
          </Link>
        </Card>
      </div>
    </div>
  );
}
