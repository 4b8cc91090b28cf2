// One action with its notes and evidence, loaded when a row of the queue is opened.
import type { Route } from './+types/action-detail';
import { api, load } from '../lib/api.server';
import { requireUser } from '../lib/session.server';

export interface ActionDetail {
  id: string;
  evidence: Record<string, unknown>;
  outcome: Record<string, unknown> | null;
  notes: { id: string; author: string; text: string; createdAt: string }[];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  return load(() => api(context, request, token).get<ActionDetail>(`/api/actions/${encodeURIComponent(params.id)}`));
}
