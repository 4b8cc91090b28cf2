// Bulk decisions on a selection: a confirmation names how many actions and their total value first.
import * as Dialog from '@radix-ui/react-dialog';
import { Form } from 'react-router';
import { useI18n, useRoot } from '../i18n/t';
import { can } from '../lib/roles';
import { Csrf } from './csrf';
import { buttonCls, ghostCls, inputCls } from './ui';
import { DialogError, useFormDialog } from './form-dialog';
import { isOwnProposal, type ActionItem } from './action-rows';

function Confirm({ items, decision, leftOut }: { items: ActionItem[]; decision: 'approve' | 'dismiss'; leftOut?: string }) {
  const { t, f } = useI18n();
  const total = items.reduce((s, i) => s + i.value, 0);
  const dialog = useFormDialog();
  return (
    <Dialog.Root open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <Dialog.Trigger className={decision === 'approve' ? buttonCls : ghostCls}>
        {t(decision === 'approve' ? 'act.bulkApprove' : 'act.bulkDismiss', { n: items.length })}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[30rem] max-w-[92vw] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">
            {t(decision === 'approve' ? 'act.bulkApproveTitle' : 'act.bulkDismissTitle')}
          </Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700" data-testid="bulk-confirm">
            {t('act.bulkConfirm', { n: items.length, value: f.money(total) })}
            {leftOut && ` ${leftOut}`}
          </Dialog.Description>
          <Form method="post" className="mt-4 space-y-3" onSubmit={dialog.onSubmit}>
            <DialogError error={dialog.error} />
            <Csrf />
            <input type="hidden" name="intent" value="bulk" />
            <input type="hidden" name="decision" value={decision} />
            {items.map((i) => (
              <input key={i.id} type="hidden" name="ids" value={i.id} />
            ))}
            <label className="block text-sm">
              {decision === 'dismiss' ? t('common.reason') : t('act.note')}
              <textarea
                name="reason"
                required={decision === 'dismiss'}
                minLength={decision === 'dismiss' ? 3 : undefined}
                className={`${inputCls} mt-1 block w-full`}
              />
            </label>
            <div className="flex justify-end gap-2">
              <Dialog.Close className={ghostCls}>{t('common.cancel')}</Dialog.Close>
              <button className={buttonCls} disabled={dialog.busy}>
                {t('act.confirm')}
              </button>
            </div>
          </Form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The selection's decisions; one's own proposals are left out of approval (the API refuses them), not of dismissal. */
export function BulkBar({ items, state }: { items: ActionItem[]; state: string }) {
  const { t } = useI18n();
  const { user } = useRoot();
  if (state !== 'proposed') return null;
  const approver = !!user && can.approveActions(user.role);
  const approvable = items.filter((i) => !isOwnProposal(i, user?.id));
  const own = items.length - approvable.length;
  const leftOut = own > 0 ? t('act.ownLeftOut', { n: own }) : undefined;
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded-lg border border-brand-200 bg-brand-50 p-3"
      role="region"
      aria-label={t('act.bulk')}
    >
      {approver && approvable.length > 0 && <Confirm items={approvable} decision="approve" leftOut={leftOut} />}
      <Confirm items={items} decision="dismiss" />
      {approver && leftOut && (
        <span className="text-xs text-slate-700" data-testid="own-left-out">
          {leftOut}
        </span>
      )}
    </div>
  );
}
