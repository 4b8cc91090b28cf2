// Resource route: how many stock movements were posted since a plan was built (and the last one's
// time), so a page built on that plan can say its lists have not caught up yet. A planner who has
// just executed a transfer otherwise sees the old quantities until the next refresh publishes.
import type { Route } from './+types/stock-changes';
import { api, ApiProblem } from '../lib/api.server';
import { requireUser } from '../lib/session.server';

export interface StockChanges {
  /** Movements posted after `since`. */
  count: number;
  /** When the latest of them was posted (ISO instant), or null. */
  lastAt: string | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export async function loader({ request, context }: Route.LoaderArgs): Promise<StockChanges | null> {
  const { token } = await requireUser(request, context);
  const since = new URL(request.url).searchParams.get('since') ?? '';
  // Only an instant the API wrote (a plan's builtAt); anything else is no question.
  if (!INSTANT.test(since) || Number.isNaN(Date.parse(since))) return null;
  try {
    const page = await api(context, request, token).get<{ items: { createdAt: string }[]; total: number }>('/api/movements', {
      after: since,
      pageSize: 1,
    });
    return { count: page.total, lastAt: page.items[0]?.createdAt ?? null };
  } catch (e) {
    // A role without the ledger, or the API busy: the page simply says nothing.
    if (e instanceof ApiProblem) return null;
    throw e;
  }
}
