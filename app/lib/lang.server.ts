import type { Lang } from './format';
import { catalogs } from '../i18n/messages';
import { translator, type T } from '../i18n/t';

export const LANG_COOKIE = 'lotwise_lang';

/** The chosen language: the cookie, else the browser's preference, else English. */
export function langOf(request: Request): Lang {
  const cookie = request.headers.get('Cookie') ?? '';
  const m = cookie.match(new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(en|ko)`));
  if (m) return m[1] as Lang;
  return /^ko\b/i.test(request.headers.get('Accept-Language') ?? '') ? 'ko' : 'en';
}

export const langCookie = (lang: Lang) => `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; Secure`;

/**
 * An API file's query in the page's language: `lang=ko` on Korean pages, so a download carries the
 * Korean the page shows (column names, the words for states, kinds and statuses); English pages
 * ask for the file as it always was.
 */
export function fileQuery(request: Request, search = ''): string {
  const params = new URLSearchParams(search);
  params.delete('lang');
  if (langOf(request) === 'ko') params.set('lang', 'ko');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** t() in the request's language, for the server's own sentences (refusals, problems). */
export const serverT = (request: Request): T => translator(catalogs[langOf(request)]);
