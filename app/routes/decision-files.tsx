// Downloads of the decision pages, passed through from the API with the user's token: the action
// queue's view (CSV, XLSX), purchase orders per supplier (CSV, XLSX), the week's ROI as CSV and the
// audit log as CSV. The query string (queue filters and sort, supplier, week, audit filters) goes
// along unchanged, with the page's language (`lang=ko` on Korean pages: the file names its columns
// and codes in Korean); the API checks role and input.
import type { Route } from './+types/decision-files';
import { ApiProblem, api, problemSentence, type ProblemBody } from '../lib/api.server';
import { fileQuery, langOf } from '../lib/lang.server';
import { requireUser } from '../lib/session.server';

// A Map: the path is the request's, and a plain object would answer `/constructor` with its prototype's member.
const FILES = new Map<string, string>([
  ['/actions.csv', '/api/actions.csv'],
  ['/actions.xlsx', '/api/actions.xlsx'],
  ['/actions/purchase-orders.csv', '/api/actions/purchase-orders.csv'],
  ['/actions/purchase-orders.xlsx', '/api/actions/purchase-orders.xlsx'],
  ['/roi.csv', '/api/roi.csv'],
  ['/audit.csv', '/api/audit.csv'],
]);

export async function loader({ request, context }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const url = new URL(request.url);
  const target = FILES.get(url.pathname);
  if (!target) throw new Response('Not found', { status: 404 });
  const res = await api(context, request, token).raw(`${target}${fileQuery(request, url.search)}`);
  if (!res.ok) {
    // The refusal in the page's language (the API's detailKo on Korean pages, ADR 029).
    const body = (await res.json().catch(() => ({}))) as ProblemBody;
    throw new Response(problemSentence(new ApiProblem(res.status, body, langOf(request))), { status: res.status });
  }
  const headers = new Headers();
  for (const h of ['content-type', 'content-disposition']) if (res.headers.get(h)) headers.set(h, res.headers.get(h)!);
  return new Response(res.body, { status: 200, headers });
}
