// One customer: what they buy, how often, who is overdue, and their shelf-life rule.
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useLoaderData } from 'react-router';
import type { Route } from './+types/customer';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import { channelLabel, useI18n } from '../i18n/t';
import { Card, PageError, PageHeader, StatusBadge } from '../components/ui';
import { DataTable, viewOnlyRevalidate } from '../components/data-table';
import type { Customer } from './customers';
import type { CustomerCadenceView } from '../lib/types';

export const meta: Route.MetaFunction = ({ params }) => [{ title: `${params.id} · Lotwise` }];
export const shouldRevalidate = viewOnlyRevalidate;

type Cadence = CustomerCadenceView['skus'][number];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  const id = encodeURIComponent(params.id);
  return load(async () => {
    const [customer, cadence] = await Promise.all([
      a.get<Customer>(`/api/customers/${id}`),
      a.get<CustomerCadenceView>(`/api/customers/${id}/cadence`),
    ]);
    return { customer, cadence };
  });
}

export function ErrorBoundary() {
  return <PageError />;
}

const col = createColumnHelper<Cadence>();

export default function CustomerPage() {
  const { customer, cadence } = useLoaderData<typeof loader>();
  const { t, f } = useI18n();
  const columns = [
    col.accessor('sku', {
      header: t('common.sku'),
      cell: (c) => (
        <Link className="text-brand-700 underline" to={`/skus/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor('orders', { header: t('cust.orders'), meta: { numeric: true } }),
    col.accessor('units', { header: t('common.units'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('medianIntervalDays', {
      header: t('cust.cadence'),
      cell: (c) => (!c.getValue() ? '—' : c.getValue() === 1 ? t('sku.everyDay') : t('sku.every', { days: c.getValue()! })),
    }),
    col.accessor('lastOrderDate', { header: t('sku.lastOrder'), cell: (c) => f.day(c.getValue()) }),
    col.accessor('nextExpectedDate', { header: t('sku.nextOrder'), cell: (c) => f.day(c.getValue()) }),
    col.accessor('overdueDays', {
      header: t('sku.overdue'),
      cell: (c) => (c.row.original.overdue ? <StatusBadge status="warning" /> : c.row.original.lapsed ? t('cust.lapsed') : ''),
      meta: { numeric: true },
    }),
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={`${customer.customerId} · ${customer.name}`} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title={t('cust.minLife')}>
          <p className="text-lg font-semibold">
            {customer.minRemainingShelfLifeDays === null
              ? t('cust.productRule')
              : `${customer.minRemainingShelfLifeDays} ${t('common.days')}`}
          </p>
        </Card>
        <Card title={t('cust.region')}>
          <p className="text-lg font-semibold">
            {customer.region ?? '—'} · {channelLabel(t, customer.channel)}
          </p>
        </Card>
        <Card title={t('cust.overdueCount')}>
          <p className="text-lg font-semibold">{f.num(cadence.overdue)}</p>
        </Card>
      </div>
      <Card title={t('cust.buys')}>
        <DataTable label={t('cust.buys')} columns={columns as never} data={cadence.skus} toolbar={false} compact />
      </Card>
    </div>
  );
}
