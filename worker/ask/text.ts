// One canonical form for questions and catalogue names: NFKC, lower case, Korean romanised,
// common spelling variants folded, pack sizes dropped from names. Matching happens on tokens of it.
import { romanizeHangul } from './hangul';

/** Spelling variants planners type → the catalogue's spelling. */
const VARIANTS: Record<string, string> = {
  ramyun: 'ramyeon',
  ramen: 'ramyeon',
  ramyon: 'ramyeon',
  ramyeun: 'ramyeon',
  rameon: 'ramyeon',
  ramyeon: 'ramyeon',
  gimchi: 'kimchi',
  kimchee: 'kimchi',
  kimchy: 'kimchi',
  kochujang: 'gochujang',
  gochoojang: 'gochujang',
  kochuchang: 'gochujang',
  dwenjang: 'doenjang',
  denjang: 'doenjang',
  toenjang: 'doenjang',
  ddukbokki: 'tteokbokki',
  dukbokki: 'tteokbokki',
  topokki: 'tteokbokki',
  ddeokbokki: 'tteokbokki',
  tteokboki: 'tteokbokki',
  jajang: 'jjajang',
  jjajangmyeon: 'jjajang',
  jajangmyeon: 'jjajang',
  jjambbong: 'jjamppong',
  jjampong: 'jjamppong',
  champong: 'jjamppong',
  mandoo: 'mandu',
  dumpling: 'dumplings',
  bulgoki: 'bulgogi',
  neangmyeon: 'naengmyeon',
  naengmyun: 'naengmyeon',
  sikhe: 'sikhye',
  shikhye: 'sikhye',
  ttokbokki: 'tteokbokki',
  seaweeds: 'seaweed',
  noodle: 'noodles',
  chip: 'chips',
  cracker: 'crackers',
};

/** Brand and colloquial names → the generic catalogue phrase (applied to questions and names). */
const PHRASES: [RegExp, string][] = [
  [/\b(shin|sin) ?ramyeon\b/g, 'spicy beef ramyeon'],
  [/\bramyeon (shin|sin)\b/g, 'spicy beef ramyeon'],
  [/\bbuldak\b/g, 'hot chicken'],
  [/\bhoney ?butter\b/g, 'honey butter'],
];

/** Korean day counts and calendar phrases, before romanisation. */
const KOREAN_TIME: [RegExp, string][] = [
  [/(\d+)\s*일/g, ' $1 days '],
  [/(\d+)\s*주/g, ' $1 weeks '],
  [/(\d+)\s*(개월|달)/g, ' $1 months '],
  [/이번\s*주/g, ' this week '],
  [/다음\s*주/g, ' next week '],
  [/다음\s*달/g, ' next month '],
  [/(다음|이번)\s*분기/g, ' next quarter '],
  [/(\d+)\s*분기/g, ' $1 quarters '],
  [/이미\s*(유통기한이\s*)?(만료|지난)/g, ' already expired '],
  [/유통기한이?\s*지난/g, ' already expired '],
  [/폐기\s*(처리)?\s*(안\s*된|하지\s*않은|되지\s*않은)/g, ' not written off '],
  [/지난\s*주/g, ' last week '],
];

// C0/C1 controls, bidi overrides and zero-width characters never carry meaning in a question.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

export function canonical(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, ' ').toLowerCase();
  for (const [re, to] of KOREAN_TIME) s = s.replace(re, to);
  s = romanizeHangul(s);
  // Hyphens split words ("stock-outs", "KR-NDL-001"): codes are found again from adjacent tokens.
  s = s.replace(/[’']/g, '').replace(/[^a-z0-9.\s]+/g, ' ');
  s = s.replace(/(^|\s)\.+|\.+(\s|$)/g, ' ');
  s = s
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => VARIANTS[t] ?? t)
    .join(' ');
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  return s;
}

export const tokens = (canonicalText: string) => canonicalText.split(' ').filter(Boolean);

/** Pack sizes and counts say nothing about which product is meant: "120g", "x5", "1.5kg", "12ct", "2". */
const SIZE = /^(x?\d+(\.\d+)?(g|kg|ml|l|lb|lbs|oz|ct|pk|pack|packs|servings?)?|x\d+)$/;

/** A catalogue name's tokens for matching: canonical, hyphens split, sizes dropped. */
export function nameTokens(name: string): string[] {
  return tokens(canonical(name)).filter((t) => !SIZE.test(t) && t !== '.');
}
