// One SKU: demand and forecast with its uncertainty, projected stock, lots in FEFO order with their
// waste risk, who buys it, and the reorder recommendation with its arithmetic.
import * as Tabs from '@radix-ui/react-tabs';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useLoaderData, useSearchParams } from 'react-router';
import type { Route } from './+types/sku';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { CustomerCadence, ExpiringResponse, FefoOrder, InsightRow, Page, ReorderRow, SkuForecast } from '../lib/types';
import { demandClassLabel, modelLabel, useI18n } from '../i18n/t';
import { Card, Empty, PageError, PageHeader, StatusBadge } from '../components/ui';
import { DataTable, viewOnlyRevalidate } from '../components/data-table';
import { ForecastChart, ProjectionChart } from '../components/lazy-charts';

export const meta: Route.MetaFunction = ({ params }) => [{ title: `${params.sku} · Lotwise` }];
export const shouldRevalidate = viewOnlyRevalidate;

export type Forecast = SkuForecast;
type Ranked = FefoOrder['ranked'][number];
type Skipped = FefoOrder['skipped'][number];
/** A lot as the FEFO tables show it: ranked (with its rank and days to expiry) or skipped (with the code saying why). */
type FefoLot = (Ranked & { code?: undefined }) | (Skipped & { rank?: undefined; daysToExpiry?: undefined });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  const sku = params.sku;
  return load(async () => {
    const [forecast, fefo, customers, reorders, byWarehouse, insights, expiring] = await Promise.all([
      a.get<Forecast>(`/api/skus/${encodeURIComponent(sku)}/forecast`, { horizon: 90, historyDays: 180 }),
      a.get<FefoOrder>('/api/fefo', { sku }),
      a.get<Page<CustomerCadence>>(`/api/skus/${encodeURIComponent(sku)}/customers`, { pageSize: 100 }),
      a.all<Page<ReorderRow>>('/api/reorders', { action: 'all' }),
      a.all<Page<ReorderRow & { warehouse?: string }>>('/api/reorders', { action: 'all', level: 'warehouse' }),
      a.all<Page<InsightRow>>('/api/insights'),
      a.all<ExpiringResponse>('/api/expiring', { days: 730 }),
    ]);
    const reorder = reorders.items.find((r) => r.sku === sku) ?? null;
    // The SKU's figures are its warehouses' together; each warehouse orders and runs out on its own.
    const warehouseReorders = byWarehouse.items
      .filter((r) => r.sku === sku)
      .sort((x, y) => (x.warehouse ?? '').localeCompare(y.warehouse ?? ''));
    const insight = insights.items.find((r) => r.sku === sku) ?? null;
    const risk = Object.fromEntries(expiring.items.filter((l) => l.sku === sku).map((l) => [`${l.warehouse}|${l.lotId}`, l]));
    return { forecast, fefo, customers: customers.items, reorder, warehouseReorders, insight, risk };
  });
}

export function ErrorBoundary() {
  return <PageError />;
}

type LotRow = FefoLot & { pWaste: number | null; expectedWaste: number | null; valueAtRisk: number | null };
const lc = createColumnHelper<LotRow>();
const cc = createColumnHelper<CustomerCadence>();

