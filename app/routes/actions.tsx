// The action queue: tabs by state, filters in the URL, value totals of the selection, each row open
// to the engine's reason and numbers; approve / dismiss / note / execute by role, bulk decisions
// with a confirmation, purchase orders per supplier. Decisions made elsewhere show up by polling.
import { useEffect, useState } from 'react';
import {
  data as answer,
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useSearchParams,
  type ShouldRevalidateFunctionArgs,
} from 'react-router';
import type { Route } from './+types/actions';
import { api, load, ApiProblem, problemSentence } from '../lib/api.server';
import { formAction, type ActionResult, type OpenAction } from '../lib/forms.server';
import { formNumber } from '../lib/form-values';
import { fieldSentences } from '../lib/problem.server';
import { requireUser } from '../lib/session.server';
import { queryOf } from '../lib/query';
import { serverT } from '../lib/lang.server';
import { can } from '../lib/roles';
import type { ActionsResponse, Page } from '../lib/types';
import { pageTitle, translator, type T, useI18n, useRoot } from '../i18n/t';
import { en, ko } from '../i18n/messages';
import { langOf } from '../lib/lang.server';
import { Card, Notice, PageError, PageHeader, ghostCls, inputCls } from '../components/ui';
import { ActionRows, type ActionItem } from '../components/action-rows';
import { BulkBar } from '../components/action-bulk';
import { DuplicateNotice, OverCommitNotice, ProposeForm } from '../components/action-propose';
import { distinctReasons } from '../lib/reasons';
import { BatchLinks, batchOf } from '../components/batch';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.actions');

/** Paging through loaded rows needs no new data; every other change (and each poll) does. */
export function shouldRevalidate({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod || currentUrl.search === nextUrl.search) return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const p = new URLSearchParams(u.search);
    p.delete('page');
    return `${u.pathname}?${p}`;
  };
  return strip(currentUrl) === strip(nextUrl) ? false : defaultShouldRevalidate;
}

export const STATES = ['proposed', 'approved', 'executed', 'dismissed', 'failed', 'expired'] as const;
export const KINDS = ['reorder', 'transfer', 'markdown', 'sell', 'write_off'] as const;
const CONFIDENCE = ['high', 'medium', 'low'] as const;
/** How often an open queue asks for decisions made elsewhere (ms). */
const POLL_MS = 4000;
/** The queue loads the most valuable actions of a tab (after its filters), this many at a time. */
const LIMIT = 300;
/** The queue's order, and its export's: most valuable first. */
const SORT = '-value';

/** The export's query string: the view's filters and order, blank ones left out. */
function exportQuery(filters: Record<string, string | number | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

type Totals = ActionsResponse['totals'];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  const url = new URL(request.url);
  const q = url.searchParams;
  // ?open=<id> (a citation, an alert): show the tab and SKU the action is in, with its row open.
  const opened = q.get('open') ? await load(() => a.get<ActionItem>(`/api/actions/${encodeURIComponent(q.get('open')!)}`)) : null;
  if (opened && !q.get('state')) {
    q.set('state', opened.state);
    q.set('sku', opened.sku);
  }
  // A tab, kind, confidence or minimum the page does not have answers 422 naming it (not another tab).
  const read = queryOf(url);
  const state = read.choice('state', STATES, (s) => `act.state.${s}`) ?? 'proposed';
  const kind = read.choice('kind', KINDS, (k) => `act.kind.${k}`);
  const sku = q.get('sku')?.trim() || undefined;
  const warehouse = q.get('warehouse') || undefined;
  const minValue = read.int('minValue', 0) ?? 0;
  const confidence = read.choice('confidence', CONFIDENCE, (c) => `act.conf.${c}`);
  // The tab is read LIMIT actions at a time, most valuable first; `batch` moves through the rest.
  const batch = batchOf(url);
  // The view's filters, as the API reads them: the list and its export (Export CSV) select the same actions.
  const filters = { state, kind, sku, warehouse, minValue: minValue || undefined, confidence, sort: SORT };
  return load(async () => {
    const [list, all, executed, warehouses] = await Promise.all([
      a.get<Page<ActionItem> & { totals: Totals; approvalThreshold: number; maxDiscount: number }>('/api/actions', {
        ...filters,
        page: batch,
        pageSize: LIMIT,
      }),
      a.get<{ totals: Totals }>('/api/actions', { kind, sku, warehouse, pageSize: 1 }),
      a.get<Page<ActionItem>>('/api/actions', { state: 'executed', kind: 'reorder', sort: '-createdAt', pageSize: 200 }),
      a.get<Page<{ code: string; name?: string }>>('/api/warehouses', { pageSize: 200 }),
    ]);
    const items = list.items;
    const byState = Object.fromEntries(STATES.map((s) => [s, { n: 0, value: 0 }]));
    for (const g of all.totals.groups) {
      if (!Object.hasOwn(byState, g.state)) continue;
      byState[g.state].n += g.n;
      byState[g.state].value += g.value;
    }
    const suppliers = [...new Set(executed.items.map((i) => i.supplier).filter((s): s is string => !!s))].sort();
    return {
      state,
      items,
      total: list.total,
      batch,
      batchSize: LIMIT,
      approvalThreshold: list.approvalThreshold,
      maxDiscount: list.maxDiscount,
      exportQuery: exportQuery(filters),
      byState,
      suppliers,
      warehouses: warehouses.items.map((w) => w.code),
      open: opened?.id ?? null,
      loadedAt: new Date().toISOString(),
    };
  });
}

