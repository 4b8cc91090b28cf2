// Form actions: read the form, check origin and CSRF token, check the role, give back the
// signed-in user and API. Every refusal is an HTTP status, not a page that merely says so: a
// forged post answers 403 whether the web app or the API refuses it.
import { data, type RouterContextProvider } from 'react-router';
import { api, ApiProblem, problemSentence } from './api.server';
import { fieldSentences } from './problem.server';
import type { Role } from './roles';
import { checkCsrf, requireUser } from './session.server';
import { serverT } from './lang.server';

export type ActionResult =
  | { ok: true; message?: string; data?: unknown }
  | {
      ok: false;
      error: string;
      errors?: ApiProblem['body']['errors'];
      /** Each field's sentence in the page's language, by the API's field path: shown next to the field. */
      fields?: Record<string, string>;
      /** Which of the page's forms was posted (a page with several shows field sentences on that one only). */
      form?: string;
      /** A proposal refused as a duplicate: the open action that already does it (the form offers "Propose anyway"). */
      duplicateOf?: string;
      /** That open action as a person recognises it (null when it could not be read): the notice links to it. */
      openAction?: OpenAction | null;
      /** A proposal refused because open actions already ask the lot for its units (409 lot-over-committed). */
      overCommitted?: { available: number; onHand: number; committed: OpenAction[] };
      /** The refusals the proposer already overrode for these fields ("duplicate", "overCommit"): "Propose anyway" sends them again. */
      confirmed?: string[];
    };

/** An open action named in a notice: what it does, to what, by whom and when. */
export interface OpenAction {
  id: string;
  kind: string;
  state: string;
  sku: string;
  quantity: number;
  lotId: string | null;
  warehouse: string | null;
  toWarehouse: string | null;
  customerId: string | null;
  discountPct: number | null;
  proposedBy: string;
  createdAt: string;
}

/**
 * The signed-in user, the posted form and the API client for an action.
 * `allowed` (from `can` in roles.ts) is checked before the API is asked: a role that may not use
 * the action gets 403 here. The API still decides every request (its 403 also becomes a 403, in
 * `attempt`). Throws a redirect to /login without a session, 403 for a bad origin or CSRF token.
 */
export async function formAction(request: Request, context: Readonly<RouterContextProvider>, allowed?: (role: Role) => boolean) {
  const signed = await requireUser(request, context);
  const form = await request.formData();
  checkCsrf(request, form, signed.csrf);
  if (allowed && !allowed(signed.user.role)) throw data(serverT(request)('problem.role'), { status: 403 });
  return { ...signed, form, api: api(context, request, signed.token) };
}

/** An action's answer to input it refuses before calling the API (400, shown by the form). */
export const refuse = (error: string, status = 400) => data({ ok: false, error } satisfies ActionResult, { status });

/**
 * Runs an API call for an action; a problem becomes a sentence the form shows, and each field's
 * own sentence (`fields`, in the page's language) to show next to it, sent with the API's status
 * (403 stays 403, 422 stays 422), so no refusal ever answers 200. `form` names the posted form.
 */
export async function attempt<T>(fn: () => Promise<T>, message?: string, form?: string) {
  try {
    const result = await fn();
    return { ok: true, message, data: result } as ActionResult;
  } catch (e) {
    if (e instanceof ApiProblem)
      return data({ ok: false, error: problemSentence(e), errors: e.body.errors, fields: fieldSentences(e), form } as ActionResult, {
        status: e.status >= 400 && e.status < 600 ? e.status : 500,
      });
    throw e;
  }
}
