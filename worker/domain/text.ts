/**
 * Engine text in both of the web app's languages (ADR 025): every sentence the engine writes for a
 * planner is made once, by one function, in English and Korean from the same numbers, and travels
 * as the English field plus its `…Ko` sibling (`reason` + `reasonKo`). The web app cannot import
 * the engine, so the Korean must be written here, next to the English it mirrors.
 */
import type { ModelName } from './forecast/model';

export type TextLang = 'en' | 'ko';

/** One sentence in both languages. */
export interface Text2 {
  en: string;
  ko: string;
}

/** `{ reason, reasonKo }` of a two-language reason, to spread into a record. */
export function reasonOf(t: Text2): { reason: string; reasonKo: string } {
  return { reason: t.en, reasonKo: t.ko };
}

/** The same prefix (a warehouse, a lot) before both languages: "NJ1: …". */
export function prefixed(prefix: string, t: Text2): Text2 {
  return { en: `${prefix}: ${t.en}`, ko: `${prefix}: ${t.ko}` };
}

/** A record's text in `lang`: the `…Ko` sibling on Korean when it exists (older records lack it), else the English. */
export function textIn<K extends string>(lang: TextLang, x: { [P in K]: string } & { [P in `${K}Ko`]?: string | null }, key: K): string {
  const ko = lang === 'ko' ? (x as Record<string, unknown>)[`${key}Ko`] : undefined;
  return typeof ko === 'string' && ko ? ko : x[key];
}

/** Days as English counts them: "1 day", "3 days" (Korean has no plural: "3일"). */
export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** A probability as the engine's English writes it, without the space Korean does not use: "12 %" / "12%". */
export function pct(p: number): Text2 {
  const n = Math.round(p * 100);
  return { en: `${n} %`, ko: `${n}%` };
}

/** A lot's status in Korean (the web app's lot.status.* words). */
export const LOT_STATUS_KO: Record<string, string> = {
  available: '사용 가능',
  quarantine: '격리',
  hold: '보류',
  damaged: '파손',
  expired: '만료',
  consumed: '소진',
  archived: '보관 처리',
};

/** Confidence levels in Korean. */
export const CONFIDENCE_KO: Record<string, string> = { high: '높음', medium: '보통', low: '낮음' };

/**
 * Forecast models by name in Korean, for the engine's Korean sentences (a confidence note, a
 * selection reason, Ask's account). The web app's `model.name.*` words say the same (tested).
 */
export const MODEL_KO: Record<ModelName, string> = {
  'moving-average': '이동평균',
  ses: '단순 지수평활',
  'holt-winters': '홀트-윈터스 계절 평활',
  'linear-trend': '선형 추세',
  'seasonal-naive': '계절 나이브',
  croston: '크로스턴',
  sba: 'SBA 보정 크로스턴',
  tsb: 'TSB 간헐 수요',
  profile: '요일·계절 수요 프로필',
};

/** A model's name in `lang`: Korean for the models above, the name as it is otherwise. */
export function modelName(lang: TextLang, name: string): string {
  return lang === 'ko' ? ((MODEL_KO as Record<string, string>)[name] ?? name) : name;
}