/** A refused decision worded for the person who made it: a stale page says what happened since. */
function decisionProblem(e: unknown, t: T): (ActionResult & { ok: false }) | null {
  if (!(e instanceof ApiProblem)) return null;
  // Its own execution failed (the stock no longer allows it): the API's reason, not "decided elsewhere".
  if (e.body.type?.endsWith('/execution-failed')) return null;
  if (e.status === 409) {
    const state = (e.body as { state?: string }).state;
    const known = state && (STATES as readonly string[]).includes(state);
    return {
      ok: false,
      error: state
        ? t('act.decidedElsewhere', { state: known ? t(`act.state.${state as (typeof STATES)[number]}`).toLowerCase() : state })
        : t('act.refusedUnchanged', { reason: e.message }),
    };
  }
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context);
  const s = (k: string) => String(form.get(k) ?? '').trim();
  const id = encodeURIComponent(s('id'));
  // A refusal answers with the API's status (403 for a role, 409 for a stale page, 422 for bad
  // input) and its sentence: a browser, a script or a test sees it was refused, never a 200.
  const refused = (status: number, result: ActionResult) => answer(result, { status: status >= 400 && status < 600 ? status : 500 });
  /** The API's refusal as the page's answer, with the API's status; anything else is thrown. */
  const failed = (e: unknown) => {
    const stale = decisionProblem(e, translator(langOf(request) === 'ko' ? ko : en));
    if (stale && e instanceof ApiProblem) return refused(e.status, stale);
    if (e instanceof ApiProblem) return refused(e.status, { ok: false, error: problemSentence(e), errors: e.body.errors });
    throw e;
  };
  const run = async (fn: () => Promise<unknown>, message: string, data?: unknown) => {
    try {
      await fn();
      return answer({ ok: true, message, data } as ActionResult);
    } catch (e) {
      return failed(e);
    }
  };
  const intent = s('intent');
  if (intent === 'approve')
    return run(() => api.send('POST', `/api/actions/${id}/approve`, s('note') ? { note: s('note') } : {}), 'act.approved');
  if (intent === 'dismiss') return run(() => api.send('POST', `/api/actions/${id}/dismiss`, { reason: s('reason') }), 'act.dismissed');
  if (intent === 'execute') return run(() => api.send('POST', `/api/actions/${id}/execute`), 'act.executed');
  if (intent === 'note') return run(() => api.send('POST', `/api/actions/${id}/notes`, { text: s('text') }), 'act.noted');
  if (intent === 'bulk') {
    const ids = form.getAll('ids').map(String);
    let results: { id: string; status: number; detail?: string; detailKo?: string }[] = [];
    const r = await run(async () => {
      const body = { ids, decision: s('decision'), ...(s('reason') ? { reason: s('reason') } : {}) };
      results = (await api.send<{ results: typeof results }>('POST', '/api/actions/bulk', body)).results;
    }, 'act.bulkDone');
    if (!r.data.ok) return r;
    const no = results.filter((x) => x.status !== 200);
    // Every one refused: the first refusal's status. Some recorded: 200, and the notice says how many were refused.
    if (no.length)
      return answer(
        {
          ok: false,
          error: serverT(request)('act.bulkRefused', {
            n: no.length,
            total: results.length,
            // Every distinct reason, not only the first (each refusal carries its Korean beside the English).
            detail: distinctReasons(no.map((x) => (langOf(request) === 'ko' && x.detailKo) || x.detail || '')),
          }),
        } as ActionResult,
        { status: no.length === results.length ? no[0].status : 200 },
      );
    return answer({ ok: true, message: 'act.bulkDone', data: { done: results.length } } as ActionResult);
  }
  if (intent === 'propose') {
    // Quantity and discount as posted (formNumber): a blank is null and 1e309 a number, refused by the API naming the field.
    const body: Record<string, unknown> = {
      kind: s('kind'),
      sku: s('sku'),
      quantity: formNumber(form.get('quantity')),
      reason: s('reason'),
    };
    for (const k of ['warehouse', 'lotId', 'toWarehouse', 'customerId']) if (s(k)) body[k] = s(k);
    const discount = formNumber(form.get('discountPct'));
    if (discount !== null) body.discountPct = discount;
    // "Propose anyway", after the API said the same action is already open or that open actions
    // already ask the lot for its units: each refusal overridden so far travels with the next try.
    const confirmed = [...new Set([...s('confirm').split(','), ...(s('confirmDuplicate') === '1' ? ['duplicate'] : [])])].filter(
      (c) => c === 'duplicate' || c === 'overCommit',
    );
    if (confirmed.includes('duplicate')) body.confirmDuplicate = true;
    if (confirmed.includes('overCommit')) body.confirmOverCommit = true;
    try {
      await api.send('POST', '/api/actions', body);
      return answer({ ok: true, message: 'act.proposed' } as ActionResult);
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 409 && e.body.type?.endsWith('/duplicate-action')) {
        const open = (e.body as { actionId?: string | null }).actionId ?? '';
        // The open action as a person knows it (kind, SKU, units, who and when), not its id.
        const openAction = open ? await api.get<OpenAction>(`/api/actions/${encodeURIComponent(open)}`).catch(() => null) : null;
        return refused(409, {
          ok: false,
          error: serverT(request)('act.duplicate'),
          form: 'propose',
          duplicateOf: open,
          openAction,
          confirmed,
        });
      }
      if (e instanceof ApiProblem && e.status === 409 && e.body.type?.endsWith('/lot-over-committed')) {
        const b = e.body as { available?: number; onHand?: number; committed?: { id: string }[] };
        // The actions that already ask the lot, as a person knows them (each linked), not their ids.
        const committed = (
          await Promise.all(
            (b.committed ?? []).slice(0, 10).map((c) => api.get<OpenAction>(`/api/actions/${encodeURIComponent(c.id)}`).catch(() => null)),
          )
        ).filter((a): a is OpenAction => a !== null);
        return refused(409, {
          ok: false,
          error: problemSentence(e),
          form: 'propose',
          overCommitted: { available: b.available ?? 0, onHand: b.onHand ?? 0, committed },
          confirmed,
        });
      }
      // Each refused field's sentence goes beside its field in the form.
      if (e instanceof ApiProblem)
        return refused(e.status, {
          ok: false,
          error: problemSentence(e),
          errors: e.body.errors,
          fields: fieldSentences(e),
          form: 'propose',
        });
      throw e;
    }
  }
  return refused(400, { ok: false, error: serverT(request)('act.unknownRequest') });
}