export default function Sku() {
  const { forecast, fefo, customers, reorder, warehouseReorders, insight, risk } = useLoaderData<typeof loader>();
  // With several warehouses the SKU runs out when its first warehouse does: say which.
  const firstOut =
    warehouseReorders.length > 1 ? warehouseReorders.find((w) => w.projectedStockoutDate === reorder?.projectedStockoutDate) : undefined;
  // Warehouses where the engine refuses to order (the MOQ exceeds what sells before expiry): said, not hidden as "no order".
  const blocked = warehouseReorders.filter((w) => w.action === 'do-not-order').map((w) => w.warehouse ?? '');
  const { t, f, currency, tx } = useI18n();
  const [params, setParams] = useSearchParams();
  // Own keys only (a lot numbered like an Object member, `constructor`, has no risk row of its own);
  // keyed by warehouse and lot number, which names one lot once a lot has moved.
  const withRisk = (l: FefoLot): LotRow => {
    const key = `${l.warehouse}|${l.lotId}`;
    const r = Object.hasOwn(risk, key) ? risk[key] : undefined;
    return {
      ...l,
      pWaste: r?.probabilityOfWaste ?? null,
      expectedWaste: r?.expectedWasteUnits ?? null,
      valueAtRisk: r?.valueAtRisk ?? null,
    };
  };
  // Every warehouse the SKU is planned or stocked in: one with demand but no sellable lot (it runs
  // out there today) is listed too, so the table agrees with the headline and /api/stockouts.
  const warehouses = [
    ...new Set([
      ...fefo.ranked.map((l) => l.warehouse),
      ...fefo.skipped.map((l) => l.warehouse),
      ...warehouseReorders.flatMap((w) => (w.warehouse ? [w.warehouse] : [])),
    ]),
  ].sort();
  const lotCols = [
    lc.accessor('rank', { header: t('sku.rank'), meta: { numeric: true } }),
    lc.accessor('lotId', { header: t('sku.lot') }),
    lc.accessor('quantityOnHand', { header: t('common.quantity'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    lc.accessor('expirationDate', { header: t('sku.expires'), cell: (c) => f.day(c.getValue()) }),
    lc.accessor('daysToExpiry', { header: t('sku.daysLeft'), meta: { numeric: true } }),
    lc.accessor('pWaste', { header: t('sku.pWaste'), cell: (c) => f.pct(c.getValue()), meta: { numeric: true } }),
    lc.accessor('valueAtRisk', { header: t('dash.atRisk', { currency }), cell: (c) => f.money(c.getValue()), meta: { numeric: true } }),
    lc.accessor((l) => tx(l, 'reason'), { id: 'reason', header: t('common.reason'), enableSorting: false }),
  ];
  const skippedCols = [
    lc.accessor('lotId', { header: t('sku.lot') }),
    lc.accessor('warehouse', { header: t('common.warehouse') }),
    lc.accessor('quantityOnHand', { header: t('common.quantity'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    lc.accessor('expirationDate', { header: t('sku.expires'), cell: (c) => f.day(c.getValue()) }),
    lc.accessor((l) => tx(l, 'reason'), { id: 'reason', header: t('common.reason'), enableSorting: false }),
  ];
  const wasteCols = [
    lc.accessor('lotId', { header: t('sku.lot') }),
    lc.accessor('warehouse', { header: t('common.warehouse') }),
    lc.accessor('quantityOnHand', { header: t('common.quantity'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    lc.accessor('expirationDate', { header: t('sku.expires'), cell: (c) => f.day(c.getValue()) }),
    lc.accessor('pWaste', { header: t('sku.pWaste'), cell: (c) => f.pct(c.getValue()), meta: { numeric: true } }),
    lc.accessor('expectedWaste', { header: t('sku.expectedWaste'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    lc.accessor('valueAtRisk', { header: t('dash.atRisk', { currency }), cell: (c) => f.money(c.getValue()), meta: { numeric: true } }),
  ];
  const custCols = [
    cc.accessor('customerId', {
      header: t('sku.customer'),
      cell: (c) => (
        <Link className="text-brand-700 underline" to={`/customers/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    cc.accessor('orders', { header: '#', meta: { numeric: true } }),
    cc.accessor('units', { header: t('common.units'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    cc.accessor('medianIntervalDays', {
      header: t('cust.cadence'),
      cell: (c) => (!c.getValue() ? '—' : c.getValue() === 1 ? t('sku.everyDay') : t('sku.every', { days: c.getValue()! })),
    }),
    cc.accessor('lastOrderDate', { header: t('sku.lastOrder'), cell: (c) => f.day(c.getValue()) }),
    cc.accessor('nextExpectedDate', { header: t('sku.nextOrder'), cell: (c) => f.day(c.getValue()) }),
    cc.accessor('overdue', { header: t('sku.overdue'), cell: (c) => (c.getValue() ? <StatusBadge status="warning" /> : '') }),
  ];
  const tab = params.get('tab') ?? 'lots';
  const bt = forecast.backtest;
  return (
    <div>
      <PageHeader title={`${forecast.sku} · ${forecast.name ?? ''}`} snapshot={forecast}>
        {insight && <StatusBadge status={insight.status.status} />}
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t('sku.forecast')} className="lg:col-span-2">
          <ForecastChart forecast={forecast} />
        </Card>
        <Card title={t('sku.model')}>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-xs text-slate-600">{t('sku.model')}</dt>
              <dd className="font-medium" data-testid="forecast-model">
                {modelLabel(t, forecast.model)} · {demandClassLabel(t, forecast.demandClass)}
              </dd>
              <dd className="text-xs text-slate-600">{tx(forecast, 'reason')}</dd>
            </div>
            {bt && (
              <div>
                <dt className="text-xs text-slate-600">{t('sku.accuracy')}</dt>
                <dd className="tabular" data-testid="forecast-accuracy">
                  {t('sku.accuracyLine', { rmsse: f.num(bt.rmsse, 2), wape: f.num(bt.wape, 0), bias: f.num(bt.biasPct, 1) })}
                </dd>
              </div>
            )}
            {forecast.promotions.length > 0 && (
              <div>
                <dt className="text-xs text-slate-600">{t('sku.promotions')}</dt>
                <dd>
                  <ul className="space-y-0.5 text-xs" data-testid="sku-promotions">
                    {forecast.promotions.map((p) => (
                      <li key={p.promotionId} className="tabular">
                        <span className="font-medium">{p.name || p.promotionId}</span> · {f.day(p.startDate)} – {f.day(p.endDate)}
                        {p.discountPct !== null ? ` · −${f.num(p.discountPct, 0)} %` : ''}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            {forecast.confidence && (
              <div>
                <dt className="sr-only">{t('sku.confidence')}</dt>
                <dd className="rounded bg-slate-50 p-2 text-xs text-slate-700">{tx(forecast.confidence, 'note')}</dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title={t('sku.projected')} className="lg:col-span-2">
          {reorder ? (
            <ProjectionChart
              forecast={forecast}
              reorder={reorder}
              warehouses={warehouseReorders}
              stockoutLabel={firstOut?.warehouse ? t('sku.runsOutIn', { warehouse: firstOut.warehouse }) : undefined}
            />
          ) : (
            <Empty />
          )}
        </Card>
        <Card title={t('sku.reorder')}>
          {reorder ? (
            <div className="space-y-2 text-sm" data-testid="reorder">
              <p className="text-base font-semibold" data-testid="reorder-headline">
                {reorder.action === 'order'
                  ? t('sku.orderQty', { qty: f.num(reorder.quantity), cases: f.num(reorder.cases) })
                  : blocked.length || reorder.action === 'do-not-order'
                    ? blocked.length
                      ? t('sku.doNotOrder', { warehouses: blocked.join(', ') })
                      : t('sku.doNotOrderAll')
                    : t('sku.noOrder')}
              </p>
              {reorder.action === 'order' && blocked.length > 0 && (
                <p className="text-xs font-medium text-amber-800">{t('sku.doNotOrder', { warehouses: blocked.join(', ') })}</p>
              )}
              <p className="text-xs text-slate-700">
                {reorder.projectedStockoutDate
                  ? firstOut?.warehouse
                    ? t('sku.stockoutOnIn', { date: f.day(reorder.projectedStockoutDate), warehouse: firstOut.warehouse })
                    : t('sku.stockoutOn', { date: f.day(reorder.projectedStockoutDate) })
                  : t('sku.noStockout')}{' '}
                · {t('sku.p')}: {f.pct(reorder.stockoutProbability)}
              </p>
              <dl className="tabular grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                <dt className="text-slate-600">{t('skus.usable')}</dt>
                <dd className="text-right">{f.num(reorder.usableOnHand)}</dd>
                <dt className="text-slate-600">{t('sku.inbound')}</dt>
                <dd className="text-right">{f.num(reorder.inboundUnits)}</dd>
                <dt className="text-slate-600">{t('sku.position')}</dt>
                <dd className="text-right">{f.num(reorder.inventoryPosition)}</dd>
                <dt className="text-slate-600">{t('sku.safetyStock')}</dt>
                <dd className="text-right">{f.num(reorder.safetyStock)}</dd>
                <dt className="text-slate-600">{t('sku.reorderPoint')}</dt>
                <dd className="text-right">{f.num(reorder.reorderPoint)}</dd>
                <dt className="text-slate-600">{t('sku.orderUpTo')}</dt>
                <dd className="text-right">{f.num(reorder.orderUpTo)}</dd>
                <dt className="text-slate-600">{t('sku.expiryCap')}</dt>
                <dd className="text-right">{f.num(reorder.expiryCap)}</dd>
              </dl>
              <div className="rounded bg-slate-50 p-2 text-xs">
                <p className="font-medium">{t('sku.safetyFormula')}</p>
                <p className="tabular">
                  {t('sku.arith', {
                    z: f.num(reorder.z, 2),
                    sl: f.pct(reorder.serviceLevel),
                    d: f.num(reorder.meanDailyDemand, 1),
                    sd: f.num(reorder.sdDailyDemand, 1),
                  })}
                </p>
                <p className="tabular">{`= ${f.num(reorder.safetyStock)} ${t('common.units')}`}</p>
              </div>
              {warehouseReorders.length > 1 && (
                <table className="tabular w-full text-xs" data-testid="reorder-by-warehouse">
                  <caption className="text-left font-medium text-slate-700">{t('sku.byWarehouse')}</caption>
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="text-left font-normal">
                        {t('common.warehouse')}
                      </th>
                      <th scope="col" className="text-right font-normal">
                        {t('skus.usable')}
                      </th>
                      <th scope="col" className="text-right font-normal">
                        {t('sku.orderCol')}
                      </th>
                      <th scope="col" className="text-right font-normal">
                        {t('dash.stockoutDate')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {warehouseReorders.map((w) => (
                      <tr key={w.warehouse} data-warehouse={w.warehouse}>
                        <th scope="row" className="text-left font-normal">
                          {w.warehouse}
                        </th>
                        <td className="text-right">{f.num(w.usableOnHand)}</td>
                        <td className="text-right">
                          {w.action === 'order' ? f.num(w.quantity) : w.action === 'do-not-order' ? t('sku.blockedMoq') : '—'}
                        </td>
                        <td className="text-right">{w.projectedStockoutDate ? f.day(w.projectedStockoutDate) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <details>
                <summary className="cursor-pointer text-xs font-medium text-brand-700">{t('sku.explanation')}</summary>
                <p className="mt-1 text-xs text-slate-700" data-testid="reorder-explanation">
                  {tx(reorder, 'explanation')}
                </p>
              </details>
            </div>
          ) : (
            <Empty />
          )}
        </Card>
      </div>
      <Tabs.Root
        value={tab}
        onValueChange={(v) =>
          setParams(
            (p) => {
              const n = new URLSearchParams(p);
              n.set('tab', v);
              return n;
            },
            { replace: true, preventScrollReset: true },
          )
        }
        className="mt-6"
      >
        <Tabs.List className="mb-3 flex gap-1 border-b border-slate-200" aria-label={forecast.sku}>
          {(
            [
              ['lots', t('sku.lots')],
              ['waste', t('sku.waste')],
              ['customers', t('sku.customers')],
            ] as const
          ).map(([v, label]) => (
            <Tabs.Trigger
              key={v}
              value={v}
              className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-700 data-[state=active]:border-brand-600 data-[state=active]:font-semibold data-[state=active]:text-brand-800"
            >
              {label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="lots" className="space-y-4">
          {warehouses.length === 0 && <Empty />}
          {warehouses.map((w) => (
            <section key={w} data-testid={`fefo-${w}`}>
              <h3 className="mb-2 text-sm font-semibold">
                {t('common.warehouse')} {w}
              </h3>
              {fefo.ranked.some((l) => l.warehouse === w) ? (
                <DataTable
                  id={`${w}_`}
                  label={`${t('sku.lots')} ${w}`}
                  columns={lotCols as never}
                  data={fefo.ranked.filter((l) => l.warehouse === w).map(withRisk)}
                  toolbar={false}
                  compact
                  rowTestId="fefo-lot"
                />
              ) : (
                <p className="text-xs text-amber-800" data-testid="fefo-none">
                  {t('sku.noSellableIn', { skipped: fefo.skipped.filter((l) => l.warehouse === w).length })}
                </p>
              )}
            </section>
          ))}
          {fefo.skipped.length > 0 && (
            <section>
              <h3 className="mb-2 text-sm font-semibold">{t('sku.skipped')}</h3>
              <DataTable
                id="skip_"
                label={t('sku.skipped')}
                columns={skippedCols as never}
                data={fefo.skipped.map(withRisk)}
                toolbar={false}
                compact
              />
            </section>
          )}
        </Tabs.Content>
        <Tabs.Content value="waste">
          <DataTable
            id="waste_"
            label={t('sku.waste')}
            columns={wasteCols as never}
            data={[...fefo.ranked, ...fefo.skipped].map(withRisk)}
            defaultSort={[{ id: 'valueAtRisk', desc: true }]}
            toolbar={false}
            compact
          />
        </Tabs.Content>
        <Tabs.Content value="customers">
          <DataTable id="cust_" label={t('sku.customers')} columns={custCols as never} data={customers} toolbar={false} compact />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
