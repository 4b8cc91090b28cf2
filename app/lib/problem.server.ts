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
  errors?: FieldProblem[];
}

/** One field's problem as the API sends it (worker/lib/field-messages.ts, ADR 029). */
export interface FieldProblem {
  path?: string;
  field?: string;
  label?: string;
  labelKo?: string;
  code?: string;
  row?: number;
  column?: string;
  message: string;
  messageKo?: string | null;
  limit?: Record<string, unknown>;
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
  const where = first ? ` (${whereIn(first, ko, t)}${fieldSentence(first, ko)})` : '';
  return `${(ko && p.body.detailKo) || p.message}${where}`;
}

/**
 * "row 3, sku: " before a field's sentence: its row and its name — the label in the page's
 * language, else the file's column, else (English pages) the path. A Korean page never names a
 * field by its JSON key ("lotId: …"): without a Korean label the sentence stands alone. A sentence
 * that names its field by label already ("Quantity must be…") is not prefixed with it again.
 */
function whereIn(e: FieldProblem, ko: boolean, t: ReturnType<typeof translator>): string {
  const said = fieldSentence(e, ko);
  const label = ko ? e.labelKo : e.label;
  const name = label ? (said.includes(label) ? '' : label) : (e.column ?? (ko ? '' : (e.field ?? e.path ?? '')));
  const parts = [e.row ? t('problem.row', { row: e.row }) : '', name].filter(Boolean);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** A field's sentence in the page's language: the API's Korean on Korean pages when it sent one. */
export const fieldSentence = (e: FieldProblem, ko: boolean) => (ko && e.messageKo) || e.message;

/**
 * Each field's sentence in the page's language, by the API's field path (`quantity`,
 * `settings.serviceLevels.AX`): what a form shows next to the field it belongs to. The first
 * problem of a field wins.
 */
export function fieldSentences(p: ApiProblem): Record<string, string> {
  const ko = p.lang === 'ko';
  const out: Record<string, string> = {};
  for (const e of p.body.errors ?? []) {
    const key = e.field ?? e.path;
    if (key && !(key in out)) out[key] = fieldSentence(e, ko);
  }
  return out;
}
