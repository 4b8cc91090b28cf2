// Lots by expiry: what expires when, the chance it goes unsold and the money at stake.
import { createColumnHelper } from '@tanstack/react-table';
import { Form, Link, useLoaderData, useSearchParams } from 'react-router';
import type { Route } from './+types/lots';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import { queryOf } from '../lib/query';
import type { ExpiringLot, ExpiringResponse } from '../lib/types';
import type { MessageKey } from '../i18n/messages';
import { pageTitle, useI18n } from '../i18n/t';
import { PageError, PageHeader, ghostCls, inputCls } from '../components/ui';
import { DataTable, type ColumnInfo } from '../components/data-table';
import { BATCH_SIZE, BatchNav, batchOf } from '../components/batch';
import { EXPIRY_WINDOWS, type ExpiryWindow } from '../lib/expiry';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.lots');

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const url = new URL(request.url);
  const params = url.searchParams;
  // A search for a lot, SKU or warehouse (Ask's citations link here with `q`) is the API's: it looks
  // through every lot of the window, not only the batch loaded, and through every lot the view holds
  // (730 days) unless a window is chosen: a link always shows what it names.
  const q = params.get('q')?.trim() || undefined;
  const fallback = q ? 730 : 90;
  const days = queryOf(url).int('days', 1, 730) ?? fallback;
  const batch = batchOf(url);
  return load(async () => ({
    ...(await api(context, request, token).get<ExpiringResponse>('/api/expiring', { days, q, page: batch, pageSize: BATCH_SIZE })),
    batch,
  }));
}

export function ErrorBoundary() {
  return <PageError />;
}

type Row = ExpiringLot & { bucket: ExpiryWindow; daysLeft: number };
const col = createColumnHelper<Row>();

export default function Lots() {
  const data = useLoaderData<typeof loader>();
  const { t, f, currency } = useI18n();
  const [params] = useSearchParams();
  const rows: Row[] = data.items.map((l) => {
    const left = (Date.parse(l.expirationDate) - Date.parse(data.asOf)) / 86400000;
    const bucket: ExpiryWindow = l.expired
      ? 'expired'
      : left <= 30
        ? 'within-30'
        : left <= 60
          ? 'within-60'
          : left <= 90
            ? 'within-90'
            : 'later';
    return { ...l, bucket, daysLeft: Math.round(left) };
  });
  const columns = [
    col.accessor('lotId', { header: t('sku.lot') }),
    col.accessor('sku', {
      header: t('common.sku'),
      cell: (c) => (
        <Link className="text-brand-700 underline" to={`/skus/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor('warehouse', { header: t('common.warehouse') }),
    col.accessor('quantityOnHand', { header: t('common.quantity'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('receivedDate', { header: t('lots.received'), cell: (c) => f.day(c.getValue()) }),
    col.accessor('expirationDate', { header: t('sku.expires'), cell: (c) => f.day(c.getValue()) }),
    col.accessor('bucket', {
      header: t('lots.bucket'),
      cell: (c) => t(`dash.bucket.${c.getValue()}`),
      meta: { exportText: (b: ExpiryWindow) => t(`dash.bucket.${b}`) } satisfies ColumnInfo,
    }),
    col.accessor('daysLeft', { header: t('sku.daysLeft'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    // Expired, or too short-dated for every buyer: the lots behind the dashboard's certain loss.
    col.accessor((l) => String(l.certainLoss), {
      id: 'certainLoss',
      header: t('dash.certainLoss'),
      cell: (c) => (c.getValue() === 'true' ? '✓' : ''),
      meta: { exportText: (v: string) => (v === 'true' ? '✓' : '') } satisfies ColumnInfo,
    }),
    col.accessor('probabilityOfWaste', {
      header: t('sku.pWaste'),
      cell: (c) => f.pct(c.getValue()),
      meta: { numeric: true },
      sortUndefined: 'last',
    }),
    col.accessor('expectedWasteUnits', { header: t('sku.expectedWaste'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('valueAtRisk', { header: t('dash.atRisk', { currency }), cell: (c) => f.money(c.getValue()), meta: { numeric: true } }),
    col.accessor('status', {
      header: t('common.status'),
      cell: (c) => t(`lot.status.${c.getValue()}` as MessageKey),
      meta: { exportText: (s: string) => t(`lot.status.${s}` as MessageKey) } satisfies ColumnInfo,
    }),
  ];
  const opts = (vals: string[]) => [...new Set(vals)].sort().map((v) => ({ value: v, label: v }));
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.lots')} snapshot={data}>
        <Form method="get" className="flex items-end gap-2 text-sm">
          {params.get('q') && <input type="hidden" name="q" value={params.get('q') ?? ''} />}
          <label>
            {t('lots.within')}
            <select name="days" defaultValue={String(data.days)} className={`${inputCls} ml-2`}>
              {[30, 60, 90, 180, 365, 730].map((d) => (
                <option key={d} value={d}>
                  {t('lots.days', { n: d })}
                </option>
              ))}
            </select>
          </label>
          <button className={ghostCls}>{t('common.filter')}</button>
        </Form>
      </PageHeader>
      <p className="text-sm text-slate-700" data-testid="lots-totals">
        {t('lots.totals', { units: f.num(data.totals.units), value: f.money(data.totals.value), risk: f.money(data.totals.valueAtRisk) })}
      </p>
      <BatchNav total={data.total} batch={data.batch} />
      <DataTable
        label={t('nav.lots')}
        columns={columns as never}
        data={rows}
        defaultSort={[{ id: 'valueAtRisk', desc: true }]}
        // Thirteen columns overflowed a 1,400 px screen (Status cut off): the receipt date and the
        // expiry window (days left says it; its filter still works) start hidden.
        defaultHidden={['receivedDate', 'bucket']}
        search={t('lots.search')}
        serverSearch
        rowTestId="lot-row"
        filters={[
          { column: 'warehouse', label: t('common.warehouse'), options: opts(rows.map((r) => r.warehouse)) },
          {
            column: 'certainLoss',
            label: t('dash.certainLoss'),
            options: [
              { value: 'true', label: '✓' },
              { value: 'false', label: '—' },
            ],
          },
          {
            column: 'bucket',
            label: t('lots.bucket'),
            options: EXPIRY_WINDOWS.map((b) => ({ value: b, label: t(`dash.bucket.${b}`) })),
          },
        ]}
        exportName="lots"
      />
    </div>
  );
}
