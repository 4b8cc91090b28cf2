// The stock ledger: every movement, newest first; post one (an OUT previews its FEFO split) and
// reverse a mistake with a reason. Only roles that move stock see the controls.
import * as Dialog from '@radix-ui/react-dialog';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { Form, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from 'react-router';
import type { Route } from './+types/movements';
import { api, load } from '../lib/api.server';
import { attempt, formAction } from '../lib/forms.server';
import { formNumber } from '../lib/form-values';
import { requireUser } from '../lib/session.server';
import { queryOf } from '../lib/query';
import { can } from '../lib/roles';
import type { Page } from '../lib/types';
import { pageTitle, useI18n, useRoot } from '../i18n/t';
import { Card, FieldError, Notice, PageError, PageHeader, buttonCls, ghostCls, inputCls } from '../components/ui';
import { Csrf } from '../components/csrf';
import { DialogError, useFormDialog } from '../components/form-dialog';
import { DataTable, type ColumnInfo } from '../components/data-table';
import { BATCH_SIZE, BatchNav, batchOf } from '../components/batch';
import type { FefoPreview } from './fefo-preview';
import type { MovementRow } from '../lib/types';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'nav.movements');

type Movement = MovementRow;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const url = new URL(request.url);
  const sku = url.searchParams.get('sku') || undefined;
  // A type the ledger does not have answers 422 in the page's words (the API's own 422 is technical).
  const type = queryOf(url).choice('type', LEDGER_TYPES, (x) => `moves.type.${x}`);
  // Text in a movement's reason, reference, lots or author: the API searches the whole ledger.
  const q = url.searchParams.get('q')?.trim() || undefined;
  const batch = batchOf(url);
  return load(async () => ({
    ...(await api(context, request, token).get<Page<Movement>>('/api/movements', { q, sku, type, page: batch, pageSize: BATCH_SIZE })),
    batch,
  }));
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context, can.moveStock);
  const s = (k: string) => String(form.get(k) ?? '').trim();
  if (s('intent') === 'reverse') {
    return attempt(
      () => api.send('POST', `/api/movements/${encodeURIComponent(s('id'))}/reverse`, { reason: s('reason') }),
      'moves.reversed',
    );
  }
  const type = s('type');
  const body: Record<string, unknown> = {
    type,
    sku: s('sku'),
    // Blank is null and 1e309 stays a number: the API names the field, never "must be greater than 0" for a blank.
    quantity: formNumber(form.get('quantity')),
    reason: s('reason'),
    reference: s('reference'),
  };
  for (const k of ['lotId', 'warehouse', 'toWarehouse', 'expirationDate']) if (s(k)) body[k] = s(k);
  if (type === 'MOVE') delete body.warehouse;
  return attempt(
    () => api.send('POST', '/api/movements', body, { 'Idempotency-Key': s('idempotencyKey') || crypto.randomUUID() }),
    'moves.posted',
    'post',
  );
}

export function ErrorBoundary() {
  return <PageError />;
}

const col = createColumnHelper<Movement>();
const TYPES = ['OUT', 'IN', 'MOVE', 'ADJUST', 'WRITE_OFF'] as const;
/** Every type the ledger lists (a reversal is written by Reverse, not posted). */
const LEDGER_TYPES = [...TYPES, 'REVERSAL'] as const;

