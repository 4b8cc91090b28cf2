// Every grid: TanStack Table with sort, search, column filters, paging and column visibility kept in
// the URL (shareable, survives reload), and an export of exactly the current view.
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useEffect, useMemo, useRef } from 'react';
import { Form, useSearchParams, type ShouldRevalidateFunctionArgs } from 'react-router';
import { useI18n } from '../i18n/t';
import { csvText, toCsvCell } from '../lib/csv';
import { columnIds, parseHidden, parseSort } from '../lib/grid-url';
import { Empty, ghostCls, inputCls } from './ui';

/** Columns holding codes (SKU, lot, shipment, warehouse) or dates: never broken at a hyphen or a space. */
const CODE_COLUMNS = new Set([
  'sku',
  'lotId',
  'shipmentId',
  'warehouse',
  'id',
  'customerId',
  'stockoutDate',
  'projectedStockoutDate',
  'expirationDate',
  'receivedDate',
  'etaDate',
  'lastOrderDate',
  'nextExpectedDate',
]);
export interface FilterDef {
  column: string;
  label: string;
  options: { value: string; label: string }[];
}

/**
 * What a column's `meta` may say: a numeric column (right-aligned), its name in the Columns menu
 * when its header is not text, and for a column of codes (a type, state or status) the word the page
 * shows for a code: a Korean page's export writes that word, not `IN` or `proposed` (English
 * exports keep the codes, as they always did).
 */
export interface ColumnInfo {
  numeric?: boolean;
  label?: string;
  exportText?: (value: never) => string;
}

export interface DataTableProps<T> {
  columns: ColumnDef<T, unknown>[];
  data: T[];
  /** Prefix for this table's URL parameters when a page has several. */
  id?: string;
  label: string;
  defaultSort?: SortingState;
  pageSize?: number;
  search?: string;
  /**
   * The loader hands the search (`q`) to the API, which finds what a row does not show (a SKU on a
   * shipment's line, a product's supplier) in every row, not only the rows loaded: the box submits
   * `q` (a GET form before JavaScript loads, as you type after), and rows are not filtered again here.
   * The page's shouldRevalidate is then `searchRevalidate`.
   */
  serverSearch?: boolean;
  filters?: FilterDef[];
  exportName?: string;
  compact?: boolean;
  toolbar?: boolean;
  /** Columns hidden until the user shows them (Columns menu): a wide table fits a laptop screen; filters still apply to them. */
  defaultHidden?: string[];
  rowTestId?: string;
}

/** Loaders of pages whose tables work on loaded rows need not run again when only the view changes
 * (sort, search, the table's page); another batch of a long list (components/batch.tsx) is new rows. */
export function viewOnlyRevalidate({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod && formMethod !== 'GET') return defaultShouldRevalidate;
  if (currentUrl.searchParams.get('batch') !== nextUrl.searchParams.get('batch')) return true;
  return currentUrl.pathname !== nextUrl.pathname ? defaultShouldRevalidate : false;
}

/** viewOnlyRevalidate for a page whose table searches through the API (`serverSearch`): a new `q` is new rows. */
export function searchRevalidate(args: ShouldRevalidateFunctionArgs) {
  if (args.formMethod && args.formMethod !== 'GET') return args.defaultShouldRevalidate;
  if (args.currentUrl.searchParams.get('q') !== args.nextUrl.searchParams.get('q')) return true;
  return viewOnlyRevalidate(args);
}

/** The URL parameters a new search keeps (sort, filters, hidden columns): all but the search, the table's page and the list's batch. */
const keptBySearch = (params: URLSearchParams, prefix: string) =>
  [...params].filter(([k]) => ![`${prefix}q`, `${prefix}page`, 'batch'].includes(k));

