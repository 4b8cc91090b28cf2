import { useMatches } from 'react-router';
import { useRoot } from '../i18n/t';

/** The session's CSRF token (a page that just created the session passes it in its own data). */
export function useCsrf(): string {
  const { csrf } = useRoot();
  const matches = useMatches();
  return csrf ?? matches.map((m) => (m.loaderData as { csrf?: string } | undefined)?.csrf).find(Boolean) ?? '';
}

/** The hidden field every form posts back. */
export function Csrf() {
  return <input type="hidden" name="csrf" value={useCsrf()} />;
}
