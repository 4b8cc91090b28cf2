import { createColumnHelper } from '@tanstack/react-table';
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/customers';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { Page } from '../lib/types';
import { channelLabel, pageTitle, useI18n } from '../i18n/t';
import { PageError, PageHeader } from '../components/ui';
import { DataTable, searchRevalidate, type ColumnInfo } from '../components/data-table';
import { BATCH_SIZE, BatchNav, batchOf } from '../components/batch';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.customers');
export const shouldRevalidate = searchRevalidate;

export interface Customer {
  customerId: string;
  name: string;
  region: string | null;
  channel: string | null;
  minRemainingShelfLifeDays: number | null;
  warehouse: string | null;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const url = new URL(request.url);
  const batch = batchOf(url);
  // The API's q searches every customer, not only the batch loaded: id, name, region, channel, warehouse.
  const q = url.searchParams.get('q')?.trim() || undefined;
  return load(async () => ({
    ...(await api(context, request, token).get<Page<Customer>>('/api/customers', { q, page: batch, pageSize: BATCH_SIZE })),
    batch,
  }));
}

export function ErrorBoundary() {
  return <PageError />;
}

const col = createColumnHelper<Customer>();

export default function Customers() {
  const data = useLoaderData<typeof loader>();
  const { t, f } = useI18n();
  const columns = [
    col.accessor('customerId', {
      header: t('cust.id'),
      cell: (c) => (
        <Link className="text-brand-700 underline" to={`/customers/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor('name', { header: t('common.name') }),
    col.accessor('region', { header: t('cust.region') }),
    col.accessor('channel', {
      header: t('cust.channel'),
      cell: (c) => channelLabel(t, c.getValue()),
      meta: { exportText: (ch: string) => channelLabel(t, ch) } satisfies ColumnInfo,
    }),
    col.accessor('warehouse', { header: t('common.warehouse') }),
    col.accessor('minRemainingShelfLifeDays', {
      header: t('cust.minLife'),
      cell: (c) => (c.getValue() === null ? t('cust.productRule') : `${f.num(c.getValue())} ${t('common.days')}`),
    }),
  ];
  const opts = (k: 'region' | 'channel') =>
    [...new Set(data.items.map((c) => c[k] ?? ''))]
      .filter(Boolean)
      .sort()
      .map((v) => ({ value: v, label: k === 'channel' ? channelLabel(t, v) : v }));
  return (
    <div>
      <PageHeader title={t('nav.customers')} />
      <BatchNav total={data.total} batch={data.batch} />
      <DataTable
        label={t('nav.customers')}
        columns={columns as never}
        data={data.items}
        search={t('cust.search')}
        serverSearch
        filters={[
          { column: 'region', label: t('cust.region'), options: opts('region') },
          { column: 'channel', label: t('cust.channel'), options: opts('channel') },
        ]}
        exportName="customers"
        rowTestId="customer-row"
      />
    </div>
  );
}