function PostForm() {
  const { t, f, tx } = useI18n();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const preview = useFetcher<FefoPreview | null>();
  const [type, setType] = useState<string>('OUT');
  const [sku, setSku] = useState('');
  const [qty, setQty] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [key, setKey] = useState(() => Math.random().toString(36).slice(2));
  useEffect(() => {
    if (!sku) return;
    const id = setTimeout(() => preview.load(`/fefo-preview?${new URLSearchParams({ sku, quantity: qty || '0', warehouse })}`), 250);
    return () => clearTimeout(id);
  }, [sku, qty, warehouse, result]);
  useEffect(() => setKey(Math.random().toString(36).slice(2)), [result]);
  const p = preview.data;
  // Each refused field's sentence next to it, in the page's language (the API's Korean on Korean pages).
  const fe = result && !result.ok && result.form === 'post' ? (result.fields ?? {}) : {};
  const bad = (name: string) => (fe[name] ? { 'aria-invalid': true, 'aria-describedby': `move-${name}-error` } : {});
  const note = (name: string) => <FieldError id={`move-${name}-error`} message={fe[name]} />;
  return (
    <Card title={t('moves.post')}>
      {result && (
        <div className="mb-3">
          {result.ok ? (
            <Notice kind="ok">{t(result.message === 'moves.reversed' ? 'moves.reversed' : 'moves.posted')}</Notice>
          ) : (
            <Notice kind="error">{result.error}</Notice>
          )}
        </div>
      )}
      <Form method="post" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Csrf />
        <input type="hidden" name="idempotencyKey" value={key} />
        <label className="text-sm">
          {t('moves.type')}
          <select name="type" className={`${inputCls} mt-1 block w-full`} value={type} onChange={(e) => setType(e.target.value)}>
            {[...TYPES, 'REVERSAL' as const].map((x) => (
              <option key={x} value={x}>
                {t(`moves.type.${x}`)}
              </option>
            ))}
          </select>
          {note('type')}
        </label>
        <label className="text-sm">
          {t('common.sku')}
          <input
            {...bad('sku')}
            name="sku"
            required
            className={`${inputCls} mt-1 block w-full`}
            value={sku}
            onChange={(e) => setSku(e.target.value.trim())}
          />
          {note('sku')}
        </label>
        <label className="text-sm">
          {t('common.quantity')}
          <input
            {...bad('quantity')}
            name="quantity"
            required
            type="number"
            step="1"
            className={`${inputCls} mt-1 block w-full`}
            value={qty}
            onChange={(e) => setQty(e.target.value)}
          />
          {note('quantity')}
        </label>
        <label className="text-sm">
          {t('sku.lot')} {type === 'OUT' && <span className="text-xs text-slate-600">({t('moves.lotOptional')})</span>}
          <input {...bad('lotId')} name="lotId" className={`${inputCls} mt-1 block w-full`} required={type !== 'OUT'} />
          {note('lotId')}
        </label>
        <label className="text-sm">
          {type === 'MOVE' ? t('moves.toWarehouse') : t('common.warehouse')}
          <input
            {...bad(type === 'MOVE' ? 'toWarehouse' : 'warehouse')}
            name={type === 'MOVE' ? 'toWarehouse' : 'warehouse'}
            className={`${inputCls} mt-1 block w-full`}
            value={warehouse}
            onChange={(e) => setWarehouse(e.target.value.trim())}
            required={type === 'IN' || type === 'MOVE'}
          />
          {note(type === 'MOVE' ? 'toWarehouse' : 'warehouse')}
        </label>
        {type === 'IN' && (
          <label className="text-sm">
            {t('sku.expires')}
            <input {...bad('expirationDate')} name="expirationDate" type="date" className={`${inputCls} mt-1 block w-full`} />
            {note('expirationDate')}
          </label>
        )}
        <label className="text-sm sm:col-span-2">
          {t('common.reason')}
          <input
            {...bad('reason')}
            name="reason"
            className={`${inputCls} mt-1 block w-full`}
            required={type === 'ADJUST' || type === 'WRITE_OFF'}
          />
          {note('reason')}
        </label>
        <div className="flex items-end">
          <button className={buttonCls} disabled={busy}>
            {t('moves.submit')}
          </button>
        </div>
      </Form>
      {p && (
        <div className="mt-4 rounded-lg bg-slate-50 p-3 text-sm" data-testid="fefo-preview">
          <p>
            {t('moves.sellable', { sku: p.sku })}: <strong data-testid="sellable">{p.sellableUnits}</strong> {t('common.units')}
          </p>
          {p.error && <Notice kind="error">{p.error}</Notice>}
          {type === 'OUT' && p.take.length > 0 && (
            <>
              <p className="mt-2 font-medium">{t('moves.preview')}</p>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                {p.take.map((x) => (
                  <li key={x.lotId}>
                    <span className="tabular font-medium">{f.num(x.quantity)}</span> × {x.lotId} ({x.warehouse}, {t('sku.expires')}{' '}
                    {f.day(x.expirationDate)}) — <span className="text-slate-600">{tx(x, 'reason')}</span>
                  </li>
                ))}
              </ol>
              {p.short > 0 && <Notice kind="error">{t('moves.short', { n: f.num(p.short) })}</Notice>}
            </>
          )}
        </div>
      )}
    </Card>
  );
}

/**
 * One dialog for the page, opened by a row's Reverse: a grid renders its cells anew whenever the page
 * does (the action's answer, a revalidation), so a dialog living in a cell lost its state and closed
 * on a refusal it should have shown.
 */
