// The queue's rows: select, open to the engine's reason and numbers, and the decisions a role may make.
import * as Dialog from '@radix-ui/react-dialog';
import { Fragment, useEffect, useState } from 'react';
import { Form, Link, useFetcher, useSearchParams } from 'react-router';
import { useI18n, useRoot } from '../i18n/t';
import { can } from '../lib/roles';
import { Csrf } from './csrf';
import { Empty, HeaderCells, buttonCls, ghostCls, inputCls } from './ui';
import { DialogError, useFormDialog } from './form-dialog';
import type { ActionDetail } from '../routes/action-detail';
import type { ActionItem } from '../lib/types';
import type { Formats } from '../lib/format';

/** Rows per page of the queue. */
const PAGE = 25;

export type { ActionItem };

/** A model's proposal enters the queue as proposed_by "model:<email of the person who asked>" (docs/ask.md). */
export const byModel = (a: Pick<ActionItem, 'proposedBy' | 'reason'>) =>
  a.proposedBy.startsWith('model:') || a.reason.startsWith('Model-proposed:');

/**
 * The signed-in user's own proposal, which the API refuses them to approve ("nobody approves their
 * own proposal": it compares proposedById with the caller's id). A model's proposal for them
 * ("model:<id>") is not theirs by this rule. Without a known id, nothing is taken as theirs.
 */
export const isOwnProposal = (a: Pick<ActionItem, 'proposedById'>, userId: string | undefined) => !!userId && a.proposedById === userId;

