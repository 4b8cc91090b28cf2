// Inbound shipments by ETA; late ones flagged (a late shipment is not counted as stock). Staff and
// administrators receive a shipment here: per line the units counted (all or part of what is
// open), the lot code and its expiry; each received line becomes an IN movement into that lot.
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunctionArgs } from 'react-router';
import type { Route } from './+types/inbound';
import { api, load } from '../lib/api.server';
import { attempt, formAction, refuse } from '../lib/forms.server';
import { receiptLines } from '../lib/receipt-form';
import { requireUser } from '../lib/session.server';
import { serverT } from '../lib/lang.server';
import { can } from '../lib/roles';
import type { InboundShipmentDetail, InboundShipmentRow, Page } from '../lib/types';
import { pageTitle, useI18n, useRoot } from '../i18n/t';
import { Card, Notice, PageError, PageHeader, StatusBadge, buttonCls, ghostCls, inputCls } from '../components/ui';
import { Csrf } from '../components/csrf';
import { DataTable, searchRevalidate, type ColumnInfo } from '../components/data-table';
import { BATCH_SIZE, BatchNav, batchOf } from '../components/batch';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.inbound');

/** Only the table's view params change without a reload; a search, or choosing a shipment to receive, loads. */
export function shouldRevalidate(args: ShouldRevalidateFunctionArgs) {
  if (args.currentUrl.searchParams.get('receive') !== args.nextUrl.searchParams.get('receive')) return true;
  return searchRevalidate(args);
}

type Shipment = InboundShipmentRow;
type ShipmentDetail = InboundShipmentDetail;

const CLOSED = new Set(['received', 'cancelled']);
/** Shipments that can no longer be late: at the dock (arrived), received, or cancelled (domain/inbound.ts). */
const NOT_LATE = new Set(['arrived', 'received', 'cancelled']);
const STATUSES = ['planned', 'in_transit', 'delayed', 'arrived', 'received', 'cancelled'] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token, user } = await requireUser(request, context);
  const a = api(context, request, token);
  const url = new URL(request.url);
  const id = url.searchParams.get('receive');
  const batch = batchOf(url);
  // The API's q: a shipment's id, its origin (the supplier's port) or a SKU on one of its lines.
  const q = url.searchParams.get('q')?.trim() || undefined;
  const [page, receiving] = await Promise.all([
    load(() => a.get<Page<Shipment>>('/api/inbound-shipments', { q, page: batch, pageSize: BATCH_SIZE })),
    id && can.moveStock(user.role) ? load(() => a.get<ShipmentDetail>(`/api/inbound-shipments/${encodeURIComponent(id)}`)) : null,
  ]);
  return { ...page, batch, receiving, today: new Date().toISOString().slice(0, 10) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context, can.moveStock);
  const id = String(form.get('shipmentId') ?? '').trim();
  const lines = receiptLines(form);
  if (!id || !lines.length) return refuse(serverT(request)('inb.enterQty'));
  return attempt(
    () =>
      api.send(
        'POST',
        `/api/inbound-shipments/${encodeURIComponent(id)}/receive`,
        { lines, reason: String(form.get('reason') ?? '').trim() },
        { 'Idempotency-Key': String(form.get('idempotencyKey') || crypto.randomUUID()) },
      ),
    'inb.received',
  );
}

export function ErrorBoundary() {
  return <PageError />;
}

