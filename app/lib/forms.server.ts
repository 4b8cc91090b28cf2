// Form actions: read the form, check origin and CSRF token, give back the signed-in user and API.
import type { RouterContextProvider } from 'react-router';
import { api, ApiProblem, problemSentence } from './api.server';
import { checkCsrf, requireUser } from './session.server';

export async function formAction(request: Request, context: Readonly<RouterContextProvider>) {
  const signed = await requireUser(request, context);
  const form = await request.formData();
  checkCsrf(request, form, signed.csrf);
  return { ...signed, form, api: api(context, request, signed.token) };
}

export type ActionResult =
  { ok: true; message?: string; data?: unknown } | { ok: false; error: string; errors?: ApiProblem['body']['errors'] };

/** Runs an API call for an action; a problem becomes a sentence the form shows. */
export async function attempt<T>(fn: () => Promise<T>, message?: string): Promise<ActionResult> {
  try {
    const data = await fn();
    return { ok: true, message, data };
  } catch (e) {
    if (e instanceof ApiProblem) return { ok: false, error: problemSentence(e), errors: e.body.errors };
    throw e;
  }
}
