// Inbound shipments by ETA; late ones flagged (a late shipment is not counted as stock).
import { createColumnHelper } from '@tanstack/react-table';
import { useLoaderData } from 'react-router';
import type { Route } from './+types/inbound';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { Page } from '../lib/types';
import { useI18n } from '../i18n/t';
import { PageError, PageHeader, StatusBadge } from '../components/ui';
import { DataTable, viewOnlyRevalidate } from '../components/data-table';

export const meta: Route.MetaFunction = () => [{ title: 'Inbound · Lotwise' }];
export const shouldRevalidate = viewOnlyRevalidate;

interface Shipment {
  shipmentId: string;
  etaDate: string;
  origin: string | null;
  status: string;
  lineCount: number;
  units: number;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const page = await load(() => api(context, request, token).get<Page<Shipment>>('/api/inbound-shipments', { pageSize: 500 }));
  return { ...page, today: new Date().toISOString().slice(0, 10) };
}

export function ErrorBoundary() {
  return <PageError />;
}

type Row = Shipment & { daysLate: number };
const col = createColumnHelper<Row>();

export default function Inbound() {
  const data = useLoaderData<typeof loader>();
  const { t, f } = useI18n();
  const rows: Row[] = data.items.map((s) => ({
    ...s,
    daysLate:
      s.status !== 'received' && s.etaDate < data.today ? Math.round((Date.parse(data.today) - Date.parse(s.etaDate)) / 86400000) : 0,
  }));
  const columns = [
    col.accessor('shipmentId', { header: t('inb.id') }),
    col.accessor('etaDate', { header: t('inb.eta'), cell: (c) => f.day(c.getValue()) }),
    col.accessor('origin', { header: t('inb.origin') }),
    col.accessor('status', { header: t('common.status') }),
    col.accessor('lineCount', { header: t('inb.lines'), meta: { numeric: true } }),
    col.accessor('units', { header: t('common.units'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('daysLate', {
      header: t('inb.late'),
      cell: (c) =>
        c.getValue() > 0 ? (
          <span title={t('inb.lateHint')}>
            <StatusBadge status="critical" /> {t('inb.daysLate', { n: c.getValue() })}
          </span>
        ) : (
          ''
        ),
      meta: { numeric: true },
    }),
  ];
  return (
    <div className="space-y-3">
      <PageHeader title={t('nav.inbound')} />
      <p className="text-sm text-slate-700">{t('inb.note')}</p>
      <DataTable
        label={t('nav.inbound')}
        columns={columns as never}
        data={rows}
        defaultSort={[{ id: 'etaDate', desc: false }]}
        search={t('common.search')}
        exportName="inbound"
      />
    </div>
  );
}
