// An API problem as the web app holds it, and the sentence a person reads for it, in the page's
// language (apart from the API client, so it can be used and tested without it).
import type { Lang } from './format';
import { catalogs } from '../i18n/messages';
import { translator } from '../i18n/t';

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** The detail in Korean, when the API has it (imports' refusals). */
  detailKo?: string;
  errors?: { path?: string; row?: number; column?: string; message: string; messageKo?: string | null }[];
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
    /** The language of the page that asked: its sentence is said in it (problemSentence). */
    readonly lang: Lang = 'en',
  ) {
    super(body.detail ?? body.title ?? `The server answered ${status}.`);
  }
}

/** The API's detail for a plain role refusal (lib/problem.ts: forbidden()); anything else is a reason worth showing. */
const ROLE_REFUSED = 'Your role does not allow this action.';

/**
 * A plain sentence for a problem, in the user's words rather than the API's codes, in the page's
 * language: the web app's own sentences from its catalog, the API's Korean (`detailKo`,
 * `messageKo`) on Korean pages when it sent one, else the API's English.
 */
export function problemSentence(p: ApiProblem): string {
  const t = translator(catalogs[p.lang]);
  const ko = p.lang === 'ko';
  // A refusal with its own reason (over the approval threshold, one's own proposal) says it.
  if (p.status === 403)
    return p.body.detail && p.body.detail !== ROLE_REFUSED ? (ko && p.body.detailKo) || p.body.detail : t('problem.role');
  if (p.status === 404) return t('problem.notFound');
  if (p.status === 429) return t('problem.tooMany');
  if (p.status >= 500) return t('problem.server');
  const first = p.body.errors?.[0];
  const where = first
    ? ` (${[first.row ? t('problem.row', { row: first.row }) : '', first.column ?? first.path ?? ''].filter(Boolean).join(', ')}: ${(ko && first.messageKo) || first.message})`
    : '';
  return `${(ko && p.body.detailKo) || p.message}${where}`;
}
