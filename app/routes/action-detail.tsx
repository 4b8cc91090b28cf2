// One action with its notes and evidence, loaded when a row of the queue is opened.
import type { Route } from './+types/action-detail';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';
import type { ActionDetailResponse } from '../lib/types';

/** What the queue's opened row reads of GET /api/actions/:id (its shapes are the API's, through AppType). */
export type ActionDetail = Pick<ActionDetailResponse, 'id' | 'evidence' | 'outcome' | 'notes'>;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  return load(() => api(context, request, token).get<ActionDetail>(`/api/actions/${encodeURIComponent(params.id)}`));
}
