// /actions/<id>: one action's own address (a notice or a message links here). The action is shown
// where it is worked on: the queue, on its tab and SKU, with its row open (/actions?open=<id>).
import { redirect } from 'react-router';
import type { Route } from './+types/action-link';
import { requireUser } from '../lib/session.server';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireUser(request, context);
  return redirect(`/actions?${new URLSearchParams({ open: params.id })}`);
}