function Receive({ shipment }: { shipment: ShipmentDetail }) {
  const { t, f } = useI18n();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const open = shipment.lines.map((l) => Math.max(0, l.quantity - (l.quantityReceived ?? 0)));
  const closed = CLOSED.has(shipment.status) || open.every((q) => q === 0);
  // One key per attempt: a double submit is one receipt; after an answer the next submit is a new one.
  const [key, setKey] = useState(() => Math.random().toString(36).slice(2));
  useEffect(() => setKey(Math.random().toString(36).slice(2)), [result]);
  return (
    <Card
      title={t('inb.receiveTitle', { id: shipment.shipmentId })}
      aside={
        <Link to="/inbound" className="text-sm underline">
          {t('common.cancel')}
        </Link>
      }
    >
      <div data-testid="receive-panel">
        {result && !result.ok && <Notice kind="error">{result.error}</Notice>}
        {closed ? (
          <Notice kind="info">{t('inb.nothingOpen')}</Notice>
        ) : (
          <Form method="post" className="space-y-3">
            <Csrf />
            <input type="hidden" name="shipmentId" value={shipment.shipmentId} />
            <input type="hidden" name="idempotencyKey" value={key} />
            <p className="text-xs text-slate-700">{t('inb.receiveHint')}</p>
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead>
                  <tr className="text-left text-xs text-slate-600">
                    <th className="py-1 pr-3">{t('common.sku')}</th>
                    <th className="py-1 pr-3 text-right">{t('inb.open')}</th>
                    <th className="py-1 pr-3">{t('inb.qtyReceived')}</th>
                    <th className="py-1 pr-3">{t('inb.lotCode')}</th>
                    <th className="py-1 pr-3">{t('sku.expires')}</th>
                    <th className="py-1">{t('common.warehouse')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shipment.lines.map((l, i) => (
                    <tr key={l.sku} data-testid="receive-line">
                      <td className="py-1 pr-3 font-mono text-xs">
                        {l.sku}
                        <input type="hidden" name={`sku_${i}`} value={l.sku} />
                      </td>
                      <td className="tabular py-1 pr-3 text-right">{f.num(open[i])}</td>
                      <td className="py-1 pr-3">
                        <input
                          name={`qty_${i}`}
                          type="number"
                          min={0}
                          max={open[i]}
                          step={1}
                          defaultValue={open[i]}
                          disabled={open[i] === 0}
                          aria-label={t('inb.qtyFor', { sku: l.sku })}
                          className={`${inputCls} w-24`}
                        />
                      </td>
                      <td className="py-1 pr-3">
                        <input
                          name={`lot_${i}`}
                          required={open[i] > 0}
                          disabled={open[i] === 0}
                          maxLength={64}
                          aria-label={t('inb.lotFor', { sku: l.sku })}
                          className={`${inputCls} w-36`}
                        />
                      </td>
                      <td className="py-1 pr-3">
                        <input
                          name={`exp_${i}`}
                          type="date"
                          required={open[i] > 0}
                          disabled={open[i] === 0}
                          aria-label={t('inb.expiryFor', { sku: l.sku })}
                          className={inputCls}
                        />
                      </td>
                      <td className="py-1">
                        <input
                          name={`wh_${i}`}
                          defaultValue={l.warehouse ?? ''}
                          disabled={open[i] === 0}
                          maxLength={64}
                          aria-label={t('inb.warehouseFor', { sku: l.sku })}
                          className={`${inputCls} w-24`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <label className="block text-sm">
              {t('common.reason')}
              <input name="reason" maxLength={500} className={`${inputCls} mt-1 block w-full`} />
            </label>
            <div className="flex gap-2">
              <button className={buttonCls} disabled={busy}>
                {t('inb.receive')}
              </button>
              <Link to="/inbound" className={ghostCls}>
                {t('common.cancel')}
              </Link>
            </div>
          </Form>
        )}
      </div>
    </Card>
  );
}

type Row = Shipment & { daysLate: number };
const col = createColumnHelper<Row>();

export default function Inbound() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, f } = useI18n();
  const { user } = useRoot();
  const mayReceive = !!user && can.moveStock(user.role);
  const rows: Row[] = data.items.map((s) => ({
    ...s,
    daysLate:
      !NOT_LATE.has(s.status) && s.etaDate < data.today ? Math.round((Date.parse(data.today) - Date.parse(s.etaDate)) / 86400000) : 0,
  }));
  const columns = [
    col.accessor('shipmentId', { header: t('inb.id') }),
    col.accessor('etaDate', { header: t('inb.eta'), cell: (c) => f.day(c.getValue()) }),
    col.accessor('origin', { header: t('inb.origin') }),
    col.accessor('status', {
      header: t('common.status'),
      cell: (c) => {
        const v = c.getValue();
        return (
          <span data-testid="shipment-status" data-status={v}>
            {(STATUSES as readonly string[]).includes(v) ? t(`inb.status.${v as (typeof STATUSES)[number]}`) : v}
          </span>
        );
      },
      meta: {
        exportText: (v: string) => ((STATUSES as readonly string[]).includes(v) ? t(`inb.status.${v as (typeof STATUSES)[number]}`) : v),
      } satisfies ColumnInfo,
    }),
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
    ...(mayReceive
      ? [
          col.display({
            id: 'receive',
            header: () => <span className="sr-only">{t('inb.receive')}</span>,
            meta: { label: t('inb.receive') },
            cell: (c) =>
              CLOSED.has(c.row.original.status) ? null : (
                <Link
                  to={`?receive=${encodeURIComponent(c.row.original.shipmentId)}`}
                  className="text-xs text-brand-700 underline"
                  aria-label={t('inb.receiveTitle', { id: c.row.original.shipmentId })}
                >
                  {t('inb.receive')}
                </Link>
              ),
          }),
        ]
      : []),
  ];
  return (
    <div className="space-y-3">
      <PageHeader title={t('nav.inbound')} />
      <p className="text-sm text-slate-700">{t('inb.note')}</p>
      {result?.ok && <Notice kind="ok">{t('inb.received')}</Notice>}
      {data.receiving && <Receive key={data.receiving.shipmentId} shipment={data.receiving} />}
      <BatchNav total={data.total} batch={data.batch} />
      <DataTable
        label={t('nav.inbound')}
        columns={columns as never}
        data={rows}
        defaultSort={[{ id: 'etaDate', desc: false }]}
        search={t('inb.search')}
        serverSearch
        exportName="inbound"
        rowTestId="shipment-row"
      />
    </div>
  );
}