export function ErrorBoundary() {
  return <PageError />;
}

/** Asks for fresh data every few seconds while the page is visible and nothing is being sent. */
function usePolling(ms: number) {
  const { revalidate, state } = useRevalidator();
  const nav = useNavigation();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible' && state === 'idle' && nav.state === 'idle') void revalidate();
    }, ms);
    return () => clearInterval(id);
  }, [ms, revalidate, state, nav.state]);
}

export default function Actions() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, f, currency } = useI18n();
  const { user } = useRoot();
  const [params] = useSearchParams();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  usePolling(POLL_MS);
  // A selection keeps only rows still on the page (a decision elsewhere removes them).
  useEffect(() => {
    setSelected((prev) => new Set([...prev].filter((id) => data.items.some((i) => i.id === id))));
  }, [data.items]);
  // A decision recorded clears the selection; a refused one keeps it (its dialog stays open with the reason).
  useEffect(() => {
    if (result?.ok) setSelected(new Set());
  }, [result]);
  const role = user?.role;
  const chosen = data.items.filter((i) => selected.has(i.id));
  const shown = chosen.length ? chosen : data.items;
  const tab = (s: string) => {
    const next = new URLSearchParams(params);
    next.set('state', s);
    next.delete('batch');
    next.delete('page');
    return `?${next}`;
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.actions')}>
        <span className="text-xs text-slate-600" data-testid="queue-updated">
          {t('act.updated', { time: f.time(data.loadedAt) })}
        </span>
        {/* Exactly the view: its tab, filters and order (the API's CSV, through this Worker with the session). */}
        <a className={ghostCls} href={`/actions.csv?${data.exportQuery}`} download data-testid="export-actions">
          {t('common.export')}
        </a>
        <a className={ghostCls} href={`/actions.xlsx?${data.exportQuery}`} download>
          {t('act.exportXlsx')}
        </a>
      </PageHeader>
      {result &&
        (result.ok ? (
          <Notice kind="ok">
            {result.message === 'act.bulkDone'
              ? t('act.bulkDone', { n: (result.data as { done: number }).done })
              : t((result.message ?? 'act.saved') as 'act.approved')}
          </Notice>
        ) : result.duplicateOf !== undefined ? (
          <DuplicateNotice id={result.duplicateOf} open={result.openAction} />
        ) : result.overCommitted ? (
          <OverCommitNotice {...result.overCommitted} />
        ) : (
          <Notice kind="error">{result.error}</Notice>
        ))}
      {role && can.proposeActions(role) && <ProposeForm warehouses={data.warehouses} maxDiscount={data.maxDiscount} result={result} />}
      <nav aria-label={t('act.states')} className="flex flex-wrap gap-1 border-b border-slate-200">
        {STATES.map((s) => (
          <Link
            key={s}
            to={tab(s)}
            aria-current={data.state === s ? 'page' : undefined}
            className={`rounded-t-md px-3 py-2 text-sm ${data.state === s ? 'border-b-2 border-brand-700 font-semibold text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {t(`act.state.${s}`)} <span className="tabular text-xs text-slate-600">({data.byState[s]?.n ?? 0})</span>
          </Link>
        ))}
      </nav>
      <Form method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label={t('common.filter')}>
        <input type="hidden" name="state" value={data.state} />
        <label className="text-xs text-slate-700">
          {t('act.kind')}
          <select name="kind" defaultValue={params.get('kind') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`act.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-700">
          {t('common.warehouse')}
          <select name="warehouse" defaultValue={params.get('warehouse') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            {data.warehouses.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-700">
          {t('common.sku')}
          <input name="sku" defaultValue={params.get('sku') ?? ''} className={`${inputCls} ml-1 w-32`} />
        </label>
        <label className="text-xs text-slate-700">
          {t('act.minValue', { currency })}
          <input
            name="minValue"
            type="number"
            min="0"
            step="1"
            defaultValue={params.get('minValue') ?? ''}
            className={`${inputCls} ml-1 w-28`}
          />
        </label>
        <label className="text-xs text-slate-700">
          {t('act.confidence')}
          <select name="confidence" defaultValue={params.get('confidence') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            {CONFIDENCE.map((c) => (
              <option key={c} value={c}>
                {t(`act.conf.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button className={ghostCls}>{t('common.filter')}</button>
      </Form>
      <p className="text-sm text-slate-700" data-testid="selection-totals" aria-live="polite">
        {chosen.length
          ? t('act.selectionTotals', { n: chosen.length, value: f.money(shown.reduce((a, i) => a + i.value, 0)) })
          : t('act.listTotals', { n: data.items.length, value: f.money(shown.reduce((a, i) => a + i.value, 0)) })}
        {data.total > data.batchSize && !chosen.length && (
          <>
            {'. '}
            {t('act.batch', {
              total: f.num(data.total),
              from: f.num((data.batch - 1) * data.batchSize + 1),
              to: f.num(Math.min(data.total, data.batch * data.batchSize)),
            })}{' '}
            <BatchLinks total={data.total} batch={data.batch} batchSize={data.batchSize} />
          </>
        )}
      </p>
      {role && can.workActions(role) && chosen.length > 0 && <BulkBar items={chosen} state={data.state} />}
      <ActionRows
        items={data.items}
        selected={selected}
        onSelect={setSelected}
        initiallyOpen={data.open}
        approvalThreshold={data.approvalThreshold}
      />
      <Card title={t('act.purchaseOrders')}>
        {data.suppliers.length === 0 ? (
          <p className="text-sm text-slate-600">{t('act.noPurchaseOrders')}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="purchase-orders">
            {data.suppliers.map((s) => (
              <li key={s} className="flex flex-wrap items-center gap-3">
                <span className="min-w-40 font-medium">{s}</span>
                <a className="text-brand-700 underline" href={`/actions/purchase-orders.csv?supplier=${encodeURIComponent(s)}`} download>
                  CSV<span className="sr-only"> {s}</span>
                </a>
                <a className="text-brand-700 underline" href={`/actions/purchase-orders.xlsx?supplier=${encodeURIComponent(s)}`} download>
                  XLSX<span className="sr-only"> {s}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-xs text-slate-600">{t('act.poHint')}</p>
      </Card>
    </div>
  );
}
