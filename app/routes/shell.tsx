// The workspace frame: navigation, tenant, user, language; every page below needs a signed-in user.
import { Form, NavLink, Outlet, useNavigation } from 'react-router';
import type { Route } from './+types/shell';
import { requireUser } from '../lib/session.server';
import { useI18n, useRoot } from '../i18n/t';
import { Csrf } from '../components/csrf';
import { LangSwitch } from '../components/lang-switch';
import type { MessageKey } from '../i18n/messages';
import { can, type Role } from '../lib/roles';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, context);
  return null;
}

const NAV: { to: string; key: MessageKey; end?: boolean; may?: (r: Role) => boolean }[] = [
  { to: '/', key: 'nav.dashboard', end: true },
  { to: '/skus', key: 'nav.skus' },
  { to: '/lots', key: 'nav.lots' },
  { to: '/movements', key: 'nav.movements' },
  { to: '/inbound', key: 'nav.inbound' },
  { to: '/imports', key: 'nav.imports' },
  { to: '/customers', key: 'nav.customers' },
  { to: '/validation', key: 'nav.validation' },
  { to: '/actions', key: 'nav.actions' },
  { to: '/ask', key: 'nav.ask' },
  { to: '/roi', key: 'nav.roi' },
  { to: '/alerts', key: 'nav.alerts', may: can.alerts },
  { to: '/audit', key: 'nav.audit', may: can.readAudit },
  { to: '/status', key: 'nav.status', may: can.readStatus },
  { to: '/settings', key: 'nav.settings' },
];

export default function Shell() {
  const { t } = useI18n();
  const { user } = useRoot();
  const navigating = useNavigation().state === 'loading';
  return (
    <div className="min-h-screen md:grid md:grid-cols-[13rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        {t('nav.skip')}
      </a>
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:flex-col md:border-b-0 md:border-r">
        <div className="px-4 py-4">
          <p className="text-lg font-bold text-brand-700">{t('app.name')}</p>
          <p className="truncate text-xs text-slate-600" title={user?.tenantName}>
            {user?.tenantName}
          </p>
        </div>
        <nav aria-label={t('nav.main')} className="flex gap-1 overflow-x-auto px-2 pb-2 md:flex-1 md:flex-col md:overflow-visible">
          {NAV.filter((n) => !n.may || (user && n.may(user.role))).map((n) => (
            <NavLink
              key={n.to}
              to={n.to}
              end={n.end}
              prefetch="intent"
              className={({ isActive }) =>
                `whitespace-nowrap rounded-md px-3 py-2 text-sm ${isActive ? 'bg-brand-50 font-semibold text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`
              }
            >
              {t(n.key)}
            </NavLink>
          ))}
        </nav>
        <div className="hidden space-y-2 border-t border-slate-200 p-3 text-xs md:block">
          <p className="truncate text-slate-700" title={user?.email}>
            {user?.email}
          </p>
          <p className="text-slate-600">{user ? t(`role.${user.role}`) : ''}</p>
          <LangSwitch />
          <Form method="post" action="/logout">
            <Csrf />
            <button className="rounded-md px-2 py-1 text-slate-700 underline hover:bg-slate-100">{t('user.logout')}</button>
          </Form>
        </div>
      </aside>
      <div className="min-w-0">
        <div className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 text-xs md:hidden">
          <span className="truncate">{user?.email}</span>
          <LangSwitch />
          <Form method="post" action="/logout">
            <Csrf />
            <button className="underline">{t('user.logout')}</button>
          </Form>
        </div>
        <div aria-hidden className={`h-0.5 bg-brand-600 transition-opacity ${navigating ? 'opacity-100' : 'opacity-0'}`} />
        <main id="main" className="mx-auto max-w-7xl p-4 md:p-6">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
