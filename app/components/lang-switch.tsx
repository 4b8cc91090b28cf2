import { Form, useLocation } from 'react-router';
import { useI18n } from '../i18n/t';
import { Csrf } from './csrf';

/** English / 한국어: a form, so it works before scripts load. */
export function LangSwitch() {
  const { t, lang } = useI18n();
  const location = useLocation();
  return (
    <Form method="post" action="/lang" className="flex items-center gap-1 text-sm" aria-label={t('lang.label')}>
      <Csrf />
      <input type="hidden" name="next" value={location.pathname + location.search} />
      {(['en', 'ko'] as const).map((l) => (
        <button
          key={l}
          name="lang"
          value={l}
          aria-pressed={lang === l}
          lang={l}
          className={`rounded px-2 py-1 ${lang === l ? 'bg-brand-100 font-semibold text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </Form>
  );
}
