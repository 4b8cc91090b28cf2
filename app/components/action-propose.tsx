// A planner's own action: what, which SKU (and lot / warehouses / customer the kind needs), why.
// The SKU and customer fields suggest matches as one types, and the lot is picked from the SKU's
// stocked lots (warehouse, units, expiry; earliest expiry first), which also sets the warehouse:
// a lot number alone may name lots in several warehouses. Expired lots, and lots too short-dated to
// sell, are marked; one the kind cannot use (an expired lot for anything but a write-off) cannot be
// picked. The markdown's limit is the tenant's deepest markdown. A proposal made clears the form; a
// refused one keeps it, with each field's sentence beside it. Without JavaScript the fields stay text.
import { useEffect, useState } from 'react';
import { Form, Link, useFetcher, useNavigation } from 'react-router';
import type { MessageKey } from '../i18n/messages';
import { useI18n, type T } from '../i18n/t';
import type { Formats } from '../lib/format';
import type { ActionResult, OpenAction } from '../lib/forms.server';
import type { LotOption, ProposeOptions } from '../routes/propose-options';
import { Csrf } from './csrf';
import { FieldError, Notice, buttonCls, inputCls } from './ui';

/** A lot option's value: lot number and warehouse together (a lot number alone may name several lots). */
const lotKey = (l: { lotId: string; warehouse: string }) => `${encodeURIComponent(l.warehouse)}/${encodeURIComponent(l.lotId)}`;

const KINDS = ['reorder', 'transfer', 'markdown', 'sell', 'write_off'] as const;

/** Whether a lot can be picked for a kind: an expired lot is only written off, a short-dated one is not sold. */
const usableFor = (l: LotOption, kind: (typeof KINDS)[number]) => kind === 'write_off' || (!l.expired && !(kind === 'sell' && l.shortLife));

