// The alert-channels section of /settings (admins): where alerts go, which kinds and from which
// severity; add one, send it a test, change its kinds and severity, remove it. It loads and posts
// through the resource route /settings/alert-channels, so the settings page itself stays as it is.
import { useEffect } from 'react';
import { useFetcher } from 'react-router';
import { useI18n, useRoot } from '../i18n/t';
import { can } from '../lib/roles';
import type { ActionResult } from '../lib/forms.server';
import type { Channel } from '../routes/alert-channels';
import { Csrf } from './csrf';
import { Card, Notice, buttonCls, ghostCls, inputCls } from './ui';

const KINDS = ['stock-critical', 'stockout', 'expiry', 'certain-loss', 'import-failed', 'refresh-failed', 'dead-letter'] as const;
const SEVERITIES = ['info', 'warning', 'critical'] as const;
const TYPES = ['webhook', 'slack', 'whatsapp', 'email'] as const;
const URL_ = '/settings/alert-channels';

function Kinds({ chosen, idPrefix }: { chosen: string[]; idPrefix: string }) {
  const { t } = useI18n();
  return (
    <fieldset className="sm:col-span-2">
      <legend className="text-sm">{t('chan.kinds')}</legend>
      <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
        {KINDS.map((k) => (
          <label key={k} className="flex items-center gap-1 text-xs" htmlFor={`${idPrefix}-${k}`}>
            <input id={`${idPrefix}-${k}`} type="checkbox" name="kinds" value={k} defaultChecked={chosen.includes(k)} />
            {t(`alerts.kind.${k}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Severity({ value }: { value: string }) {
  const { t } = useI18n();
  return (
    <label className="text-sm">
      {t('chan.minSeverity')}
      <select name="minSeverity" defaultValue={value} className={`${inputCls} mt-1 block w-full`}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {t(`alerts.sev.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Row({ c, onDone }: { c: Channel; onDone: () => void }) {
  const { t } = useI18n();
  const f = useFetcher<ActionResult>();
  useEffect(() => {
    if (f.state === 'idle' && f.data?.ok) onDone();
  }, [f.state, f.data, onDone]);
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="channel" data-name={c.name}>
      <p className="text-sm">
        <strong>{c.name}</strong> ·{' '}
        {(TYPES as readonly string[]).includes(c.type) ? t(`chan.type.${c.type as (typeof TYPES)[number]}`) : c.type} ·{' '}
        <span className="font-mono text-xs">{c.url}</span> {!c.active && `(${t('chan.inactive')})`}
      </p>
      <f.Form method="post" action={URL_} className="mt-2 grid gap-2 sm:grid-cols-4">
        <Csrf />
        <input type="hidden" name="id" value={c.id} />
        <Kinds chosen={c.kinds} idPrefix={`k-${c.id}`} />
        <Severity value={c.minSeverity} />
        <label className="flex items-end gap-1 text-sm">
          <input type="checkbox" name="active" defaultChecked={c.active} /> {t('chan.active')}
        </label>
        <div className="flex flex-wrap gap-2 sm:col-span-4">
          <button name="intent" value="update" className={ghostCls}>
            {t('common.save')}
          </button>
          <button name="intent" value="test" className={ghostCls}>
            {t('chan.test')}
          </button>
          <button name="intent" value="delete" className={ghostCls}>
            {t('chan.delete')}
          </button>
        </div>
      </f.Form>
      {f.data && (
        <div className="mt-2">
          {f.data.ok ? <Notice kind="ok">{t(f.data.message as 'chan.tested')}</Notice> : <Notice kind="error">{f.data.error}</Notice>}
        </div>
      )}
    </li>
  );
}

export function AlertChannels() {
  const { t } = useI18n();
  const { user } = useRoot();
  const list = useFetcher<{ items: Channel[] }>();
  const add = useFetcher<ActionResult & { data?: { signingSecret?: string } }>();
  const admin = user ? can.manageChannels(user.role) : false;
  const { load } = list;
  useEffect(() => {
    if (admin) void load(URL_);
  }, [admin, load, add.data]);
  if (!admin) return null;
  const reload = () => void load(URL_);
  const secret = add.data?.ok ? (add.data.data as { signingSecret?: string } | undefined)?.signingSecret : undefined;
  return (
    <Card title={t('chan.title')}>
      <div id="alert-channels" />
      {list.data === undefined ? (
        <p className="text-sm text-slate-600">{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t('chan.none')}</p>
      ) : (
        <ul className="space-y-2">
          {list.data.items.map((c) => (
            <Row key={c.id} c={c} onDone={reload} />
          ))}
        </ul>
      )}
      <add.Form method="post" action={URL_} className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t('chan.add')}>
        <Csrf />
        <input type="hidden" name="intent" value="create" />
        <label className="text-sm">
          {t('common.name')}
          <input name="name" required maxLength={100} className={`${inputCls} mt-1 block w-full`} />
        </label>
        <label className="text-sm">
          {t('chan.type')}
          <select name="type" className={`${inputCls} mt-1 block w-full`} defaultValue="webhook">
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`chan.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm sm:col-span-2">
          {t('chan.url')}
          <input name="url" required type="url" className={`${inputCls} mt-1 block w-full`} />
        </label>
        <label className="text-sm">
          {t('chan.to')}
          <input name="to" className={`${inputCls} mt-1 block w-full`} />
        </label>
        <label className="text-sm">
          {t('chan.from')}
          <input name="from" type="email" className={`${inputCls} mt-1 block w-full`} />
        </label>
        <label className="text-sm sm:col-span-2">
          {t('chan.secret')}
          <input name="secret" type="password" autoComplete="off" minLength={16} className={`${inputCls} mt-1 block w-full`} />
        </label>
        <Kinds chosen={[]} idPrefix="new" />
        <Severity value="warning" />
        <div className="flex items-end">
          <button className={buttonCls} disabled={add.state !== 'idle'}>
            {t('chan.add')}
          </button>
        </div>
      </add.Form>
      <p className="mt-1 text-xs text-slate-600">{t('chan.kindsHint')}</p>
      {add.data && (
        <div className="mt-2">
          {add.data.ok ? (
            <Notice kind="ok">
              {t('chan.created')} {secret && <span data-testid="signing-secret">{t('chan.secretOnce', { secret })}</span>}
            </Notice>
          ) : (
            <Notice kind="error">{add.data.error}</Notice>
          )}
        </div>
      )}
    </Card>
  );
}
