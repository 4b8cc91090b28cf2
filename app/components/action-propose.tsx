// A planner's own action: what, which SKU (and lot / warehouses / customer the kind needs), why.
// The SKU and customer fields suggest matches as one types, and the lot is picked from the SKU's
// stocked lots (warehouse, units, expiry; earliest expiry first), which also sets the warehouse:
// a lot number alone may name lots in several warehouses. Without JavaScript the fields stay text.
import { useEffect, useState } from 'react';
import { Form, useFetcher, useNavigation } from 'react-router';
import type { MessageKey } from '../i18n/messages';
import { useI18n } from '../i18n/t';
import type { ProposeOptions } from '../routes/propose-options';
import { Csrf } from './csrf';
import { buttonCls, inputCls } from './ui';

/** A lot option's value: lot number and warehouse together (a lot number alone may name several lots). */
const lotKey = (l: { lotId: string; warehouse: string }) => `${encodeURIComponent(l.warehouse)}/${encodeURIComponent(l.lotId)}`;

const KINDS = ['reorder', 'transfer', 'markdown', 'sell', 'write_off'] as const;

/**
 * `duplicateOf`: the open action the API said this proposal repeats (409 duplicate-action); the
 * form then offers "Propose anyway", which sends the same fields with confirmDuplicate.
 */
export function ProposeForm({ warehouses, duplicateOf }: { warehouses: string[]; duplicateOf?: string }) {
  const { t, f } = useI18n();
  const busy = useNavigation().state === 'submitting';
  const [kind, setKind] = useState<(typeof KINDS)[number]>('reorder');
  const [sku, setSku] = useState('');
  const [customer, setCustomer] = useState('');
  const [lot, setLot] = useState('');
  const [warehouse, setWarehouse] = useState('');
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
  const chosen = lots.find((l) => lotKey(l) === lot);
  const field = `${inputCls} mt-1 block w-full`;
  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">{t('act.propose')}</summary>
      <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t('act.propose')}>
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
        </label>
        <label className="text-sm">
          {t('common.quantity')}
          <input name="quantity" type="number" min="1" step="1" required className={field} />
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
        </label>
        {/* A disabled select sends nothing: the chosen lot's warehouse travels here. */}
        {chosen && kind !== 'reorder' && <input type="hidden" name="warehouse" value={chosen.warehouse} />}
        {kind !== 'reorder' &&
          (current && current.skuKnown ? (
            <label className="text-sm sm:col-span-2">
              {t('sku.lot')}
              {/* One lot number may be stocked in several warehouses: the option names both, the form sends the lot number. */}
              <select required className={field} value={chosen ? lot : ''} onChange={(e) => setLot(e.target.value)}>
                <option value="">{lots.length ? t('act.pickLot') : t('act.noLots', { sku: current.sku ?? '' })}</option>
                {lots.map((l) => (
                  <option key={lotKey(l)} value={lotKey(l)}>
                    {t('act.lotOption', {
                      lot: l.lotId,
                      warehouse: l.warehouse,
                      units: f.num(l.quantityOnHand),
                      date: f.day(l.expirationDate),
                    })}
                    {l.status !== 'available' ? ` · ${t(`lot.status.${l.status}` as MessageKey)}` : ''}
                  </option>
                ))}
              </select>
              {chosen && <input type="hidden" name="lotId" value={chosen.lotId} />}
            </label>
          ) : (
            <label className="text-sm">
              {t('sku.lot')}
              <input name="lotId" required className={field} />
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
          </label>
        )}
        {kind === 'markdown' && (
          <label className="text-sm">
            {t('act.discount')}
            <input name="discountPct" type="number" min="1" max="95" required className={field} />
          </label>
        )}
        <label className="text-sm sm:col-span-2">
          {t('common.reason')}
          <input name="reason" required minLength={3} className={field} />
        </label>
        <div className="flex items-end gap-2">
          <button className={buttonCls} disabled={busy}>
            {t('act.proposeSubmit')}
          </button>
          {duplicateOf !== undefined && (
            <button className={buttonCls} name="confirmDuplicate" value="1" disabled={busy} data-testid="propose-anyway">
              {t('act.proposeAnyway')}
            </button>
          )}
        </div>
      </Form>
    </details>
  );
}
