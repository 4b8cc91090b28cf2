// Every SKU with its status, money at stake, cover and suggested order; severity first.
import { Link, useLoaderData } from 'react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { Route } from './+types/skus';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { InsightRow, Page, ReorderRow, Snapshot } from '../lib/types';
import { pageTitle, useI18n } from '../i18n/t';
import { PageError, PageHeader, StatusBadge } from '../components/ui';
import { DataTable, searchRevalidate, type ColumnInfo } from '../components/data-table';
import type { ProductRow } from '../lib/types';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.skus');
export const shouldRevalidate = searchRevalidate;

type Product = ProductRow;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  // The products API's q finds SKUs by code, name, category or supplier; the page shows the plan's rows of those SKUs.
  const q = new URL(request.url).searchParams.get('q')?.trim() || undefined;
  return load(async () => {
    const [insights, reorders, products] = await Promise.all([
      a.all<Snapshot & Page<InsightRow>>('/api/insights'),
      a.all<Snapshot & Page<ReorderRow>>('/api/reorders', { action: 'all' }),
      a.all<Page<Product>>('/api/products', { q }),
    ]);
    const reorder = new Map(reorders.items.map((r) => [r.sku, r]));
    const product = new Map(products.items.map((p) => [p.sku, p]));
    const severity = { critical: 0, warning: 1, healthy: 2 } as const;
    const found = q ? insights.items.filter((i) => product.has(i.sku)) : insights.items;
    const rows = found.map((i) => {
      const r = reorder.get(i.sku);
      return {
        sku: i.sku,
        name: i.name,
        category: product.get(i.sku)?.category ?? '',
        supplier: product.get(i.sku)?.supplier ?? '',
        class: i.class,
        status: i.status.status,
        severity: severity[i.status.status] ?? 3,
        reason: i.status.reason,
        reasonKo: i.status.reasonKo,
        capitalLocked: i.capitalLocked,
        capitalAtRisk: i.capitalAtRisk,
        daysOfCover: i.daysOfCover,
        usable: r?.usableOnHand ?? null,
        stockoutDate: r?.projectedStockoutDate ?? null,
        order: r?.action === 'order' ? r.quantity : 0,
      };
    });
    return { snapshot: { asOf: insights.asOf, builtAt: insights.builtAt }, rows };
  });
}

export function ErrorBoundary() {
  return <PageError />;
}

type Row = Awaited<ReturnType<typeof loader>>['rows'][number];
const col = createColumnHelper<Row>();

export default function Skus() {
  const { snapshot, rows } = useLoaderData<typeof loader>();
  const { t, f, currency, tx } = useI18n();
  const columns = [
    col.accessor('sku', {
      header: t('common.sku'),
      cell: (c) => (
        <Link className="font-medium text-brand-700 underline" to={`/skus/${encodeURIComponent(c.getValue())}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor('name', { header: t('common.name') }),
    col.accessor('category', { header: t('skus.category') }),
    col.accessor('supplier', { header: t('skus.supplier') }),
    col.accessor('class', { header: t('skus.class') }),
    col.accessor('status', {
      header: t('common.status'),
      cell: (c) => (
        <span title={tx(c.row.original, 'reason')}>
          <StatusBadge status={c.getValue()} />
        </span>
      ),
      sortingFn: (a, b) => a.original.severity - b.original.severity,
      meta: {
        exportText: (s: string) => (['critical', 'warning', 'healthy'].includes(s) ? t(`status.${s as 'critical'}`) : s),
      } satisfies ColumnInfo,
    }),
    col.accessor('capitalLocked', {
      header: t('skus.capitalLocked', { currency }),
      cell: (c) => f.money(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('capitalAtRisk', {
      header: t('skus.capitalAtRisk', { currency }),
      cell: (c) => f.money(c.getValue()),
      meta: { numeric: true },
    }),
    col.accessor('usable', { header: t('skus.usable'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor('daysOfCover', {
      header: t('skus.daysOfCover'),
      cell: (c) => f.num(c.getValue()),
      meta: { numeric: true },
      sortUndefined: 'last',
    }),
    col.accessor('stockoutDate', { header: t('skus.stockoutDate'), cell: (c) => f.day(c.getValue()), sortUndefined: 'last' }),
    col.accessor('order', { header: t('skus.order'), cell: (c) => (c.getValue() ? f.num(c.getValue()) : ''), meta: { numeric: true } }),
  ];
  const distinct = (k: 'category' | 'class') =>
    [...new Set(rows.map((r) => r[k]).filter(Boolean))].sort().map((v) => ({ value: v, label: v }));
  return (
    <div>
      <PageHeader title={t('skus.title')} snapshot={snapshot} />
      <DataTable
        label={t('skus.title')}
        columns={columns as never}
        data={rows}
        defaultSort={[
          { id: 'status', desc: false },
          { id: 'capitalAtRisk', desc: true },
        ]}
        // The supplier shows why a search found a SKU; eleven columns fit a laptop screen without it.
        defaultHidden={['supplier']}
        search={t('skus.search')}
        serverSearch
        filters={[
          {
            column: 'status',
            label: t('common.status'),
            options: (['critical', 'warning', 'healthy'] as const).map((s) => ({ value: s, label: t(`status.${s}`) })),
          },
          { column: 'category', label: t('skus.category'), options: distinct('category') },
          { column: 'class', label: t('skus.class'), options: distinct('class') },
        ]}
        exportName="skus"
        rowTestId="sku-row"
      />
    </div>
  );
}
