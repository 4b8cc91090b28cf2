// The audit trail (auditors and admins): the hash-chained log with filters in the URL, each entry
// open to its before/after, verification of the whole chain against the signed checkpoints, CSV.
import { Fragment, useState } from 'react';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from 'react-router';
import type { Route } from './+types/audit';
import { api, load } from '../lib/api.server';
import type { AuditEntry, AuditVerify } from '../lib/types';
import { requireUser } from '../lib/session.server';
import { queryOf } from '../lib/query';
import { can } from '../lib/roles';
import { auditActionLabel, pageTitle, useI18n } from '../i18n/t';
import { Card, Empty, Notice, PageError, PageHeader, pageProblem, buttonCls, ghostCls, inputCls } from '../components/ui';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.audit');

type Entry = AuditEntry;
/** How recorded changes are written into an entry's data (worker/audit): the page reads these keys. */
type EntryData = { changes?: Record<string, { before: unknown; after: unknown }>; from?: string; to?: string; [k: string]: unknown };
type Verify = AuditVerify;

const FILTERS = ['from', 'to', 'actor', 'action', 'entity'] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token, user } = await requireUser(request, context);
  if (!can.readAudit(user.role)) throw pageProblem('refused.audit', 403);
  const a = api(context, request, token);
  const read = queryOf(request);
  const q = read.params;
  // The date filters are days (the form's date inputs); a day that is not one answers 422 naming it.
  const filter = Object.fromEntries(
    FILTERS.map((k) => [k, k === 'from' || k === 'to' ? read.day(k, true) : q.get(k)?.trim() || undefined]),
  ) as Record<(typeof FILTERS)[number], string | undefined>;
  // The page opens on the newest entries and pages back with `before`; `after` opens the entries
  // that follow a sequence number (a failed verification's first bad entry), still newest on top.
  const after = read.int('after', 0) ?? 0;
  const before = read.int('before', 0) ?? 0;
  return load(async () => {
    const [page, verify] = await Promise.all([
      after > 0
        ? a.get<{ items: Entry[]; next: number | null }>('/api/audit', { ...filter, after, limit: 200 })
        : a.get<{ items: Entry[]; next: number | null }>('/api/audit', {
            ...filter,
            order: 'desc',
            before: before || undefined,
            limit: 200,
          }),
      q.get('verify') ? a.get<Verify>('/api/audit/verify') : Promise.resolve(null),
    ]);
    const items = after > 0 ? page.items.reverse() : page.items;
    // Continue back in time below the oldest entry shown; forward (ascending pages) after the newest.
    const oldest = items.length ? items[items.length - 1].seq : 0;
    return {
      items,
      earlier: after > 0 ? (oldest > 1 ? oldest : null) : page.next,
      later: after > 0 ? page.next : null,
      paged: after > 0 || before > 0,
      verify,
      filter,
    };
  });
}

