import { redirect } from 'react-router';
import type { Route } from './+types/logout';
import { checkCsrf, getSession } from '../lib/session.server';

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const { session, destroy } = await getSession(request, context);
  checkCsrf(request, form, session.get('csrf'));
  throw redirect('/login', { headers: { 'Set-Cookie': await destroy(session) } });
}

export const loader = () => redirect('/');