/** An action as a person recognises it: kind, SKU, units, lot, warehouses, customer, who proposed it when, and its state. */
export function describeAction(a: OpenAction, t: T, f: Formats): string {
  return [
    t(`act.kind.${a.kind}` as MessageKey),
    a.sku,
    t('act.openUnits', { n: f.num(a.quantity) }),
    a.lotId ? `${t('sku.lot')} ${a.lotId}` : '',
    a.toWarehouse ? `${a.warehouse ?? '—'} → ${a.toWarehouse}` : (a.warehouse ?? ''),
    a.customerId ?? '',
    a.discountPct !== null ? `−${f.num(a.discountPct)} %` : '',
    t('act.openBy', { who: a.proposedBy, date: f.time(a.createdAt) }),
    t(`act.state.${a.state}` as MessageKey),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A proposal refused as a duplicate: the open action, linked to its page and described, not its id. */
export function DuplicateNotice({ id, open }: { id: string; open: OpenAction | null | undefined }) {
  const { t, f } = useI18n();
  if (!id) return <Notice kind="error">{t('act.duplicate')}</Notice>;
  return (
    <Notice kind="error">
      {t('act.duplicateLead')}{' '}
      <Link to={`/actions/${encodeURIComponent(id)}`} className="font-medium underline" data-testid="duplicate-of">
        {open ? describeAction(open, t, f) : t('act.duplicateOpenOne')}
      </Link>
      {'. '}
      {t('act.duplicateTail')}
    </Notice>
  );
}

/** A proposal refused because open actions already ask the lot for its units: each of them linked, and what is left. */
export function OverCommitNotice({ available, onHand, committed }: { available: number; onHand: number; committed: OpenAction[] }) {
  const { t, f } = useI18n();
  return (
    <Notice kind="error">
      <span data-testid="over-committed">{t('act.overCommitLead', { left: f.num(available), onHand: f.num(onHand) })}</span>
      <ul className="mt-1 list-disc pl-5">
        {committed.map((a) => (
          <li key={a.id}>
            <Link to={`/actions/${encodeURIComponent(a.id)}`} className="underline" data-testid="committed-action">
              {describeAction(a, t, f)}
            </Link>
          </li>
        ))}
      </ul>
      {t('act.overCommitTail')}
    </Notice>
  );
}

/**
 * `result`: the page's last answer to a post. A refused proposal keeps the form as it is and puts
 * each field's sentence beside it; a duplicate (409) offers "Propose anyway", which sends the same
 * fields with confirmDuplicate. A proposal made clears the form. `maxDiscount`: the tenant's
 * deepest markdown (a fraction), the discount field's limit.
 */
export function ProposeForm({ warehouses, maxDiscount, result }: { warehouses: string[]; maxDiscount: number; result?: ActionResult }) {
  const { t, f } = useI18n();
  const busy = useNavigation().state === 'submitting';
  const [kind, setKind] = useState<(typeof KINDS)[number]>('reorder');
  const [sku, setSku] = useState('');
  const [customer, setCustomer] = useState('');
  const [lot, setLot] = useState('');
  const [warehouse, setWarehouse] = useState('');
  // A new form (its uncontrolled fields blank) after each proposal made.
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!result?.ok || result.message !== 'act.proposed') return;
    setKind('reorder');
    setSku('');
    setCustomer('');
    setLot('');
    setWarehouse('');
    setRound((r) => r + 1);
  }, [result]);
  const refused = result && !result.ok && result.form === 'propose' ? result : undefined;
  const duplicateOf = refused?.duplicateOf;
  // "Propose anyway" overrides this refusal and those overridden before it for the same fields.
  const override = duplicateOf !== undefined ? 'duplicate' : refused?.overCommitted ? 'overCommit' : null;
  const confirm = override ? [...new Set([...(refused?.confirmed ?? []), override])].join(',') : '';
  const fe = refused?.fields ?? {};
  const bad = (name: string) => (fe[name] ? { 'aria-invalid': true, 'aria-describedby': `propose-${name}-error` } : {});
  const note = (name: string) => <FieldError id={`propose-${name}-error`} message={fe[name]} />;
  /** A field's hint and, when refused, its sentence: what a screen reader reads with it. */
  const described = (hint: string, name: string) => [hint, fe[name] ? `propose-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  // The API refuses a markdown deeper than this (worker/actions/create.ts rounds it the same way).
  const deepest = Math.round(maxDiscount * 100);
  const options = useFetcher<ProposeOptions>();
  const { load } = options;
  // Ask for suggestions a moment after typing stops, not on every key.
  useEffect(() => {
    const s = sku.trim();
    const c = customer.trim();
    if (!s && !c) return;
    const timer = setTimeout(() => load(`/propose-options?${new URLSearchParams({ sku: s, customer: c })}`), 250);
    return () => clearTimeout(timer);
  }, [sku, customer, load]);
  const data = options.data;
  // The lots shown belong to the SKU now in the field, never to one typed before.
  const current = data && data.sku !== null && data.sku.toLowerCase() === sku.trim().toLowerCase() ? data : undefined;
  const lots = current?.lots ?? [];
  // A lot the kind cannot use (picked under another kind) is no longer chosen.
  const chosen = lots.find((l) => lotKey(l) === lot && usableFor(l, kind));
  const expiredCount = lots.filter((l) => l.expired).length;
  const shortCount = lots.filter((l) => l.shortLife).length;
  const field = `${inputCls} mt-1 block w-full`;
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">{t('act.propose')}</summary>
      <Form key={round} method="post" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t('act.propose')}>
        <Csrf />
        <input type="hidden" name="intent" value="propose" />
        <label className="text-sm">
          {t('act.kind')}
          <select name="kind" className={field} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`act.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t('common.sku')}
          <input
            name="sku"
            required
            autoComplete="off"
            list="propose-skus"
            className={field}
            value={sku}
            onChange={(e) => {
              setSku(e.target.value);
              setLot('');
            }}
          />
          <datalist id="propose-skus">
            {(data?.skus ?? []).map((p) => (
              <option key={p.sku} value={p.sku}>
                {p.name}
              </option>
            ))}
          </datalist>
          {current && !current.skuKnown && current.skus.length === 0 && (
            <span role="alert" className="mt-1 block text-xs text-red-700">
              {t('act.unknownSku', { sku: current.sku ?? '' })}
            </span>
          )}
          {note('sku')}
        </label>
        <label className="text-sm">
          {t('common.quantity')}
          <input name="quantity" type="number" min="1" step="1" required className={field} {...bad('quantity')} />
          {note('quantity')}
        </label>
        <label className="text-sm">
          {t('common.warehouse')}
          <select
            name="warehouse"
            className={field}
            value={chosen && kind !== 'reorder' ? chosen.warehouse : warehouse}
            disabled={Boolean(chosen && kind !== 'reorder')}
            onChange={(e) => setWarehouse(e.target.value)}
          >
            <option value="">—</option>
            {warehouses.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
          {note('warehouse')}
        </label>
        {/* A disabled select sends nothing: the chosen lot's warehouse travels here. */}
        {chosen && kind !== 'reorder' && <input type="hidden" name="warehouse" value={chosen.warehouse} />}
        {kind !== 'reorder' &&
          (current && current.skuKnown ? (
            <label className="text-sm sm:col-span-2">
              {t('sku.lot')}
              {/* One lot number may be stocked in several warehouses: the option names both, the form sends the lot number. */}
              <select
                required
                className={field}
                value={chosen ? lot : ''}
                onChange={(e) => setLot(e.target.value)}
                aria-invalid={fe.lotId ? true : undefined}
                aria-describedby={described(expiredCount || shortCount ? 'propose-lot-marks' : '', 'lotId')}
              >
                <option value="">{lots.length ? t('act.pickLot') : t('act.noLots', { sku: current.sku ?? '' })}</option>
                {lots.map((l) => (
                  <option key={lotKey(l)} value={lotKey(l)} disabled={!usableFor(l, kind)} data-expired={l.expired || undefined}>
                    {l.expired ? `⚠ ${t('act.lotExpired')} · ` : l.shortLife && kind === 'sell' ? `⚠ ${t('act.lotShort')} · ` : ''}
                    {t('act.lotOption', {
                      lot: l.lotId,
                      warehouse: l.warehouse,
                      units: f.num(l.quantityOnHand),
                      date: f.day(l.expirationDate),
                    })}
                    {l.shortLife && l.daysLeft !== null
                      ? ` · ${t('act.lotShortDays', { left: l.daysLeft, need: l.saleNeedsDays ?? 0 })}`
                      : ''}
                    {l.status !== 'available' && l.status !== 'expired' ? ` · ${t(`lot.status.${l.status}` as MessageKey)}` : ''}
                  </option>
                ))}
              </select>
              {(expiredCount > 0 || shortCount > 0) && (
                <span id="propose-lot-marks" className="mt-1 block text-xs text-amber-800" data-testid="lot-marks">
                  {[
                    expiredCount ? t(kind === 'write_off' ? 'act.lotsExpiredWriteOff' : 'act.lotsExpired', { n: expiredCount }) : '',
                    shortCount ? t(kind === 'sell' ? 'act.lotsShortSell' : 'act.lotsShort', { n: shortCount }) : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                </span>
              )}
              {note('lotId')}
              {chosen && <input type="hidden" name="lotId" value={chosen.lotId} />}
            </label>
          ) : (
            <label className="text-sm">
              {t('sku.lot')}
              <input name="lotId" required className={field} {...bad('lotId')} />
              {note('lotId')}
            </label>
          ))}
        {kind === 'transfer' && (
          <label className="text-sm">
            {t('moves.toWarehouse')}
            <select name="toWarehouse" required className={field}>
              {warehouses
                .filter((w) => w !== chosen?.warehouse)
                .map((w) => (
                  <option key={w}>{w}</option>
                ))}
            </select>
            {note('toWarehouse')}
          </label>
        )}
        {kind === 'sell' && (
          <label className="text-sm">
            {t('act.customer')}
            <input
              name="customerId"
              required
              autoComplete="off"
              list="propose-customers"
              className={field}
              value={customer}
              onChange={(e) => setCustomer(e.target.value)}
            />
            <datalist id="propose-customers">
              {(data?.customers ?? []).map((c) => (
                <option key={c.customerId} value={c.customerId}>
                  {c.name}
                </option>
              ))}
            </datalist>
            {note('customerId')}
          </label>
        )}
        {kind === 'markdown' && (
          <label className="text-sm">
            {t('act.discount')}
            <input
              name="discountPct"
              type="number"
              min="1"
              max={deepest}
              required
              className={field}
              aria-invalid={fe.discountPct ? true : undefined}
              aria-describedby={described('propose-discount-hint', 'discountPct')}
            />
            <span id="propose-discount-hint" className="text-xs text-slate-600">
              {t('act.discountMax', { max: deepest })}
            </span>
            {note('discountPct')}
          </label>
        )}
        <label className="text-sm sm:col-span-2">
          {t('common.reason')}
          <input name="reason" required minLength={3} className={field} {...bad('reason')} />
          {note('reason')}
        </label>
        <div className="flex items-end gap-2">
          <button className={buttonCls} disabled={busy}>
            {t('act.proposeSubmit')}
          </button>
          {override && (
            <button className={buttonCls} name="confirm" value={confirm} disabled={busy} data-testid="propose-anyway">
              {t('act.proposeAnyway')}
            </button>
          )}
        </div>
      </Form>
    </details>
  );
}