export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, data, id = '', label, defaultSort = [], pageSize = 25, filters = [], compact = false, toolbar = true } = props;
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const p = (k: string) => `${id}${k}`;
  const known = columnIds(columns);
  const sorting = parseSort(params.get(p('sort')), known) ?? defaultSort;
  const searched = params.get(p('q')) ?? '';
  // Searched by the API: the rows are the answer; filtering them again here would drop rows found
  // by what they do not show.
  // A table without its own search box filters nothing: a `q` in the URL is then the page's own
  // search (the ledger's, handed to the API), whose rows may match on what no column shows.
  const globalFilter = props.serverSearch || props.search === undefined ? '' : searched;
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  const pageIndex = Math.max(0, Number(params.get(p('page')) ?? '1') - 1 || 0);
  // `hide` lists the hidden columns; "-" says none (so a table with default-hidden columns can show them all).
  const hidden = parseHidden(params.get(p('hide')) ?? (props.defaultHidden ?? []).join(','), known);
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((h) => [h, false]));
  const columnFilters: ColumnFiltersState = filters.flatMap((f) => {
    const v = params.get(p(`f_${f.column}`));
    return v && known.has(f.column) ? [{ id: f.column, value: v }] : [];
  });

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(p(k));
          else next.set(p(k), v);
        }
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  // A new search starts at the list's first batch and the table's first page: its rows are another list.
  const search = (q: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(keptBySearch(prev, id));
        if (q) next.set(p('q'), q);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  const equals = useMemo(
    () => (row: { getValue: (c: string) => unknown }, columnId: string, value: unknown) =>
      String(row.getValue(columnId) ?? '') === String(value),
    [],
  );
  const table = useReactTable({
    data,
    columns: columns.map((c) =>
      filters.some((f) => f.column === (c.id ?? (c as { accessorKey?: string }).accessorKey)) ? { ...c, filterFn: equals } : c,
    ),
    state: { sorting, globalFilter, columnVisibility, columnFilters, pagination: { pageIndex, pageSize } },
    onSortingChange: (u) => {
      const s = typeof u === 'function' ? u(sorting) : u;
      update({ sort: s.map((x) => `${x.id}.${x.desc ? 'desc' : 'asc'}`).join(','), page: null });
    },
    onPaginationChange: (u) => {
      const s = typeof u === 'function' ? u({ pageIndex, pageSize }) : u;
      update({ page: s.pageIndex ? String(s.pageIndex + 1) : null });
    },
    onColumnVisibilityChange: (u) => {
      const s = typeof u === 'function' ? u(columnVisibility) : u;
      const hide = Object.keys(s)
        .filter((k) => Object.hasOwn(s, k) && s[k] === false && known.has(k))
        .join(',');
      update({ hide: hide || (props.defaultHidden?.length ? '-' : null) });
    },
    globalFilterFn: 'includesString',
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    autoResetPageIndex: false,
  });

  const exportCsv = () => {
    const cols = table.getVisibleLeafColumns();
    const head = cols.map((c) => (typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id));
    const word = (c: (typeof cols)[number]) => (lang === 'ko' ? (c.columnDef.meta as ColumnInfo | undefined)?.exportText : undefined);
    const lines = table.getPrePaginationRowModel().rows.map((r) =>
      cols.map((c) => {
        const v = r.getValue(c.id);
        const text = word(c) as ((value: unknown) => string) | undefined;
        return toCsvCell(text && v !== null && v !== undefined && v !== '' ? text(v) : v);
      }),
    );
    const blob = new Blob([csvText(head, lines)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${props.exportName ?? 'export'}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const rows = table.getRowModel().rows;
  const total = table.getPrePaginationRowModel().rows.length;
  const pages = Math.max(1, table.getPageCount());
  const cell = compact ? 'px-2 py-1.5' : 'px-3 py-2';
  return (
    <div>
      {toolbar && (
        <div className="mb-3 flex flex-wrap items-end gap-2">
          {props.search !== undefined && !props.serverSearch && (
            <label className="text-xs text-slate-700">
              <span className="sr-only">{props.search}</span>
              <input
                type="search"
                placeholder={props.search}
                aria-label={props.search}
                defaultValue={globalFilter}
                onChange={(e) => update({ q: e.target.value, page: null })}
                className={`${inputCls} w-64`}
              />
            </label>
          )}
          {props.search !== undefined && props.serverSearch && (
            <Form method="get" role="search" className="text-xs text-slate-700">
              {keptBySearch(params, id).map(([k, v]) => (
                <input key={`${k}=${v}`} type="hidden" name={k} value={v} />
              ))}
              <label>
                <span className="sr-only">{props.search}</span>
                <input
                  type="search"
                  name={p('q')}
                  placeholder={props.search}
                  aria-label={props.search}
                  defaultValue={searched}
                  maxLength={200}
                  onChange={(e) => {
                    const q = e.target.value.trim();
                    clearTimeout(typing.current);
                    typing.current = setTimeout(() => search(q), 300);
                  }}
                  className={`${inputCls} w-64`}
                />
              </label>
            </Form>
          )}
          {filters.map((f) => (
            <label key={f.column} className="text-xs text-slate-700">
              <span className="mr-1">{f.label}</span>
              <select
                className={inputCls}
                value={params.get(p(`f_${f.column}`)) ?? ''}
                onChange={(e) => update({ [`f_${f.column}`]: e.target.value, page: null })}
              >
                <option value="">{t('common.all')}</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <div className="ml-auto flex gap-2">
            {/* A disclosure with checkboxes: keyboard-usable, and light enough to keep every route in budget. */}
            <details className="relative">
              <summary className={`${ghostCls} cursor-pointer list-none`}>{t('common.columns')}</summary>
              <fieldset className="absolute right-0 z-50 mt-1 min-w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
                <legend className="sr-only">{t('common.columns')}</legend>
                {table.getAllLeafColumns().map((c) => (
                  <label key={c.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100">
                    <input type="checkbox" checked={c.getIsVisible()} onChange={(e) => c.toggleVisibility(e.target.checked)} />
                    {typeof c.columnDef.header === 'string' && c.columnDef.header
                      ? c.columnDef.header
                      : ((c.columnDef.meta as { label?: string } | undefined)?.label ?? c.id)}
                  </label>
                ))}
              </fieldset>
            </details>
            {props.exportName && (
              <button type="button" className={ghostCls} onClick={exportCsv}>
                {t('common.export')}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" aria-label={label}>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                      className={`${cell} font-semibold ${numeric ? 'text-right' : ''}`}
                    >
                      {h.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={h.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                        >
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden>{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50" data-testid={props.rowTestId}>
                {r.getVisibleCells().map((c) => (
                  <td
                    key={c.id}
                    className={`${cell} ${(c.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric ? 'tabular text-right' : ''} ${CODE_COLUMNS.has(c.column.id) ? 'whitespace-nowrap' : ''}`}
                  >
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <div className="p-3">
            <Empty />
          </div>
        )}
      </div>
      {total > pageSize && (
        <div className="mt-2 flex items-center justify-between text-xs text-slate-700">
          <span>{t('common.page', { page: pageIndex + 1, pages, total })}</span>
          <div className="flex gap-2">
            <button type="button" className={ghostCls} disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
              {t('common.prev')}
            </button>
            <button type="button" className={ghostCls} disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
              {t('common.next')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
