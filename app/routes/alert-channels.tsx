// Resource route behind the alert-channels section of /settings (admins): list, add, change, remove
// and test channels through the API. The section loads and posts here with fetchers.
import { data } from 'react-router';
import type { Route } from './+types/alert-channels';
import { api, load } from '../lib/api.server';
import { attempt, formAction, type ActionResult } from '../lib/forms.server';
import { requireUser } from '../lib/session.server';
import { serverT } from '../lib/lang.server';

export interface Channel {
  id: string;
  name: string;
  type: 'webhook' | 'slack' | 'whatsapp' | 'email';
  url: string;
  hasSecret: boolean;
  to: string | null;
  from: string | null;
  kinds: string[];
  minSeverity: 'info' | 'warning' | 'critical';
  active: boolean;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  return load(() => api(context, request, token).get<{ items: Channel[] }>('/api/alert-channels'));
}

export async function action({ request, context }: Route.ActionArgs) {
  const { form, api } = await formAction(request, context);
  const s = (k: string) => String(form.get(k) ?? '').trim();
  const id = encodeURIComponent(s('id'));
  const kinds = form.getAll('kinds').map(String);
  switch (s('intent')) {
    case 'test': {
      // The API answered, but the channel's endpoint refused the test message: a bad gateway
      // (502), not a 200. A refusal by the API itself keeps its own status (attempt).
      let failed = null as string | null;
      const r = await attempt(async () => {
        const t = await api.send<{ ok: boolean; status?: number; error?: string }>('POST', `/api/alert-channels/${id}/test`);
        if (!t.ok) failed = t.error ?? `HTTP ${t.status}`;
        return t;
      }, 'chan.tested');
      return failed === null
        ? r
        : data({ ok: false, error: serverT(request)('chan.testRefused', { error: failed }) } as ActionResult, { status: 502 });
    }
    case 'delete':
      return attempt(() => api.send('DELETE', `/api/alert-channels/${id}`), 'chan.deleted');
    case 'update':
      return attempt(
        () => api.send('PATCH', `/api/alert-channels/${id}`, { kinds, minSeverity: s('minSeverity'), active: form.get('active') === 'on' }),
        'chan.saved',
      );
    default: {
      const body: Record<string, unknown> = { name: s('name'), type: s('type'), url: s('url'), kinds, minSeverity: s('minSeverity') };
      for (const k of ['secret', 'to', 'from']) if (s(k)) body[k] = s(k);
      return attempt(() => api.send('POST', '/api/alert-channels', body), 'chan.created');
    }
  }
}
