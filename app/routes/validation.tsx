// Forecast against what actually sold: each SKU forecast on history before the last N days.
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/validation';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { Page, Snapshot } from '../lib/types';
import { modelLabel, pageTitle, useI18n } from '../i18n/t';
import { Card, PageError, PageHeader } from '../components/ui';
import { DataTable, viewOnlyRevalidate, type ColumnInfo } from '../components/data-table';
import type { ForecastValidationResponse } from '../lib/types';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.validation');
export const shouldRevalidate = viewOnlyRevalidate;

type Item = ForecastValidationResponse['items'][number];

const PAGE = 90;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  type Answer = Snapshot & Page<Item> & { holdoutDays: number };
  // Asked in pages of 90: a larger page exceeds what the API can bind in one query.
  return load(() => a.all<Answer>('/api/forecast-validation', {}, PAGE));
}

export function ErrorBoundary() {
  return <PageError />;
}

type Row = {
  sku: string;
  name: string;
  model: string;
  actual: number | null;
  forecast: number | null;
  wape: number | null;
  bias: number | null;
  mase: number | null;
};
const col = createColumnHelper<Row>();

export default function Validation() {
  const data = useLoaderData<typeof loader>();
  const { t, f } = useI18n();
  const rows: Row[] = data.items.map((i) => ({
    sku: i.sku,
    name: i.name ?? '',
    model: i.planModel,
    actual: i.holdout?.actualTotal ?? null,
    forecast: i.holdout?.forecastTotal ?? null,
    wape: i.holdout?.wape ?? null,
    bias: i.holdout?.biasPct ?? null,
    mase: i.holdout?.mase ?? null,
  }));
  const actual = rows.reduce((s, r) => s + (r.actual ?? 0), 0);
  const forecast = rows.reduce((s, r) => s + (r.forecast ?? 0), 0);
  const absErr = data.items.reduce(
    (s, i) => s + (i.holdout?.wape != null ? (Math.abs(i.holdout.wape) / 100) * i.holdout.actualTotal : 0),
    0,
  );
  const columns = [
    col.accessor('sku', {
      header: t('common.sku'),
      cell: (c) => (
        <Link className="text-brand-700 underline" to={`/skus/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor('name', { header: t('common.name') }),
    col.accessor('model', {
      header: t('sku.model'),
      cell: (c) => modelLabel(t, c.getValue()),
      meta: { exportText: (m: string) => modelLabel(t, m) } satisfies ColumnInfo,
    }),
    col.accessor('actual', { header: t('val.actual'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('forecast', { header: t('val.forecast'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('wape', { header: 'WAPE %', cell: (c) => f.num(c.getValue(), 1), meta: { numeric: true } }),
    col.accessor('bias', { header: t('val.bias'), cell: (c) => f.num(c.getValue(), 1), meta: { numeric: true } }),
    col.accessor('mase', { header: 'MASE', cell: (c) => f.num(c.getValue(), 2), meta: { numeric: true } }),
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.validation')} snapshot={data} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title={t('val.overallActual', { days: data.holdoutDays })}>
          <p className="tabular text-2xl font-semibold">{f.num(actual)}</p>
        </Card>
        <Card title={t('val.overallForecast', { days: data.holdoutDays })}>
          <p className="tabular text-2xl font-semibold">{f.num(forecast)}</p>
        </Card>
        <Card title={t('val.overallWape')}>
          <p className="tabular text-2xl font-semibold">{actual ? `${f.num((absErr / actual) * 100, 1)} %` : '—'}</p>
        </Card>
      </div>
      <DataTable
        label={t('nav.validation')}
        columns={columns as never}
        data={rows}
        defaultSort={[{ id: 'wape', desc: true }]}
        search={t('common.search')}
        exportName="forecast-accuracy"
      />
    </div>
  );
}
