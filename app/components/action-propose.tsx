// A planner's own action: what, which SKU (and lot / warehouses / customer the kind needs), why.
import { useState } from 'react';
import { Form, useNavigation } from 'react-router';
import { useI18n } from '../i18n/t';
import { Csrf } from './csrf';
import { buttonCls, inputCls } from './ui';

const KINDS = ['reorder', 'transfer', 'markdown', 'sell', 'write_off'] as const;

export function ProposeForm({ warehouses }: { warehouses: string[] }) {
  const { t } = useI18n();
  const busy = useNavigation().state === 'submitting';
  const [kind, setKind] = useState<(typeof KINDS)[number]>('reorder');
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
          <input name="sku" required className={field} />
        </label>
        <label className="text-sm">
          {t('common.quantity')}
          <input name="quantity" type="number" min="1" step="1" required className={field} />
        </label>
        <label className="text-sm">
          {t('common.warehouse')}
          <select name="warehouse" className={field} defaultValue="">
            <option value="">—</option>
            {warehouses.map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
        {kind !== 'reorder' && (
          <label className="text-sm">
            {t('sku.lot')}
            <input name="lotId" required className={field} />
          </label>
        )}
        {kind === 'transfer' && (
          <label className="text-sm">
            {t('moves.toWarehouse')}
            <select name="toWarehouse" required className={field}>
              {warehouses.map((w) => (
                <option key={w}>{w}</option>
              ))}
            </select>
          </label>
        )}
        {kind === 'sell' && (
          <label className="text-sm">
            {t('act.customer')}
            <input name="customerId" required className={field} />
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
        <div className="flex items-end">
          <button className={buttonCls} disabled={busy}>
            {t('act.proposeSubmit')}
          </button>
        </div>
      </Form>
    </details>
  );
}