function Decide({
  a,
  intent,
  field,
  required,
}: {
  a: ActionItem;
  intent: 'dismiss' | 'note';
  field: 'reason' | 'text';
  required: boolean;
}) {
  const { t } = useI18n();
  const dialog = useFormDialog();
  return (
    <Dialog.Root open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <Dialog.Trigger className="text-xs text-brand-700 underline" aria-label={`${t(`act.${intent}`)} ${a.sku}`}>
        {t(`act.${intent}`)}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[28rem] max-w-[92vw] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t(`act.${intent}Title`)}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">
            {t(`act.kind.${a.kind}`)} · {a.sku} · {a.quantity}
          </Dialog.Description>
          <Form method="post" className="mt-4 space-y-3" onSubmit={dialog.onSubmit}>
            <DialogError error={dialog.error} />
            <Csrf />
            <input type="hidden" name="intent" value={intent} />
            <input type="hidden" name="id" value={a.id} />
            <label className="block text-sm">
              {intent === 'dismiss' ? t('common.reason') : t('act.note')}
              <textarea name={field} required={required} minLength={required ? 3 : 1} className={`${inputCls} mt-1 block w-full`} />
            </label>
            <div className="flex justify-end gap-2">
              <Dialog.Close className={ghostCls}>{t('common.cancel')}</Dialog.Close>
              <button className={buttonCls} disabled={dialog.busy}>
                {t(`act.${intent}`)}
              </button>
            </div>
          </Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function Inline({ a, intent, label }: { a: ActionItem; intent: 'approve' | 'execute'; label: string }) {
  return (
    <Form method="post" className="inline">
      <Csrf />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={a.id} />
      <button className="rounded bg-brand-700 px-2 py-1 text-xs font-medium text-white hover:bg-brand-800" aria-label={`${label} ${a.sku}`}>
        {label}
      </button>
    </Form>
  );
}

/** The engine's numbers behind an action (actions/plan-adapter.ts `evidence`), each with its unit. */
const EVIDENCE = {
  stockoutProbability: 'pct',
  projectedStockoutDate: 'day',
  meanDailyDemand: 'perDay',
  leadTimeDays: 'days',
  reviewPeriodDays: 'days',
  lostDays: 'days',
  expectedLostSales: 'money',
  expectedWasteUnits: 'units',
  transferUnits: 'units',
  expectedWasteValue: 'money',
  probabilityOfWaste: 'pct',
  sellByDate: 'day',
  expirationDate: 'day',
  arrivalDate: 'day',
  daysLeft: 'days',
  uplift: 'pct',
  listPrice: 'money2',
} as const satisfies Record<string, 'pct' | 'day' | 'perDay' | 'days' | 'money' | 'money2' | 'units'>;
type EvidenceKey = keyof typeof EVIDENCE;
const isEvidenceKey = (k: string): k is EvidenceKey => Object.hasOwn(EVIDENCE, k);

function showEvidence(kind: (typeof EVIDENCE)[EvidenceKey], v: unknown, f: Formats): string {
  if (v === null || v === undefined || v === '') return '—';
  if (kind === 'day') return f.day(String(v));
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (kind === 'pct') return f.pct(n);
  if (kind === 'money') return f.money(n);
  if (kind === 'money2') return f.money2(n);
  if (kind === 'perDay') return f.num(n, 1);
  if (kind === 'days') return f.num(n);
  return f.num(n);
}

function Details({ a }: { a: ActionItem }) {
  const { t, f, tx } = useI18n();
  const detail = useFetcher<ActionDetail>();
  const { load } = detail;
  useEffect(() => void load(`/actions/${a.id}/detail`), [a.id, load]);
  const evidence = Object.entries(detail.data?.evidence ?? a.evidence);
  return (
    <div className="grid gap-4 p-3 text-sm md:grid-cols-2" data-testid="action-detail">
      <div>
        <p className="font-medium">{t('act.why')}</p>
        <p className="mt-1 text-slate-800">{tx(a, 'reason')}</p>
        <p className="mt-2">
          <Link className="text-brand-700 underline" to={`/skus/${encodeURIComponent(a.sku)}`}>
            {t('act.openSku', { sku: a.sku })}
          </Link>
        </p>
        {a.decidedBy && (
          <p className="mt-2 text-slate-700">
            {t('act.decidedBy', { who: a.decidedBy, when: f.time(a.decidedAt) })}
            {a.decisionNote ? ` — ${a.decisionNote}` : ''}
          </p>
        )}
        {(detail.data?.notes.length ?? 0) > 0 && (
          <ul className="mt-2 space-y-1" aria-label={t('act.notes')}>
            {detail.data!.notes.map((n) => (
              <li key={n.id} className="rounded bg-slate-50 p-2">
                <span className="text-xs text-slate-600">
                  {n.author} · {f.time(n.createdAt)}
                </span>
                <br />
                {n.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <p className="font-medium">{t('act.numbers')}</p>
        <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1">
          {evidence.map(([k, v]) => {
            const known = isEvidenceKey(k) ? EVIDENCE[k] : undefined;
            return (
              <Fragment key={k}>
                <dt className="text-slate-600">{known ? t(`act.ev.${k as EvidenceKey}`) : k}</dt>
                <dd className="tabular">{known ? showEvidence(known, v, f) : typeof v === 'number' ? f.num(v, 2) : String(v ?? '—')}</dd>
              </Fragment>
            );
          })}
          <dt className="text-slate-600">{t('act.proposedBy')}</dt>
          <dd>{a.proposedBy}</dd>
          {a.supplier && (
            <>
              <dt className="text-slate-600">{t('act.supplier')}</dt>
              <dd>{a.supplier}</dd>
            </>
          )}
        </dl>
      </div>
    </div>
  );
}

export function ActionRows({
  items,
  selected,
  onSelect,
  initiallyOpen = null,
  approvalThreshold,
}: {
  items: ActionItem[];
  selected: Set<string>;
  onSelect: (s: Set<string>) => void;
  initiallyOpen?: string | null;
  /** Above this value only an admin approves (GET /api/actions' approvalThreshold). */
  approvalThreshold: number;
}) {
  const { t, f, currency } = useI18n();
  const { user } = useRoot();
  const [open, setOpen] = useState<string | null>(initiallyOpen);
  const [params, setParams] = useSearchParams();
  const pages = Math.max(1, Math.ceil(items.length / PAGE));
  const page = Math.min(pages, Math.max(1, Number(params.get('page')) || 1));
  const rows = items.slice((page - 1) * PAGE, page * PAGE);
  const goTo = (p: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (p > 1) next.set('page', String(p));
        else next.delete('page');
        return next;
      },
      { preventScrollReset: true },
    );
  const role = user?.role;
  const approve = role ? can.approveActions(role) : false;
  const work = role ? can.workActions(role) : false;
  if (items.length === 0) return <Empty>{t('act.empty')}</Empty>;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const all = rows.every((i) => selected.has(i.id));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" aria-label={t('nav.actions')}>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              <input
                type="checkbox"
                aria-label={t('act.selectAll')}
                checked={all}
                onChange={(e) => {
                  const next = new Set(selected);
                  for (const i of rows)
                    if (e.target.checked) next.add(i.id);
                    else next.delete(i.id);
                  onSelect(next);
                }}
              />
            </th>
            <HeaderCells
              cellCls="px-3 py-2"
              cells={[
                [t('act.kind')],
                [t('common.sku')],
                [t('common.warehouse')],
                [t('common.quantity'), true],
                [t('act.value', { currency }), true],
                [t('act.confidence')],
                [t('act.orderBy')],
                [t('common.status')],
              ]}
            />
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">{t('act.controls')}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((a) => (
            <Fragment key={a.id}>
              <tr className="hover:bg-slate-50" data-testid="action-row" data-id={a.id}>
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t('act.select', { sku: a.sku })}
                    checked={selected.has(a.id)}
                    onChange={(e) => toggle(a.id, e.target.checked)}
                  />
                </td>
                <td className="px-3 py-2">
                  {t(`act.kind.${a.kind}`)}
                  {byModel(a) && (
                    <span className="ml-1 rounded-full bg-violet-100 px-2 py-0.5 text-xs text-violet-900" data-testid="by-model">
                      {t('act.byModel')}
                    </span>
                  )}
                  {a.source === 'manual' && !byModel(a) && <span className="ml-1 text-xs text-slate-600">({t('act.manual')})</span>}
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <Link className="font-medium text-brand-700 underline" to={`/skus/${encodeURIComponent(a.sku)}`}>
                    {a.sku}
                  </Link>
                  {a.lotId && <span className="block text-xs text-slate-600">{a.lotId}</span>}
                </td>
                <td className="px-3 py-2">
                  {a.warehouse ?? '—'}
                  {a.toWarehouse ? ` → ${a.toWarehouse}` : ''}
                </td>
                <td className="tabular px-3 py-2 text-right">{f.num(a.quantity)}</td>
                <td className="tabular px-3 py-2 text-right">{f.money(a.value)}</td>
                <td className="px-3 py-2">{a.confidence ? t(`act.conf.${a.confidence}`) : t('act.conf.none')}</td>
                <td className="px-3 py-2">{f.day(a.orderByDate)}</td>
                <td className="px-3 py-2">{t(`act.state.${a.state}` as 'act.state.proposed')}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <div className="flex items-center gap-2">
                    <button
                      type="button"
                      className="text-xs text-brand-700 underline"
                      aria-expanded={open === a.id}
                      aria-controls={`detail-${a.id}`}
                      onClick={() => setOpen(open === a.id ? null : a.id)}
                    >
                      {t('act.details')}
                    </button>
                    {approve &&
                      a.state === 'proposed' &&
                      (isOwnProposal(a, user?.id) ? (
                        <span className="max-w-[13rem] whitespace-normal text-xs leading-tight text-slate-600" data-testid="own-proposal">
                          {t('act.ownProposal')}
                        </span>
                      ) : role === 'admin' || a.value <= approvalThreshold ? (
                        <Inline a={a} intent="approve" label={t('act.approve')} />
                      ) : (
                        <span className="text-xs text-slate-600" data-testid="needs-admin">
                          {t('act.needsAdmin', { threshold: f.money(approvalThreshold) })}
                        </span>
                      ))}
                    {work && a.state === 'proposed' && <Decide a={a} intent="dismiss" field="reason" required />}
                    {work && a.state === 'approved' && <Inline a={a} intent="execute" label={t('act.execute')} />}
                    {work && <Decide a={a} intent="note" field="text" required={false} />}
                  </div>
                </td>
              </tr>
              {open === a.id && (
                <tr id={`detail-${a.id}`} className="bg-slate-50/60">
                  <td colSpan={10}>
                    <Details a={a} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="flex items-center justify-between border-t border-slate-200 p-2 text-xs text-slate-700">
          <span>{t('common.page', { page, pages, total: items.length })}</span>
          <div className="flex gap-2">
            <button type="button" className={ghostCls} disabled={page <= 1} onClick={() => goTo(page - 1)}>
              {t('common.prev')}
            </button>
            <button type="button" className={ghostCls} disabled={page >= pages} onClick={() => goTo(page + 1)}>
              {t('common.next')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
