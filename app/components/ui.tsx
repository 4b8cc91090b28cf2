// Small building blocks shared by pages: headers, cards, badges, states.
import { useEffect } from 'react';
import { Link, data, isRouteErrorResponse, useFetcher, useRouteError } from 'react-router';
import type { StockChanges } from '../routes/stock-changes';
import type { MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/t';
import { queryVars, type QueryLabels } from '../lib/query';

export function PageHeader({
  title,
  children,
  snapshot,
}: {
  title: string;
  children?: React.ReactNode;
  snapshot?: { asOf: string; builtAt: string };
}) {
  const { t, f } = useI18n();
  const changes = useFetcher<StockChanges | null>();
  const builtAt = snapshot?.builtAt;
  const { load } = changes;
  useEffect(() => {
    if (builtAt) void load(`/stock-changes?since=${encodeURIComponent(builtAt)}`);
  }, [builtAt, load]);
  const pending = builtAt && changes.data && changes.data.count > 0 ? changes.data : null;
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {snapshot && (
          <p className="mt-1 text-xs text-slate-600" data-testid="snapshot-age">
            {t('common.snapshot', { date: f.day(snapshot.asOf), ago: f.ago(snapshot.builtAt) })}
          </p>
        )}
        {pending && (
          <p
            className="mt-1 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200"
            role="status"
            data-testid="stock-changed"
          >
            {t('common.stockChanged', { n: f.num(pending.count), time: f.time(pending.lastAt) })}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">{children}</div>
    </div>
  );
}

export function Card({
  title,
  children,
  className = '',
  aside,
}: {
  title?: string;
  children: React.ReactNode;
  className?: string;
  aside?: React.ReactNode;
}) {
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      {title && (
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}

export function StatusBadge({ status }: { status: 'critical' | 'warning' | 'healthy' | string }) {
  const { t } = useI18n();
  const cls =
    status === 'critical'
      ? 'bg-red-100 text-red-800 ring-red-200'
      : status === 'warning'
        ? 'bg-amber-100 text-amber-900 ring-amber-200'
        : 'bg-emerald-100 text-emerald-800 ring-emerald-200';
  const known = status === 'critical' || status === 'warning' || status === 'healthy';
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${cls}`}>
      {known ? t(`status.${status}`) : status}
    </span>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
      {children ?? t('common.empty')}
    </p>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'ok' | 'info'; children: React.ReactNode }) {
  const cls = kind === 'error' ? 'bg-red-50 text-red-800' : kind === 'ok' ? 'bg-emerald-50 text-emerald-900' : 'bg-sky-50 text-sky-900';
  return (
    <p role={kind === 'error' ? 'alert' : 'status'} className={`rounded-md p-3 text-sm ${cls}`}>
      {children}
    </p>
  );
}

export const buttonCls =
  'inline-flex items-center gap-1 rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60';
export const ghostCls =
  'inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-800 hover:bg-slate-50';
export const inputCls = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm';

/**
 * A labelled input: the label's text above a full-width input, an optional hint below. Every other
 * prop goes to the input; `inputClassName` adds classes to it (e.g. a narrower width).
 */
export function Field({
  label,
  hint,
  error,
  className = 'block text-sm',
  inputClassName,
  ...input
}: {
  label: React.ReactNode;
  hint?: React.ReactNode;
  /** The API's sentence for this field, in the page's language (forms.server.ts `fields`). */
  error?: string;
  className?: string;
  inputClassName?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'className'>) {
  const errorId = error && input.name ? `${input.name}-error` : undefined;
  return (
    <label className={className}>
      {label}
      <input
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        className={`${inputCls} mt-1 block w-full${error ? ' border-red-600' : ''}${inputClassName ? ` ${inputClassName}` : ''}`}
      />
      {hint && <span className="text-xs text-slate-600">{hint}</span>}
      <FieldError id={errorId} message={error} />
    </label>
  );
}

/** A field's own problem, under it: said in the page's language, read out when it appears. */
export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} role="alert" data-testid="field-error" className="mt-1 block text-xs text-red-700">
      {message}
    </span>
  );
}

/**
 * Column headers of a plain table, each `[label, numeric]`: padded like the table's cells
 * (`cellCls`), numeric columns right-aligned.
 */
export function HeaderCells({ cells, cellCls }: { cells: [React.ReactNode, boolean?][]; cellCls: string }) {
  return (
    <>
      {cells.map(([label, numeric], i) => (
        <th key={i} scope="col" className={numeric ? `${cellCls} text-right` : cellCls}>
          {label}
        </th>
      ))}
    </>
  );
}

/**
 * A loader's refusal or failure in the page's language: PageError shows `t(key)`. Throw it instead
 * of a Response with an English sentence.
 */
export const pageProblem = (key: MessageKey, status: number, vars?: Record<string, string | number>) =>
  data({ messageKey: key, ...(vars ? { vars } : {}) }, { status });

/**
 * The error state of a page: the problem as a sentence (a pageProblem's message in the page's
 * language, or the API's own sentence), and a way on: "Try again" where trying again can help,
 * the dashboard where the role is refused (403) or the page does not exist (404).
 */
export function PageError() {
  const error = useRouteError();
  const { t, lang } = useI18n();
  const response = isRouteErrorResponse(error) ? error : null;
  const payload = response?.data as unknown;
  const problem =
    payload && typeof payload === 'object' && 'messageKey' in payload
      ? (payload as { messageKey: MessageKey; vars?: Record<string, string | number>; labels?: QueryLabels })
      : null;
  // A query notice names its parameter and values in the page's language (lib/query.ts).
  const text = problem
    ? t(problem.messageKey, problem.labels && problem.vars ? queryVars(t, lang, { ...problem, vars: problem.vars }) : problem.vars)
    : response
      ? typeof payload === 'string'
        ? payload
        : response.statusText
      : t('common.error');
  const final = response?.status === 403 || response?.status === 404;
  // A query parameter the page cannot use (422): the way on is the page without it.
  const badQuery = response?.status === 422 && !!problem;
  return (
    <div className="space-y-3">
      <Notice kind="error">{text || t('common.error')}</Notice>
      <Link className={ghostCls} to={final ? '/' : '.'}>
        {final ? t('common.backHome') : badQuery ? t('query.clear') : t('common.retry')}
      </Link>
    </div>
  );
}