export function ErrorBoundary() {
  return <PageError />;
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function Detail({ e }: { e: Entry }) {
  const { t } = useI18n();
  const { changes, ...rest } = (e.data ?? {}) as EntryData;
  const rows = Object.entries(changes ?? {});
  if (rest.from !== undefined || rest.to !== undefined) rows.unshift(['state', { before: rest.from, after: rest.to }]);
  const other = Object.entries(rest).filter(([k]) => !['from', 'to', 'tenant'].includes(k));
  return (
    <div className="grid gap-4 p-3 text-sm md:grid-cols-2" data-testid="audit-detail">
      <div>
        <p className="font-medium">{t('audit.changes')}</p>
        {rows.length === 0 ? (
          <p className="text-slate-600">{t('audit.noChanges')}</p>
        ) : (
          <table className="mt-1 w-full text-xs" aria-label={t('audit.changes')}>
            <thead className="text-left text-slate-700">
              <tr>
                <th scope="col" className="pr-2">
                  {t('audit.field')}
                </th>
                <th scope="col" className="pr-2">
                  {t('audit.before')}
                </th>
                <th scope="col">{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k}>
                  <td className="pr-2 font-medium">{k}</td>
                  <td className="pr-2 text-red-800">{show(v.before)}</td>
                  <td className="text-emerald-800">{show(v.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div>
        <dl className="grid grid-cols-[8rem_1fr] gap-1 text-xs">
          {other.map(([k, v]) => (
            <Fragment key={k}>
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-all">{show(v)}</dd>
            </Fragment>
          ))}
          <dt className="text-slate-600">{t('audit.prevHash')}</dt>
          <dd className="break-all font-mono">{e.prevHash}</dd>
          <dt className="text-slate-600">{t('audit.hash')}</dt>
          <dd className="break-all font-mono">{e.hash}</dd>
        </dl>
      </div>
    </div>
  );
}

function VerifyResult({ v }: { v: Verify }) {
  const { t, f } = useI18n();
  return (
    <div data-testid="verify-result" data-ok={String(v.ok)}>
      {v.ok ? (
        <Notice kind="ok">
          {t('audit.verifyOk', { length: f.num(v.length), checkpoints: f.num(v.checkpoints) })}{' '}
          <span className="break-all font-mono text-xs">{v.head}</span>
        </Notice>
      ) : (
        <Notice kind="error">
          {t('audit.verifyBad', { seq: v.firstBadSeq, length: f.num(v.length) })} {v.reason}{' '}
          <Link className="underline" to={`?after=${Math.max(0, v.firstBadSeq - 1)}`}>
            {t('audit.openEntry', { seq: v.firstBadSeq })}
          </Link>
        </Notice>
      )}
    </div>
  );
}

export default function Audit() {
  const { items, earlier, later, paged, verify, filter } = useLoaderData<typeof loader>();
  const { t, f, lang } = useI18n();
  const [params] = useSearchParams();
  const [open, setOpen] = useState<number | null>(null);
  const busy = useNavigation().state === 'loading';
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  const withParams = (set: Record<string, string | null>) => {
    const n = new URLSearchParams(params);
    for (const [k, v] of Object.entries(set)) {
      if (v === null) n.delete(k);
      else n.set(k, v);
    }
    return `?${n}`;
  };
  const withParam = (k: string, v: string | null) => withParams({ [k]: v });
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.audit')}>
        <Link className={buttonCls} to={withParam('verify', '1')} aria-busy={busy}>
          {t('audit.verify')}
        </Link>
        <a className={ghostCls} href={`/audit.csv?${query}`} download>
          {t('common.export')}
        </a>
      </PageHeader>
      {verify && <VerifyResult v={verify} />}
      <Card>
        <Form method="get" className="flex flex-wrap items-end gap-2 text-sm">
          {(['from', 'to'] as const).map((k) => (
            <label key={k} className="text-xs text-slate-700">
              {t(`audit.${k}`)}
              <input type="date" name={k} defaultValue={filter[k] ?? ''} className={`${inputCls} ml-1`} />
            </label>
          ))}
          {(['actor', 'action', 'entity'] as const).map((k) => (
            <label key={k} className="text-xs text-slate-700">
              {t(`audit.${k}`)}
              <input name={k} defaultValue={filter[k] ?? ''} className={`${inputCls} ml-1 w-40`} />
            </label>
          ))}
          <button className={ghostCls}>{t('common.filter')}</button>
        </Form>
      </Card>
      {items.length === 0 ? (
        <Empty />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label={t('nav.audit')}>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  #
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('common.date')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('audit.actor')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('audit.action')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('audit.entity')}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t('act.details')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((e) => (
                <Fragment key={e.seq}>
                  <tr data-testid="audit-row" data-action={e.action} data-subject={e.subject}>
                    <td className="tabular px-3 py-2">{e.seq}</td>
                    <td className="px-3 py-2">{f.time(e.at)}</td>
                    <td className="px-3 py-2">{e.actor}</td>
                    <td className="px-3 py-2" title={e.action}>
                      {auditActionLabel(t, lang, e.action)}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{e.subject}</td>
                    <td className="px-3 py-2">
                      <button
                        type="button"
                        className="text-xs text-brand-700 underline"
                        aria-expanded={open === e.seq}
                        onClick={() => setOpen(open === e.seq ? null : e.seq)}
                      >
                        {t('act.details')}
                      </button>
                    </td>
                  </tr>
                  {open === e.seq && (
                    <tr className="bg-slate-50/60">
                      <td colSpan={6}>
                        <Detail e={e} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex gap-2 text-sm">
        {paged && (
          <Link className={ghostCls} to={withParams({ after: null, before: null })}>
            {t('audit.newest')}
          </Link>
        )}
        {later !== null && (
          <Link className={ghostCls} to={withParams({ after: String(later), before: null })}>
            {t('audit.later')}
          </Link>
        )}
        {earlier !== null && (
          <Link className={ghostCls} to={withParams({ before: String(earlier), after: null })}>
            {t('audit.earlier')}
          </Link>
        )}
      </div>
    </div>
  );
}
