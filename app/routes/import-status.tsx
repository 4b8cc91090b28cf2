// Resource routes for imports: live status (polled by the page), the errors as CSV, the templates.
import type { Route } from './+types/import-status';
import { api, load } from '../lib/api.server';
import { fileQuery } from '../lib/lang.server';
import { requireUser } from '../lib/session.server';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { token } = await requireUser(request, context);
  const a = api(context, request, token);
  if (params.file) return passThrough(await a.raw(`/api/templates/${encodeURIComponent(params.file)}`));
  // The errors in the page's language (Korean messages on Korean pages); a template stays the template.
  if (new URL(request.url).pathname.endsWith('/errors.csv'))
    return passThrough(await a.raw(`/api/imports/${encodeURIComponent(params.id!)}/errors.csv${fileQuery(request)}`));
  return load(() => a.get<ImportStatus>(`/api/imports/${encodeURIComponent(params.id!)}`));
}

function passThrough(res: Response) {
  const headers = new Headers();
  for (const h of ['content-type', 'content-disposition']) if (res.headers.get(h)) headers.set(h, res.headers.get(h)!);
  return new Response(res.body, { status: res.status, headers });
}

export interface ImportStatus {
  id: string;
  entity: string;
  fileName: string;
  source: string;
  status: 'queued' | 'parsing' | 'validating' | 'committing' | 'done' | 'failed';
  rowsTotal: number;
  rowsProcessed: number;
  rowsOk: number;
  rowsFailed: number;
  rowsSkipped: number;
  progress: number;
  errorCount: number;
  message: string | null;
  /** The message in Korean (the API's reading of it); null when it has none. */
  messageKo?: string | null;
  createdBy: string;
  createdAt: string;
  errors?: { row: number; column: string | null; value: string | null; message: string; messageKo?: string | null }[];
}
