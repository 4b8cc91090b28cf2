import { redirect } from 'react-router';
import type { Route } from './+types/lang';
import { checkCsrf, getSession, safeNext } from '../lib/session.server';
import { langCookie } from '../lib/lang.server';

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const { session } = await getSession(request, context);
  checkCsrf(request, form, session.get('csrf'));
  const lang = form.get('lang') === 'ko' ? 'ko' : 'en';
  const next = String(form.get('next') ?? '/');
  throw redirect(next.startsWith('/login') ? next : safeNext(next), { headers: { 'Set-Cookie': langCookie(lang) } });
}

export const loader = () => redirect('/');