function Reverse({ m, dialog }: { m: Movement | null; dialog: ReturnType<typeof useFormDialog> }) {
  const { t, lang } = useI18n();
  if (!m) return null;
  return (
    <Dialog.Root open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[28rem] max-w-[92vw] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t('moves.reverseTitle')}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">
            {t('moves.reverseHint', { type: lang === 'ko' ? t(`moves.type.${m.type}`) : m.type, qty: m.quantity, sku: m.sku })}
          </Dialog.Description>
          <Form method="post" className="mt-4 space-y-3" onSubmit={dialog.onSubmit}>
            <DialogError error={dialog.error} />
            <Csrf />
            <input type="hidden" name="intent" value="reverse" />
            <input type="hidden" name="id" value={m.id} />
            <label className="block text-sm">
              {t('common.reason')}
              <input name="reason" required minLength={3} className={`${inputCls} mt-1 block w-full`} />
            </label>
            <div className="flex justify-end gap-2">
              <Dialog.Close className={ghostCls}>{t('common.cancel')}</Dialog.Close>
              <button className={buttonCls} disabled={dialog.busy}>
                {t('moves.reverse')}
              </button>
            </div>
          </Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export default function Movements() {
  const page = useLoaderData<typeof loader>();
  const { t, f, tx } = useI18n();
  const { user } = useRoot();
  const [params] = useSearchParams();
  const write = user ? can.moveStock(user.role) : false;
  const reverse = useFormDialog();
  const [reversing, setReversing] = useState<Movement | null>(null);
  const reversed = new Set(page.items.map((m) => m.reversesId).filter(Boolean));
  const byId = new Map(page.items.map((m) => [m.id, m]));
  const columns = [
    col.accessor('createdAt', { header: t('common.date'), cell: (c) => f.time(c.getValue()) }),
    col.accessor('type', {
      header: t('moves.type'),
      // A reversal reads as one, naming what it reverses when that movement is on the page.
      cell: (c) => {
        const m = c.row.original;
        const original = m.type === 'REVERSAL' ? byId.get(m.reversesId ?? '') : undefined;
        return original ? t('moves.reversalOf', { type: t(`moves.type.${original.type}`) }) : t(`moves.type.${m.type}`);
      },
      meta: { exportText: (type: Movement['type']) => t(`moves.type.${type}`) } satisfies ColumnInfo,
    }),
    col.accessor('sku', { header: t('common.sku') }),
    col.accessor('quantity', { header: t('common.quantity'), cell: (c) => f.num(c.getValue()), meta: { numeric: true } }),
    col.accessor((m) => m.lines.map((l) => `${l.lotId}@${l.warehouse} ${l.delta > 0 ? '+' : ''}${l.delta}`).join(', '), {
      id: 'lines',
      header: t('moves.lines'),
    }),
    // A reason the system wrote (a receipt, an import, an executed action) reads in the page's language; a person's as typed.
    col.accessor((m) => tx(m, 'reason'), { id: 'reason', header: t('common.reason') }),
    col.accessor('createdBy', { header: t('moves.by') }),
    ...(write
      ? [
          col.display({
            id: 'actions',
            header: '',
            meta: { label: t('moves.reverse') },
            cell: (c) =>
              c.row.original.reversesId || reversed.has(c.row.original.id) ? null : (
                <button
                  type="button"
                  className="text-xs text-brand-700 underline"
                  aria-haspopup="dialog"
                  onClick={() => {
                    setReversing(c.row.original);
                    reverse.show();
                  }}
                >
                  {t('moves.reverse')}
                </button>
              ),
          }),
        ]
      : []),
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('nav.movements')} />
      {write && <PostForm />}
      {write && <Reverse m={reversing} dialog={reverse} />}
      <Form method="get" className="flex flex-wrap items-end gap-2 text-sm">
        <label>
          {t('moves.search')}
          <input name="q" type="search" defaultValue={params.get('q') ?? ''} className={`${inputCls} ml-1`} />
        </label>
        <label>
          {t('common.sku')}
          <input name="sku" defaultValue={params.get('sku') ?? ''} className={`${inputCls} ml-1`} />
        </label>
        <label>
          {t('moves.type')}
          <select name="type" defaultValue={params.get('type') ?? ''} className={`${inputCls} ml-1`}>
            <option value="">{t('common.all')}</option>
            {[...TYPES, 'REVERSAL' as const].map((x) => (
              <option key={x} value={x}>
                {t(`moves.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <button className={ghostCls}>{t('common.filter')}</button>
      </Form>
      <BatchNav total={page.total} batch={page.batch} />
      <DataTable
        label={t('nav.movements')}
        columns={columns as never}
        data={page.items}
        defaultSort={[{ id: 'createdAt', desc: true }]}
        exportName="movements"
        rowTestId="movement-row"
      />
    </div>
  );
}
